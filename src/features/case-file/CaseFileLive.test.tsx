import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { runScreenTestsOn } from '../../shell/screen-tests.testing.ts';
import { pulledCaseEdit, storePulledPage } from '../../data/pulled-records.testing.ts';
import { fieldIn, openCase } from './case-file.testing.tsx';

runScreenTestsOn();

describe('case page follows the store', () => {
  it('shows a phone number another tablet changed as soon as the pull stores it', async () => {
    const { store, registered } = await openCase({ survivorPhone: '9876543210' });
    expect(screen.getByTestId('case-summary').textContent).toContain('9876543210');

    await storePulledPage(store, [
      pulledCaseEdit(store, registered.id, { survivorPhone: '9123456780' }),
    ]);
    await waitFor(() =>
      expect(screen.getByTestId('case-summary').textContent).toContain('9123456780'),
    );
    expect(screen.getByTestId('case-summary').textContent).not.toContain('9876543210');
  });

  it('never overwrites what she is typing: the open form keeps her input while the summary updates', async () => {
    const { store, registered } = await openCase({ survivorPhone: '9876543210' });
    fireEvent.click(screen.getByTestId('action-details'));
    const form = screen.getByTestId('details-form');
    fireEvent.input(fieldIn(form, 'survivorName'), { target: { value: 'सुनीता कुमारी' } });

    await storePulledPage(store, [
      pulledCaseEdit(store, registered.id, {
        survivorName: 'सुनीता देवी (दूसरा टैबलेट)',
        survivorPhone: '9123456780',
      }),
    ]);
    await waitFor(() => expect(screen.getByTestId('case-name').textContent).toContain('दूसरा टैबलेट'));
    expect(screen.getByTestId('details-form')).toBe(form);
    expect(fieldIn(form, 'survivorName').value).toBe('सुनीता कुमारी');
    await waitFor(() => expect(fieldIn(form, 'survivorPhone').value).toBe('9123456780'));
  });

  it('marks the case "not yet at headquarters" while its changes wait, and drops the mark once acknowledged', async () => {
    const { store } = await openCase();
    expect((await screen.findByTestId('case-not-yet-sent')).textContent).toContain(
      'Not yet at headquarters',
    );

    await store.db.outbox.clear();
    await waitFor(() => expect(screen.queryByTestId('case-not-yet-sent')).toBeNull());
  });
});
