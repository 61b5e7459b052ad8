import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { useRef } from 'preact/hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { firstInvalidControl, useFocusOnRequest } from './focus-on-request.ts';

afterEach(() => {
  cleanup();
});

/** A step with a heading and a form, as the intake has: either can be asked for focus. */
function Step({ isRiskMissing }: { readonly isRiskMissing: boolean }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const focusHeading = useFocusOnRequest(() => headingRef.current);
  const focusFirstToFix = useFocusOnRequest(() => firstInvalidControl(formRef.current));
  return (
    <div>
      <h3 ref={headingRef} tabIndex={-1}>
        Risk
      </h3>
      <form ref={formRef}>
        <input aria-label="name" />
        <fieldset class={isRiskMissing ? 'field field-invalid' : 'field'}>
          <legend>Risk level</legend>
          <input type="radio" name="risk" aria-label="low" />
          <input type="radio" name="risk" aria-label="high" />
        </fieldset>
        <input aria-label="phone" aria-invalid="true" />
      </form>
      <button type="button" onClick={focusHeading}>
        next
      </button>
      <button type="button" onClick={focusFirstToFix}>
        check
      </button>
      <button
        type="button"
        onClick={() => {
          focusHeading();
          focusFirstToFix();
        }}
      >
        both
      </button>
    </div>
  );
}

describe('focus on request', () => {
  it('moves focus only when asked, and again at every request', () => {
    render(<Step isRiskMissing={false} />);
    // Nothing asked yet: focus stays where the page left it.
    expect(document.activeElement).toBe(document.body);
    const next = screen.getByRole('button', { name: 'next' });
    fireEvent.click(next);
    // Right after the render the click caused.
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Risk' }));
    next.focus();
    fireEvent.click(next);
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Risk' }));
  });

  it('goes to the first thing to fix in reading order: a field, or an unanswered question', () => {
    const { rerender } = render(<Step isRiskMissing={false} />);
    fireEvent.click(screen.getByRole('button', { name: 'check' }));
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'phone' }));
    rerender(<Step isRiskMissing={true} />);
    fireEvent.click(screen.getByRole('button', { name: 'check' }));
    expect(document.activeElement).toBe(screen.getByRole('radio', { name: 'low' }));
  });

  it('of two asked at once, the one declared last wins', () => {
    render(<Step isRiskMissing={false} />);
    fireEvent.click(screen.getByRole('button', { name: 'both' }));
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'phone' }));
  });

  it('finds nothing to fix in a form with nothing marked, or no form', () => {
    const form = document.createElement('form');
    form.innerHTML = '<input><fieldset class="field"><input type="radio"></fieldset>';
    expect(firstInvalidControl(form)).toBeNull();
    expect(firstInvalidControl(null)).toBeNull();
  });
});
