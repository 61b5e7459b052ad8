/**
 * What the screens may ask of the tablet's store: the contract between src/data (which
 * implements it over Dexie) and src/features (which only ever see this interface).
 *
 * What must always hold for every method that saves:
 * - the record and its outbox mutation are written in ONE IndexedDB transaction, so a
 *   save either happened and will be pushed, or did not happen at all;
 * - every changed field gets a fresh stamp from the device's hybrid clock, and the
 *   mutation carries each field's base stamp (the one it replaced) for conflict detection;
 * - a save that fails rejects its promise with a StoreError and leaves nothing half done.
 */
import type { Case } from '../domain/case.ts';
import type { CaseStatus, RiskLevel } from '../domain/code-schemas.ts';
import type { DistrictCode } from '../domain/districts.ts';
import type { EntryKind, entrySchemas } from '../domain/entries.ts';
import type { CalendarDate, Instant } from '../domain/india-time.ts';
import type { Role } from '../domain/vocabularies-staff.ts';
import type { z } from '../domain/zod.ts';

/** Who is working on this tablet: the signed-in staff member (session.ts, staffOfSession). */
export interface StaffMember {
  readonly userId: string;
  readonly centreId: string;
  readonly districtCode: DistrictCode;
  readonly role: Role;
  readonly displayName: string;
}

export type EntryOf<K extends EntryKind> = z.infer<(typeof entrySchemas)[K]>;

/** An entry with its type: `entryType` (not `kind`, which a service entry uses for its service kind). */
export type CaseEntry = {
  [K in EntryKind]: { readonly entryType: K; readonly entry: EntryOf<K> };
}[EntryKind];

/** Fields the store sets itself on a new case; the intake form supplies the rest. */
type CaseSystemField =
  'id' | 'centreId' | 'caseNumber' | 'registeredAt' | 'registeredBy' | 'deleted';
export type CaseIntake = Omit<Case, CaseSystemField>;
export type CaseChanges = Partial<Omit<Case, 'id' | 'centreId' | 'caseNumber'>>;

type EntrySystemField = 'id' | 'caseId' | 'centreId' | 'recordedAt' | 'recordedBy' | 'deleted';
export type EntryInput<K extends EntryKind> = Omit<EntryOf<K>, EntrySystemField>;
export type EntryChanges<K extends EntryKind> = Partial<EntryInput<K>>;

/** One row of the case list: enough to show and filter without opening the case. */
export interface CaseSummary {
  readonly id: string;
  readonly caseNumber: string;
  readonly survivorName: string;
  readonly survivorAlias: string | null;
  readonly survivorPhone: string | null;
  readonly survivorAgeYears: number | null;
  readonly status: CaseStatus;
  readonly riskLevel: RiskLevel | null;
  readonly registeredAt: Instant;
  readonly isInStay: boolean;
  /** Planned (or extended) end of the open stay, India date. */
  readonly stayEndsOn: CalendarDate | null;
  readonly isStayOverdue: boolean;
  /** The earliest follow-up not yet done. */
  readonly nextFollowUpDue: CalendarDate | null;
  readonly isFollowUpOverdue: boolean;
  /** Referrals planned or sent and not yet answered. */
  readonly waitingReferrals: number;
  /** User ids of the staff the case is assigned to. */
  readonly assignedStaffIds: readonly string[];
}

export interface CaseFilter {
  readonly status?: CaseStatus;
  readonly riskLevel?: RiskLevel;
  readonly isInStay?: boolean;
  readonly isFollowUpOverdue?: boolean;
  /** Only cases assigned to this staff member (her user id). */
  readonly assignedTo?: string;
}

export interface CaseFile {
  readonly case: Case;
  /** Not removed, oldest first (by when it happened, then when recorded). */
  readonly entries: readonly CaseEntry[];
}

export interface TodayList {
  readonly followUpsDue: readonly { summary: CaseSummary; followUp: EntryOf<'followUp'> }[];
  readonly followUpsOverdue: readonly { summary: CaseSummary; followUp: EntryOf<'followUp'> }[];
  readonly staysEnding: readonly { summary: CaseSummary; stay: EntryOf<'stay'> }[];
  readonly referralsWaiting: readonly { summary: CaseSummary; referral: EntryOf<'referral'> }[];
}

export interface CaseStore {
  registerCase(intake: CaseIntake): Promise<Case>;
  updateCase(caseId: string, changes: CaseChanges): Promise<Case>;
  /** A removed case is a tombstone: it stays in the store and can be restored. */
  removeCase(caseId: string): Promise<void>;
  getCaseFile(caseId: string): Promise<CaseFile | null>;
  /**
   * Name, phone or case number, in Devanagari or Latin script ("sunita" finds "सुनीता").
   * An empty query lists all; newest first. Removed cases are never listed.
   */
  searchCases(query: string, filter?: CaseFilter, limit?: number): Promise<CaseSummary[]>;
  /** Earlier cases that may be the same woman: same phone, or a name that sounds the same. */
  findPossibleDuplicates(probe: {
    survivorName: string;
    survivorPhone: string | null;
  }): Promise<CaseSummary[]>;
  addEntry<K extends EntryKind>(
    caseId: string,
    entryType: K,
    input: EntryInput<K>,
  ): Promise<EntryOf<K>>;
  updateEntry<K extends EntryKind>(
    entryType: K,
    entryId: string,
    changes: EntryChanges<K>,
  ): Promise<EntryOf<K>>;
  removeEntry(entryType: EntryKind, entryId: string): Promise<void>;
  today(date: CalendarDate): Promise<TodayList>;
  /** Changes saved here and not yet acknowledged by headquarters. */
  countPendingChanges(): Promise<number>;
  /** Ids of the cases with changes saved here that headquarters has not yet acknowledged. */
  listCasesNotYetSent(): Promise<ReadonlySet<string>>;
  /**
   * Whether a sync that pushed and pulled has finished on this tablet: until then the
   * centre's cases may still be arriving, and an empty list is not "no cases".
   */
  hasFinishedFullSync(): Promise<boolean>;
  /** Whether this case has such changes (refused ones included: they have not arrived either). */
  hasChangesNotYetSent(caseId: string): Promise<boolean>;
  /**
   * Runs `read` (any reads of this store or the sync review's) now and again whenever
   * what it read changes: a save here or in another tab, a pulled page, a resolution
   * (live-reads.ts). Returns the unsubscribe; screens follow the store through this.
   */
  watch<T>(read: () => Promise<T>, observer: StoreObserver<T>): () => void;
}

export interface StoreObserver<T> {
  next(value: T): void;
  error(error: unknown): void;
}

/** Half-filled forms, saved on every change so a closed tab or a dead battery loses nothing. */
export interface DraftStore {
  saveDraft(draft: {
    id: string;
    form: string;
    values: unknown;
    caseId?: string | null;
  }): Promise<void>;
  loadDraft(id: string): Promise<Draft | null>;
  listDrafts(form?: string): Promise<Draft[]>;
  discardDraft(id: string): Promise<void>;
}

export interface Draft {
  readonly id: string;
  readonly form: string;
  readonly values: unknown;
  readonly caseId: string | null;
  readonly updatedAt: Instant;
}

export type StoreErrorCode =
  | 'not_found'
  | 'invalid_record'
  | 'storage_full'
  | 'storage_unavailable'
  | 'stay_already_open'
  /** A sealed row did not open: altered, moved to another record, or another key's. */
  | 'sealed_row_refused'
  /** The data key is not in memory (the app is locked): nothing sealed can be read or saved. */
  | 'locked'
  /** Erasing the centre's data was refused: changes still wait for headquarters. */
  | 'outbox_not_empty';

/** A save or read that failed; `message` is shown to staff as is, in both languages. */
export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    readonly userMessage: { readonly hi: string; readonly en: string },
    options?: { cause?: unknown; details?: readonly string[] },
  ) {
    super(userMessage.en, options);
    this.name = 'StoreError';
    this.details = options?.details ?? [];
  }
  readonly details: readonly string[];
}
