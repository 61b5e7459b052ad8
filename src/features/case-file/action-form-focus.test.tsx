import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { caseFileMessages } from '../../i18n/messages-case-file.ts';
import { openCase } from './case-file.testing.tsx';

const en = caseFileMessages.en;

afterEach(() => {
  cleanup();
});

describe('case page: where the keyboard goes when a form opens', () => {
  it.each([
    ['details', 'details-form'],
    ['service', 'service-form'],
    ['stay', 'stay-form'],
    ['referral', 'referral-form'],
    ['followUp', 'follow-up-form'],
    ['note', 'note-form'],
    ['closure', 'closure-form'],
  ])('opening the %s form moves focus to its heading, inside the form', async (action, form) => {
    await openCase();
    const button = screen.getByTestId(`action-${action}`);
    button.focus();
    fireEvent.click(button);
    const opened = await screen.findByTestId(form);
    await waitFor(() => expect(document.activeElement?.tagName).toBe('H4'));
    expect(opened.contains(document.activeElement)).toBe(true);
  });

  it('a form opened from the timeline takes focus too', async () => {
    await openCase();
    fireEvent.click(screen.getByTestId('action-followUp'));
    const form = await screen.findByTestId('follow-up-form');
    fireEvent.input(form.querySelector('[name="dueDate"]')!, { target: { value: '2030-03-12' } });
    fireEvent.change(form.querySelector('[name="mode"]')!, { target: { value: 'phone' } });
    fireEvent.click(screen.getByTestId('follow-up-form-save'));
    const entry = await screen.findByTestId('entry-followUp');
    const markDone = [...entry.querySelectorAll('button')].find(
      (button) => button.textContent === en.markDone,
    )!;
    markDone.focus();
    fireEvent.click(markDone);
    const doneForm = await screen.findByTestId('follow-up-done-form');
    await waitFor(() => expect(doneForm.contains(document.activeElement)).toBe(true));
  });
});
