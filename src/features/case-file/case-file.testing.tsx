// Test helpers for the case page's component tests: one registered case on the real store
// (fake-indexeddb), its page rendered in English, form fields found by name, and entries
// made on the morning the tests run on (runScreenTestsOn).
import { screen } from '@testing-library/preact';
import type { EntryInput } from '../../data/case-store.ts';
import { openTestStore, sampleIntake, type testStaff } from '../../data/case-store.testing.ts';
import { laterReferralBlanks } from '../../domain/entries.ts';
import { sampleService } from '../../domain/entries.testing.ts';
import { TEST_MORNING } from '../../shell/screen-tests.testing.ts';
import { renderScreen } from '../../shell/stores.testing.tsx';
import { CaseFilePage } from './CaseFilePage.tsx';

export function fieldIn(root: HTMLElement, name: string): HTMLInputElement {
  const element = root.querySelector<HTMLInputElement>(`[name="${name}"]`);
  if (!element) throw new Error(`no field named ${name}`);
  return element;
}

/** Registers a case (sample intake with `overrides`) and opens its page. */
export async function openCase(
  overrides: Parameters<typeof sampleIntake>[0] = {},
  options: { staff?: (typeof testStaff)[keyof typeof testStaff] } = {},
) {
  const store = await openTestStore(options.staff ? { staff: options.staff } : {});
  const registered = await store.cases.registerCase(sampleIntake(overrides));
  const rendered = await renderScreen(<CaseFilePage caseId={registered.id} />, {
    lang: 'en',
    store,
  });
  await screen.findByTestId('case-summary');
  return { ...rendered, registered };
}

/** A service given this morning: `kind` and what that kind records; every other answer blank. */
export function serviceGivenThisMorning(
  given: Pick<EntryInput<'service'>, 'kind'> & Partial<EntryInput<'service'>>,
): EntryInput<'service'> {
  return sampleService({ givenAt: TEST_MORNING, ...given });
}

/** Admitted to the short stay this morning, to leave in two days; not yet discharged. */
export const stayAdmittedThisMorning: EntryInput<'stay'> = {
  admittedAt: TEST_MORNING,
  plannedDischargeDate: '2026-03-12',
  extendedUntil: null,
  extensionReason: null,
  dischargedAt: null,
  dischargedTo: null,
};

/** Referred to the District Legal Services Authority this morning; no answer from it yet. */
export const referralSentThisMorning: EntryInput<'referral'> = {
  agency: 'dlsa',
  agencyName: null,
  ...laterReferralBlanks,
  status: 'sent',
  referredAt: TEST_MORNING,
  contactPerson: null,
  notes: null,
  outcome: null,
};
