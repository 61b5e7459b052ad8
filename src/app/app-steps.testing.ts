// What she does on the first screens, as the component tests of the app's frame drive it.
import { fireEvent, screen } from '@testing-library/preact';

/** Types a demo account's name and password into the sign-in form, and sends it. */
export function signIn(username = 'lko.caseworker'): void {
  const form = screen.getByTestId('sign-in-page');
  fireEvent.input(form.querySelector('[name="username"]')!, { target: { value: username } });
  fireEvent.input(form.querySelector('[name="password"]')!, {
    target: { value: 'sakhi-demo-2026' },
  });
  fireEvent.click(screen.getByTestId('sign-in-submit'));
}

/** Chooses a PIN on the set-PIN screen, typing it twice, and sends it. */
export function choosePin(pin = '482915'): void {
  const setPin = screen.getByTestId('set-pin-page');
  fireEvent.input(setPin.querySelector('[name="new-pin"]')!, { target: { value: pin } });
  fireEvent.input(setPin.querySelector('[name="repeat-pin"]')!, { target: { value: pin } });
  fireEvent.click(screen.getByTestId('set-pin-submit'));
}
