import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { runScreenTestsOn, TEST_MORNING } from '../../shell/screen-tests.testing.ts';
import { renderScreen } from '../../shell/stores.testing.tsx';
import { openTestStore, sampleIntake, testStaff } from '../../data/case-store.testing.ts';
import type { TestStore } from '../../data/case-store.testing.ts';
import { caseFileMessages } from '../../i18n/messages-case-file.ts';
import { CaseFilePage } from './CaseFilePage.tsx';
import { fieldIn, referralSentThisMorning, stayAdmittedThisMorning } from './case-file.testing.tsx';

const en = caseFileMessages.en;
const { manager, caseworker } = testStaff;
const now = TEST_MORNING;

runScreenTestsOn();

const request = {
  closureReason: 'services_completed',
  closureRequestedBy: caseworker.userId,
  closureRequestedAt: now,
} as const;

/** A case in the store as `staff` sees it, after `prepare` has written to it. */
async function openCaseAs(
  staff: (typeof testStaff)[keyof typeof testStaff],
  prepare: (store: TestStore, caseId: string) => Promise<unknown> = async () => undefined,
) {
  const store = await openTestStore({ staff });
  const registered = await store.cases.registerCase(sampleIntake());
  await prepare(store, registered.id);
  await renderScreen(<CaseFilePage caseId={registered.id} />, { lang: 'en', store });
  await screen.findByTestId('case-summary');
  const read = async () => (await store.cases.getCaseFile(registered.id))!;
  return { store, caseId: registered.id, read };
}

describe('closure request', () => {
  it('is blocked while she is still in the short stay', async () => {
    const { read } = await openCaseAs(caseworker, (store, id) =>
      store.cases.addEntry(id, 'stay', stayAdmittedThisMorning),
    );
    fireEvent.click(screen.getByTestId('action-closure'));
    const form = screen.getByTestId('closure-form');
    expect(within(form).getByTestId('closure-blocked').textContent).toBe(en.closureBlockedInStay);
    fireEvent.change(fieldIn(form, 'closureReason'), { target: { value: 'services_completed' } });
    const save = screen.getByTestId<HTMLButtonElement>('closure-form-save');
    expect(save.disabled).toBe(true);
    fireEvent.submit(form);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await read()).case.closureRequestedAt).toBeNull();
  });

  it('warns on a referral still waiting, and saves the request', async () => {
    const { read } = await openCaseAs(caseworker, (store, id) =>
      store.cases.addEntry(id, 'referral', referralSentThisMorning),
    );
    fireEvent.click(screen.getByTestId('action-closure'));
    const form = screen.getByTestId('closure-form');
    expect(within(form).getByTestId('closure-warnings').textContent).toContain(
      en.closureWarnReferral,
    );
    expect(within(form).queryByTestId('closure-blocked')).toBeNull();
    fireEvent.change(fieldIn(form, 'closureReason'), { target: { value: 'services_completed' } });
    fireEvent.click(screen.getByTestId('closure-form-save'));
    await screen.findByTestId('closure-requested');
    expect((await read()).case).toMatchObject({
      closureReason: 'services_completed',
      closureRequestedBy: caseworker.userId,
    });
  });

  it('offers a caseworker no approval, send-back or reopening', async () => {
    await openCaseAs(caseworker, (store, id) => store.cases.updateCase(id, request));
    await screen.findByTestId('closure-requested');
    expect(screen.queryByTestId('action-closure')).toBeNull();
    expect(screen.queryByTestId('action-approveClosure')).toBeNull();
    expect(screen.queryByTestId('action-sendBack')).toBeNull();
  });
});

describe('closure approval and send-back', () => {
  it('blocks the approval while she is in the stay', async () => {
    await openCaseAs(manager, async (store, id) => {
      await store.cases.updateCase(id, request);
      await store.cases.addEntry(id, 'stay', stayAdmittedThisMorning);
    });
    fireEvent.click(screen.getByTestId('action-approveClosure'));
    await screen.findByTestId('closure-blocked');
    expect(screen.getByTestId<HTMLButtonElement>('approve-closure-form-save').disabled).toBe(true);
  });

  it('lets the manager send a request back with a reason, which clears it', async () => {
    const { read } = await openCaseAs(manager, (store, id) => store.cases.updateCase(id, request));
    fireEvent.click(screen.getByTestId('action-sendBack'));
    const form = screen.getByTestId('send-back-form');
    fireEvent.click(screen.getByTestId('send-back-form-save'));
    expect(await within(form).findByText(en.reasonRequired)).toBeTruthy();
    fireEvent.input(fieldIn(form, 'reason'), { target: { value: 'Wait for the DLSA answer.' } });
    fireEvent.click(screen.getByTestId('send-back-form-save'));
    const banner = await screen.findByTestId('closure-sent-back');
    expect(banner.textContent).toContain('Wait for the DLSA answer.');
    expect((await read()).case).toMatchObject({
      closureRequestedAt: null,
      closureSentBackBy: manager.userId,
      closureSentBackReason: 'Wait for the DLSA answer.',
    });
    expect(screen.queryByTestId('action-approveClosure')).toBeNull();
    expect(screen.getByTestId('action-closure')).toBeTruthy();
  });
});

describe('a closed case', () => {
  const closeIt = async (store: TestStore, id: string) => {
    await store.cases.addEntry(id, 'note', { text: 'She is safe at home.' });
    await store.cases.updateCase(id, request);
    await store.cases.updateCase(id, {
      status: 'closed',
      closureApprovedBy: manager.userId,
      closureApprovedAt: now,
    });
  };

  it('offers only a note, and nothing on its entries', async () => {
    await openCaseAs(manager, closeIt);
    expect(screen.getByTestId('closed-only-notes').textContent).toBe(en.closedOnlyNotes);
    for (const action of ['service', 'stay', 'referral', 'followUp', 'closure', 'details']) {
      expect(screen.queryByTestId(`action-${action}`)).toBeNull();
    }
    expect(screen.getByTestId('action-note')).toBeTruthy();
    expect(screen.queryByTestId('remove-entry')).toBeNull();
  });

  it('is reopened by the manager with a reason, keeping its entries', async () => {
    const { read } = await openCaseAs(manager, closeIt);
    fireEvent.click(screen.getByTestId('action-reopen'));
    const form = screen.getByTestId('reopen-form');
    fireEvent.input(fieldIn(form, 'reason'), { target: { value: 'She came back.' } });
    fireEvent.click(screen.getByTestId('reopen-form-save'));
    await waitFor(async () => expect((await read()).case.status).toBe('open'));
    const reopened = await read();
    expect(reopened.case).toMatchObject({
      reopenedBy: manager.userId,
      reopenReason: 'She came back.',
      closureApprovedAt: null,
      closureRequestedAt: null,
    });
    expect(reopened.entries).toHaveLength(1);
    expect((await screen.findByTestId('case-reopened')).textContent).toContain('She came back.');
    expect(screen.getByTestId('action-service')).toBeTruthy();
  });

  it('offers a caseworker no reopening', async () => {
    await openCaseAs(caseworker, closeIt);
    expect(screen.queryByTestId('action-reopen')).toBeNull();
  });
});
