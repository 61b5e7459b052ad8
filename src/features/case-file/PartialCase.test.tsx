import { screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { runScreenTestsOn } from '../../shell/screen-tests.testing.ts';
import { openTestStore } from '../../data/case-store.testing.ts';
import { pulledPartialCase, storePulledPage } from '../../data/pulled-records.testing.ts';
import { renderScreen } from '../../shell/stores.testing.tsx';
import { CaseFilePage } from './CaseFilePage.tsx';

// A pulled case may lack its number, registration time, status and most details; its page
// still opens (the case list and Today have the same test).
const partialId = '0190a000-0000-7000-8000-000000000301';

runScreenTestsOn();

describe('a case pulled with only some of its fields', () => {
  it('opens on the case page with what is known', async () => {
    const store = await openTestStore();
    await storePulledPage(store, [
      pulledPartialCase(store, partialId, { survivorName: 'Zarina', survivorAgeYears: 16 }),
    ]);
    await renderScreen(<CaseFilePage caseId={partialId} />, { lang: 'en', store });
    const summary = await screen.findByTestId('case-summary');
    expect(summary.textContent).toContain('Zarina');
    expect(summary.textContent).toContain('16');
  });
});
