/**
 * The tablet's IndexedDB database, `sakhi`, through Dexie. Only src/data touches it.
 *
 * What must always hold:
 * - A stored record row IS the merge state sync needs: `fields` holds every
 *   field with its stamp (merge.ts). Everything else on a row is derived from `fields`
 *   (and, for a case, from its entries) for indexes, and is rewritten on every save.
 * - The row types below are the rows as the repositories see them. From version 3 on,
 *   IndexedDB holds their identifying and free-text parts sealed (sealed-tables.ts), and
 *   only a database opened with the data key (`rows: sealingMiddleware(…)`) reads or
 *   writes them; the keyless one refuses (locked-rows.ts).
 * - Rows are never deleted: removal is the `deleted` tombstone field.
 * - NEVER EDIT A SHIPPED VERSION. Tablets in the field already hold databases at that
 *   version; change the schema by adding `this.version(n + 1).stores({...}).upgrade(...)`
 *   below the last one, keeping the old ones. For example, a new derived column:
 *
 *     this.version(2)
 *       .stores({ cases: 'id, registeredAt, caseNumber, status, …, newColumn' })
 *       .upgrade((tx) => tx.table('cases').toCollection().modify((row) => {
 *         row.newColumn = deriveNewColumn(row.fields);
 *       }));
 *
 *   An upgrade must only derive: never change `fields` (stamps are shared with the server).
 */
import { Dexie, type DBCore, type EntityTable, type Middleware } from 'dexie';
import type { ClockSnapshot, Stamp } from '../domain/hlc.ts';
import type { FieldMap } from '../domain/merge.ts';
import type { BilingualMessage, Mutation, RecordType } from '../domain/protocol.ts';
import type { CaseStatus, RiskLevel } from '../domain/code-schemas.ts';
import type { EntryKind } from '../domain/entries.ts';
import type { SealedBox } from '../domain/sealed-push-protocol.ts';
import type { CalendarDate, Instant } from '../domain/india-time.ts';
import { lockedRowsMiddleware } from './locked-rows.ts';
import type { SignedInSession } from './session.ts';
import { TABLET_DATABASE_NAME } from './database-names.ts';

/** IndexedDB cannot index booleans, so flags that are indexed are 0 or 1. */
export type Flag = 0 | 1;

export interface CaseRow {
  readonly id: string;
  readonly fields: FieldMap;
  // Derived from fields:
  readonly caseNumber: string;
  readonly registeredAt: Instant;
  readonly status: CaseStatus;
  readonly riskLevel: RiskLevel | null;
  readonly isRemoved: Flag;
  /**
   * closureApprovedAt, clear like registeredAt, so a report opens only the closed cases of
   * its months. Absent on a row written before the column: treat it as "maybe in any month".
   */
  readonly closedAt?: Instant | null;
  // Derived from the case's entries (case-summary.ts), rewritten whenever one changes:
  readonly isInStay: Flag;
  readonly stayEndsOn: CalendarDate | null;
  readonly nextFollowUpDue: CalendarDate | null;
  readonly waitingReferrals: number;
}

export interface EntryRow {
  readonly id: string;
  readonly caseId: string;
  readonly entryType: EntryKind;
  readonly fields: FieldMap;
  // Derived from fields:
  readonly isRemoved: Flag;
  /** Needs someone's action: a stay not discharged, a follow-up not done, a referral waiting. */
  readonly isPending: Flag;
  /** When it happened (or was written down, if it has no such time): the timeline's order. */
  readonly happenedAt: Instant;
  /**
   * A follow-up's due date (null for other kinds), clear like the case's nextFollowUpDue,
   * so a report opens only the follow-ups due in its months. Absent on a row written before
   * the column: treat it as "maybe due in any month".
   */
  readonly dueOn?: CalendarDate | null;
}

/** One mutation waiting for headquarters' acknowledgement; sync removes it only then. */
export interface OutboxRow extends Mutation {
  /** Auto-increment: the order the mutations must be pushed in. */
  readonly seq?: number;
  readonly queuedAt: Instant;
  /**
   * The user id of the staff member who saved it on this tablet: the locked push names
   * her to headquarters, which applies it only if she may write from this tablet. Absent
   * on rows saved before locked pushes; those go up through the session push only.
   */
  readonly savedBy?: string;
  /**
   * The mutation sealed to headquarters (outbox-sealing in src/sync), kept clear beside
   * the data-key seal so the locked push can send it without the key. Dropped whenever the
   * mutation changes (re-stamping), so a box always holds the row's mutation as it is.
   */
  readonly forServer?: ServerBox;
  /**
   * Set when headquarters refused it (sync-outbox.ts): the row stays, explained, and is not
   * pushed again until a person retries it. Absent on a row waiting to go up.
   */
  readonly rejection?: OutboxRejection;
}

export interface ServerBox {
  readonly box: SealedBox;
  /**
   * The mutation's stamp (one per save): a locked push that is acknowledged raises the
   * server stamp floor with it, as the session push does with the fields it can read.
   */
  readonly stamp: Stamp;
}

export interface OutboxRejection {
  /** The server's rejection code (docs/sync-protocol.md), e.g. `invalid_record`. */
  readonly code: string;
  readonly reason: BilingualMessage;
  /** Corrected tablet time when the answer arrived; indexed, so rejected rows list by it. */
  readonly rejectedAt: Instant;
}

/** A conflict headquarters kept (domain/conflicts.ts), as pulled; `fields` is its merge state. */
export interface ConflictRow {
  readonly id: string;
  readonly caseId: string;
  readonly fields: FieldMap;
  // Derived from fields (row-columns.ts):
  readonly recordId: string;
  readonly field: string;
  /** 1 while no manager has resolved it. */
  readonly isOpen: Flag;
  readonly detectedAt: Instant;
}

export interface DraftRow {
  readonly id: string;
  readonly form: string;
  /** Sealed at rest: what she said before the case is saved. */
  readonly values: unknown;
  readonly caseId: string | null;
  readonly updatedAt: Instant;
}

/**
 * Small device-wide values, one row per key. New keys need no new database version (only
 * `key` is indexed). A `demoStaff` row left by the demo staff chooser of earlier builds is
 * never read.
 */
export type MetaRow =
  | { readonly key: 'device'; readonly value: { id: string; tag: string; createdAt: Instant } }
  | { readonly key: 'clock'; readonly value: ClockSnapshot }
  /** Sealed at rest (the token is inside). */
  | { readonly key: 'session'; readonly value: SignedInSession }
  /** Every staff member's session on this tablet, by user id; `session` is the active one. */
  | { readonly key: 'sessions'; readonly value: Readonly<Record<string, SignedInSession>> }
  | { readonly key: 'server'; readonly value: { isDemo: boolean } }
  | { readonly key: `caseSerial:${number}`; readonly value: number }
  /**
   * Where the next pull starts (sync-inbox.ts); saved with the page it follows. It belongs
   * to one centre: a cursor of another centre (or a bare string from before) counts as none.
   */
  | { readonly key: 'syncCursor'; readonly value: SyncCursor | string | null }
  /**
   * The greatest stamp headquarters is known to hold: received in a pull, or acknowledged
   * after a push. A clock rewound after `stamp_too_far_ahead` never goes below it.
   */
  | { readonly key: 'serverStampFloor'; readonly value: Stamp }
  /** Set once every row written before sealing has been sealed (legacy-sealing.ts). */
  | { readonly key: 'legacyRowsSealed'; readonly value: true }
  /** When a sync run (page or service worker) last finished without error, corrected time. */
  | { readonly key: 'lastSyncAt'; readonly value: Instant }
  /**
   * When a run that pushed AND pulled last finished (the page's, never the worker's
   * push-only run): until then this tablet may not hold the centre's cases yet.
   */
  | { readonly key: 'lastFullSyncAt'; readonly value: Instant }
  /**
   * While a pull from the start after a refused cursor settles this tablet's own writes
   * (restore-recheck.ts); sealed at rest, as it names the records she worked on.
   */
  | { readonly key: 'restoreRecheck'; readonly value: RestoreRecheck }
  /** Left by wiping the tablet (wipe-tablet.ts), until the page has said so. */
  | { readonly key: 'erased'; readonly value: ErasedNotice };

export interface ErasedNotice {
  /** Device time: the clock went with everything else. */
  readonly at: Instant;
  readonly reason: 'device_revoked';
  /** Changes that never reached headquarters (refused, or never sealed for it). */
  readonly unsent: number;
}

export interface RestoreRecheck {
  /** The centre whose change log was refused: a recheck never outlives a change of centre. */
  readonly centreId: string;
  /** By record id: this device's stamps not yet seen in the pull from the start. */
  readonly claims: Readonly<
    Record<
      string,
      {
        readonly recordType: RecordType;
        readonly caseId: string;
        readonly fields: Readonly<Record<string, Stamp>>;
      }
    >
  >;
}

export type MetaKey = MetaRow['key'];

export interface SyncCursor {
  /** The centre whose change log the cursor points into. */
  readonly centreId: string;
  readonly cursor: string | null;
}

export interface DatabaseOptions {
  /** How rows with sealed parts are read and written; default: refused (locked-rows.ts). */
  readonly rows?: Middleware<DBCore>;
}

export class SakhiDatabase extends Dexie {
  declare cases: EntityTable<CaseRow, 'id'>;
  declare entries: EntityTable<EntryRow, 'id'>;
  declare outbox: EntityTable<OutboxRow, 'seq'>;
  declare drafts: EntityTable<DraftRow, 'id'>;
  declare meta: EntityTable<MetaRow, 'key'>;
  declare conflicts: EntityTable<ConflictRow, 'id'>;

  constructor(name = TABLET_DATABASE_NAME, options: DatabaseOptions = {}) {
    super(name);
    this.use(options.rows ?? lockedRowsMiddleware);
    // Version 1: the offline register. Shipped versions are never edited: add version 2 below.
    this.version(1).stores({
      cases:
        'id, registeredAt, caseNumber, status, riskLevel, isInStay, nextFollowUpDue, stayEndsOn, *searchKeys',
      entries: 'id, caseId, [entryType+isPending]',
      outbox: '++seq, &id, caseId',
      drafts: 'id, form, updatedAt',
      meta: 'key',
    });
    // Version 2 (sync): conflicts pulled from headquarters, and rejected outbox
    // rows listed by when they were refused. Only new stores and indexes: nothing to upgrade.
    this.version(2).stores({
      outbox: '++seq, &id, caseId, rejection.rejectedAt',
      conflicts: 'id, caseId, isOpen, recordId',
    });
    // Version 3 (sealed at rest): names and phones leave the indexes. The upgrade runs
    // before anyone unlocks, so it cannot seal: it drops the clear search keys, and
    // sealLegacyRows (legacy-sealing.ts) seals the remaining clear rows at the first unlock.
    // `caseListings` holds every case's list columns, sealed in buckets (case-listings.ts).
    this.version(3)
      .stores({
        cases:
          'id, registeredAt, caseNumber, status, riskLevel, isInStay, nextFollowUpDue, stayEndsOn',
        caseListings: 'bucket',
      })
      .upgrade((tx) =>
        tx
          .table('cases')
          .toCollection()
          .modify((row: Record<string, unknown>) => {
            delete row.searchKeys;
          }),
      );
    // Version 4 (reports): entries by type and by when they happened, so a monthly report
    // opens only its months' entries (centre-report.ts). `happenedAt` is a clear column on
    // every entry row since version 1, so IndexedDB builds the index: nothing to upgrade.
    this.version(4).stores({
      entries: 'id, caseId, [entryType+isPending], [entryType+happenedAt]',
    });
    // Version 5 (reports): closed cases by when they were closed and follow-ups by when
    // they are due, so a month's report reads only that month's (centre-report.ts). Both
    // are clear date columns already; IndexedDB builds the indexes: nothing to upgrade.
    // A row written before the columns existed is in neither index; the report finds it
    // by its keys (the status and pending indexes minus these) and opens it.
    this.version(5).stores({
      cases:
        'id, registeredAt, caseNumber, status, riskLevel, isInStay, nextFollowUpDue, stayEndsOn, closedAt',
      entries: 'id, caseId, [entryType+isPending], [entryType+happenedAt], dueOn',
    });
  }
}

export function openDatabase(
  name = TABLET_DATABASE_NAME,
  options: DatabaseOptions = {},
): SakhiDatabase {
  return new SakhiDatabase(name, options);
}
