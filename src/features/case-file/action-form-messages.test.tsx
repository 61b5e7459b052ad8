import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { caseFileMessages } from '../../i18n/messages-case-file.ts';
import { fieldIn, openCase } from './case-file.testing.tsx';

const en = caseFileMessages.en;

afterEach(() => {
  cleanup();
});

describe('case page: what-to-fix messages', () => {
  it('the service form drops "required" once a kind is chosen, before she saves again', async () => {
    await openCase();
    fireEvent.click(screen.getByTestId('action-service'));
    const form = screen.getByTestId('service-form');
    fireEvent.click(screen.getByTestId('service-form-save'));
    const kind = fieldIn(form, 'serviceKind');
    await waitFor(() => expect(kind.getAttribute('aria-invalid')).toBe('true'));
    expect(within(form).getAllByRole('alert')).toHaveLength(1);

    fireEvent.change(kind, { target: { value: 'counselling' } });
    await waitFor(() => expect(kind.getAttribute('aria-invalid')).toBe('false'));
    expect(within(form).queryAllByRole('alert')).toHaveLength(0);
    expect(form.textContent).not.toContain(en.saveFailed.split('{')[0]);
  });

  it('a required field is marked with an asterisk and told to a screen reader', async () => {
    await openCase();
    fireEvent.click(screen.getByTestId('action-service'));
    const kind = fieldIn(screen.getByTestId('service-form'), 'serviceKind');
    expect(kind.getAttribute('aria-required')).toBe('true');
    const label = document.querySelector(`label[for="${kind.id}"]`);
    expect(label?.querySelector('.field-required')?.textContent?.trim()).toBe('*');
  });
});
