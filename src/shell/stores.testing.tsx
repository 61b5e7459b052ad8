/**
 * For screens' component tests: renders a screen with the real store over fake-indexeddb
 * (src/data/case-store.testing.ts) and a language, as App would.
 */
import { render, type RenderResult } from '@testing-library/preact';
import type { ComponentChildren } from 'preact';
import type { StaffMember } from '../data/case-store.ts';
import { openTestStore, type TestStore } from '../data/case-store.testing.ts';
import { readCentreReport } from '../data/centre-report.ts';
import { openSyncReviewStore } from '../data/sync-review.ts';
import type { CentreStaffMember } from '../domain/auth-protocol.ts';
import type { CentreLetterhead } from '../domain/referral-letter.ts';
import { LangContext, type Lang } from '../i18n/lang.ts';
import { StoresContext, type Stores } from './stores.ts';

export interface RenderedScreen extends RenderResult {
  readonly store: TestStore;
  readonly stores: Stores;
  /** Renders the screen again in another language. */
  readonly renderIn: (lang: Lang) => void;
}

export function withStores(stores: Stores, lang: Lang, children: ComponentChildren) {
  return (
    <LangContext.Provider value={lang}>
      <StoresContext.Provider value={stores}>{children}</StoresContext.Provider>
    </LangContext.Provider>
  );
}

export async function renderScreen(
  screen: ComponentChildren,
  options: {
    readonly lang?: Lang;
    readonly staff?: StaffMember;
    readonly store?: TestStore;
    /** Colleagues' names the tablet knows, by user id. */
    readonly staffNames?: ReadonlyMap<string, string>;
    /** Her centre's active staff as her sign-in brought them. */
    readonly centreStaff?: readonly CentreStaffMember[];
    /** Her centre as the tablet knows it; a full letterhead unless a test says otherwise. */
    readonly centre?: CentreLetterhead;
  } = {},
): Promise<RenderedScreen> {
  const store =
    options.store ?? (await openTestStore(options.staff ? { staff: options.staff } : {}));
  const stores: Stores = {
    caseStore: store.cases,
    draftStore: store.drafts,
    staff: store.staff,
    readSessionToken: () => Promise.resolve('test-session-token'),
    idleLockMinutes: 5,
    centre: options.centre ?? {
      nameHi: 'वन स्टॉप सेंटर, लखनऊ',
      nameEn: 'One Stop Centre, Lucknow',
      address: 'Civil Hospital campus, Lucknow',
      phone: '05222612345',
    },
    centreStaff: options.centreStaff ?? [],
    readStaffNames: () =>
      Promise.resolve(
        new Map([
          ...(options.centreStaff ?? []).map((member) => [member.id, member.displayName] as const),
          ...(options.staffNames ?? []),
          [store.staff.userId, store.staff.displayName],
        ]),
      ),
    readCentreReport: (period, asOf) =>
      readCentreReport(store.reportSource, store.staff, period, asOf),
    openSyncReview: () =>
      Promise.resolve(
        openSyncReviewStore({
          db: store.db,
          directory: store.directory,
          staff: store.staff,
          device: store.device,
          clock: store.clock,
          now: () => new Date(store.time),
        }),
      ),
  };
  const result = render(withStores(stores, options.lang ?? 'hi', screen));
  return {
    ...result,
    store,
    stores,
    renderIn: (lang) => result.rerender(withStores(stores, lang, screen)),
  };
}
