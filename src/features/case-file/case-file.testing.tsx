// Test helpers for the case page's component tests: one registered case on the real store
// (fake-indexeddb), its page rendered in English, and form fields found by name.
import { screen } from '@testing-library/preact';
import { renderScreen } from '../../shell/stores.testing.tsx';
import { openTestStore, sampleIntake, type testStaff } from '../../data/case-store.testing.ts';
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
