import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestStore, sampleIntake, testStaff } from '../../data/case-store.testing.ts';
import type { CentreStaffMember } from '../../domain/auth-protocol.ts';
import { renderScreen } from '../../shell/stores.testing.tsx';
import { CaseListPage } from './CaseListPage.tsx';
import { CaseloadPage } from './CaseloadPage.tsx';

afterEach(cleanup);

const nurseId = '01900000-0000-7000-8000-00000000a003';
const centreStaff: CentreStaffMember[] = [
  { id: testStaff.manager.userId, displayName: testStaff.manager.displayName, role: 'manager' },
  { id: testStaff.caseworker.userId, displayName: 'Kavita', role: 'caseworker' },
  { id: nurseId, displayName: 'Nurse Rekha', role: 'nurse' },
];

async function storeWithCases(staff: (typeof testStaff)[keyof typeof testStaff]) {
  const store = await openTestStore({ staff });
  const caseworker = testStaff.caseworker.userId;
  const register = async (name: string, assignedStaffIds: string[]) => {
    store.time += 1_000;
    return store.cases.registerCase(sampleIntake({ survivorName: name, assignedStaffIds }));
  };
  await register('Meena', [caseworker]);
  const due = await register('Sita', [caseworker, nurseId]);
  await store.cases.addEntry(due.id, 'followUp', {
    dueDate: '2026-01-01',
    mode: 'phone',
    doneAt: null,
    outcome: null,
    notes: null,
  });
  const closed = await register('Gita', [caseworker]);
  await store.cases.updateCase(closed.id, { status: 'closed' });
  await register('Rani', [nurseId]);
  return store;
}

describe('CaseloadPage', () => {
  it("counts each staff member's open cases and due follow-ups, linking to her list", async () => {
    const store = await storeWithCases(testStaff.manager);
    await renderScreen(<CaseloadPage />, { lang: 'en', store, centreStaff });
    const row = await screen.findByTestId(`caseload-${testStaff.caseworker.userId}`);
    expect(within(row).getByTestId('caseload-open').textContent).toBe('2');
    expect(within(row).getByTestId('caseload-due').textContent).toBe('1');
    const nurse = screen.getByTestId(`caseload-${nurseId}`);
    expect(within(nurse).getByTestId('caseload-open').textContent).toBe('2');
    const manager = screen.getByTestId(`caseload-${testStaff.manager.userId}`);
    expect(within(manager).getByTestId('caseload-open').textContent).toBe('0');
    expect(within(row).getByRole('link').getAttribute('href')).toBe(
      `/cases/assigned/${testStaff.caseworker.userId}`,
    );
  });

  it('is the manager’s: a caseworker is told so', async () => {
    const store = await openTestStore();
    await renderScreen(<CaseloadPage />, { lang: 'hi', store, centreStaff });
    expect(screen.queryByTestId('caseload')).toBeNull();
    expect(screen.getByText(/केंद्र प्रबंधक/)).toBeTruthy();
  });
});

describe('the case list by assigned staff member', () => {
  it('shows "My cases" to the caseworker, and one colleague’s cases by name', async () => {
    const store = await storeWithCases(testStaff.caseworker);
    const { container } = await renderScreen(<CaseListPage />, { lang: 'en', store, centreStaff });
    // The filter loads after the first screen.
    const select = await waitFor(() => {
      const found = container.querySelector<HTMLSelectElement>('select[name="assignedTo"]');
      if (!found) throw new Error('the staff filter has not loaded yet');
      return found;
    });
    expect([...select.options].map((option) => option.text)).toEqual([
      'All cases',
      'My cases',
      testStaff.manager.displayName,
      'Nurse Rekha',
    ]);
    fireEvent.change(select, { target: { value: testStaff.caseworker.userId } });
    await waitFor(() => expect(screen.getByTestId('result-count').textContent).toContain('3'));
    fireEvent.change(select, { target: { value: nurseId } });
    await waitFor(() => expect(screen.getByTestId('result-count').textContent).toContain('2'));
    expect(screen.queryByTestId('caseload-link')).toBeNull();
  });

  it('opens on one staff member’s cases from the caseload’s link', async () => {
    const store = await storeWithCases(testStaff.manager);
    await renderScreen(<CaseListPage assignedTo={nurseId} />, { lang: 'en', store, centreStaff });
    await waitFor(() => expect(screen.getByTestId('result-count').textContent).toContain('2'));
    expect(await screen.findByTestId('caseload-link')).toBeTruthy();
  });
});
