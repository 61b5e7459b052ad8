import { cleanup, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { renderScreen } from '../../shell/stores.testing.tsx';
import { openTestStore, sampleIntake, testStaff } from '../../data/case-store.testing.ts';
import { caseFileMessages } from '../../i18n/messages-case-file.ts';
import { CaseFilePage } from './CaseFilePage.tsx';

afterEach(cleanup);

describe('timeline: who wrote each entry', () => {
  it('names the writer from the staff the tablet knows, and an unknown one as a colleague', async () => {
    const { manager, caseworker } = testStaff;
    const stranger = '01900000-0000-7000-8000-00000000a0ff';
    const asManager = await openTestStore({ staff: manager });
    const registered = await asManager.cases.registerCase(sampleIntake());
    await asManager.cases.addEntry(registered.id, 'note', { text: 'Written by the manager.' });
    await renderScreen(<CaseFilePage caseId={registered.id} />, {
      lang: 'en',
      store: asManager,
      staffNames: new Map([[stranger, 'Never shown']]),
    });
    await waitFor(() =>
      expect(screen.getByTestId('entry-by').textContent).toBe(`by ${manager.displayName}`),
    );
    cleanup();
    // The same case on the caseworker's session: the manager has no PIN here, so no name.
    const asCaseworker = { ...asManager, staff: caseworker };
    await renderScreen(<CaseFilePage caseId={registered.id} />, {
      lang: 'hi',
      store: asCaseworker,
    });
    await waitFor(() =>
      expect(screen.getByTestId('entry-by').textContent).toBe(
        `${caseFileMessages.hi.aColleague} द्वारा`,
      ),
    );
    expect(screen.getByTestId('timeline').textContent).not.toContain(manager.userId);
  });
});
