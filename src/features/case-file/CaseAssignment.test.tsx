import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestStore, sampleIntake, testStaff } from '../../data/case-store.testing.ts';
import type { CentreStaffMember } from '../../domain/auth-protocol.ts';
import { renderScreen } from '../../shell/stores.testing.tsx';
import { CaseFilePage } from './CaseFilePage.tsx';

afterEach(cleanup);

const manager = testStaff.manager.displayName;
const caseworker = testStaff.caseworker.displayName;

const centreStaff: CentreStaffMember[] = [
  { id: testStaff.manager.userId, displayName: testStaff.manager.displayName, role: 'manager' },
  {
    id: testStaff.caseworker.userId,
    displayName: testStaff.caseworker.displayName,
    role: 'caseworker',
  },
];

async function openAs(staff: (typeof testStaff)[keyof typeof testStaff]) {
  const store = await openTestStore({ staff });
  const registered = await store.cases.registerCase(
    sampleIntake({ assignedStaffIds: [staff.userId] }),
  );
  const rendered = await renderScreen(<CaseFilePage caseId={registered.id} />, {
    lang: 'en',
    store,
    centreStaff,
  });
  await screen.findByTestId('case-summary');
  return { ...rendered, registered };
}

describe('assigning a case', () => {
  it('lets the manager re-assign the case to a caseworker: saved, named, and in the timeline', async () => {
    const { store, registered } = await openAs(testStaff.manager);
    await waitFor(() => expect(screen.getByTestId('assigned-names').textContent).toBe(manager));
    fireEvent.click(screen.getByTestId('action-assign'));
    const form = await screen.findByTestId('assign-form');
    fireEvent.click(within(form).getByLabelText(manager));
    fireEvent.click(within(form).getByLabelText(caseworker));
    fireEvent.submit(form);
    await waitFor(() =>
      expect(screen.getByTestId('assigned-names').textContent).toContain(caseworker),
    );
    const saved = (await store.cases.getCaseFile(registered.id))!.case;
    expect(saved.assignedStaffIds).toEqual([testStaff.caseworker.userId]);
    expect(saved.assignedBy).toBe(testStaff.manager.userId);
    const entry = await screen.findByTestId('entry-assignment');
    expect(entry.textContent).toContain(`Assigned to ${caseworker}`);
    expect(within(entry).getByTestId('entry-by').textContent).toContain(`by ${manager}`);
    expect(await store.cases.countPendingChanges()).toBeGreaterThan(1);
  });

  it('says nothing changed when the same staff are chosen, saving nothing', async () => {
    const { store } = await openAs(testStaff.manager);
    const before = await store.cases.countPendingChanges();
    fireEvent.click(await screen.findByTestId('action-assign'));
    fireEvent.submit(await screen.findByTestId('assign-form'));
    expect((await screen.findByTestId('assign-notice')).textContent).toContain('nothing changed');
    expect(await store.cases.countPendingChanges()).toBe(before);
  });

  it('shows a caseworker who has the case, and offers her no way to assign it', async () => {
    await openAs(testStaff.caseworker);
    await waitFor(() => expect(screen.getByTestId('assigned-names').textContent).toBe(caseworker));
    expect(screen.queryByTestId('action-assign')).toBeNull();
  });
});
