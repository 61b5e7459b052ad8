// The one way screens reach the tablet's store: the CaseStore and DraftStore interfaces
// of src/data/case-store.ts, through a Preact context, so a feature never knows Dexie.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { CaseStore, DraftStore, StaffMember } from '../data/case-store.ts';
import type { SyncReviewStore } from '../data/sync-review.ts';
import type { CentreStaffMember } from '../domain/auth-protocol.ts';
import type { CentreLetterhead } from '../domain/referral-letter.ts';
import type { IndicatorReport, ReportPeriod } from '../domain/report-indicators.ts';

export interface Stores {
  readonly caseStore: CaseStore;
  readonly draftStore: DraftStore;
  /** Who is signed in on this tablet (src/data/session.ts). */
  readonly staff: StaffMember;
  /** Refused changes and conflicts (the sync status screen); loads on first use. */
  readonly openSyncReview: () => Promise<SyncReviewStore>;
  /** For the few screens that ask the server directly (Tablets); never kept by them. */
  readonly readSessionToken: () => Promise<string>;
  /** Minutes without use before the app locks: her centre's setting at her last sign-in. */
  readonly idleLockMinutes: number;
  /** Her centre as the tablet knows it (for letters); null where her sign-in did not say. */
  readonly centre: CentreLetterhead;
  /**
   * The names of her centre's staff this tablet knows, by user id: whoever has a PIN here
   * (their sign-in brought the name), and herself. An id it lacks is shown as "a colleague".
   */
  readonly readStaffNames: () => Promise<ReadonlyMap<string, string>>;
  /**
   * Her centre's active staff as her last sign-in brought them (id, name, role), for
   * assigning cases and the caseload; empty when her sign-in did not bring them.
   */
  readonly centreStaff: readonly CentreStaffMember[];
  /**
   * Her centre's figures for whole months, counted on this tablet from its own records, so
   * it works offline (src/data/centre-report.ts); `asOf` is when "overdue" is judged.
   * Loads its code on first use.
   */
  readonly readCentreReport: (period: ReportPeriod, asOf: Date) => Promise<IndicatorReport>;
}

export const StoresContext = createContext<Stores | null>(null);

export function useStores(): Stores {
  const stores = useContext(StoresContext);
  if (!stores) throw new Error('useStores needs a StoresContext provider (src/app/App.tsx)');
  return stores;
}
