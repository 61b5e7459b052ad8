/**
 * Which part of each stored row is sealed (row-sealing.ts), and the two conversions
 * between the row the repositories see and the row IndexedDB holds.
 *
 * What must always hold:
 * - What stays clear on a stored row is only what indexes and lists need without the key:
 *   ids, dates, codes, status, flags and counts. Everything identifying or free text is
 *   inside `sealed`: a record's `fields`, a draft's `values`, an outbox mutation's record
 *   payload and refusal reason, the session.
 * - A stored row without `sealed` is a clear row written before sealing: it opens as it
 *   is, until sealLegacyRows (legacy-sealing.ts) has sealed it at the first unlock.
 * - The id bound into the seal is the row's own identity: the primary key, and for the
 *   outbox (whose key is an auto-increment) the mutation id.
 */
import type { RowSealer } from './row-sealing.ts';

export type SealedTable = 'cases' | 'entries' | 'conflicts' | 'drafts' | 'outbox' | 'meta';

/** Meta rows whose value is sealed; the others (device, clock, server facts, cursor) are not. */
export const sealedMetaKeys: ReadonlySet<string> = new Set([
  'session',
  'sessions',
  'restoreRecheck',
]);

interface TableSealing {
  /** The id bound into the seal. */
  idOf(row: Record<string, unknown>): string;
  /** Whether this row has a sealed part at all (meta: only some keys). */
  isSealed(row: Record<string, unknown>): boolean;
  /** The part to seal, and the row without it. */
  split(row: Record<string, unknown>): { secret: unknown; clear: Record<string, unknown> };
  join(clear: Record<string, unknown>, secret: unknown): Record<string, unknown>;
}

const recordFields: TableSealing = {
  idOf: (row) => row.id as string,
  isSealed: () => true,
  split: ({ fields, ...clear }) => ({ secret: fields, clear }),
  join: (clear, fields) => ({ ...clear, fields }),
};

const tableSealing: Record<SealedTable, TableSealing> = {
  cases: recordFields,
  entries: recordFields,
  conflicts: recordFields,
  drafts: {
    idOf: (row) => row.id as string,
    isSealed: () => true,
    split: ({ values, ...clear }) => ({ secret: values, clear }),
    join: (clear, values) => ({ ...clear, values }),
  },
  outbox: {
    idOf: (row) => row.id as string,
    isSealed: () => true,
    // id, caseId, seq and queuedAt stay clear for the indexes; a refusal keeps its code and
    // time clear (listed by time), its reason is the server's words about the record.
    split: ({ recordType, recordId, fields, rejection, ...clear }) => {
      const refusal = rejection as
        { code: string; reason: unknown; rejectedAt: string } | undefined;
      return {
        secret: { recordType, recordId, fields, reason: refusal?.reason },
        clear: refusal
          ? { ...clear, rejection: { code: refusal.code, rejectedAt: refusal.rejectedAt } }
          : clear,
      };
    },
    join: (clear, secret) => {
      const { reason, ...payload } = secret as Record<string, unknown>;
      const rejection = clear.rejection as Record<string, unknown> | undefined;
      // A refusal the locked push received has its reason clear until the next unlock
      // seals it (locked-outbox.ts): the sealed part then holds none yet.
      return rejection
        ? { ...clear, ...payload, rejection: { ...rejection, reason: reason ?? rejection.reason } }
        : { ...clear, ...payload };
    },
  },
  meta: {
    idOf: (row) => row.key as string,
    isSealed: (row) => sealedMetaKeys.has(row.key as string),
    split: ({ value, ...clear }) => ({ secret: value, clear }),
    join: (clear, value) => ({ ...clear, value }),
  },
};

export function isSealedTable(name: string): name is SealedTable {
  return Object.hasOwn(tableSealing, name);
}

/** Whether a stored row still holds its secret part in the clear (written before sealing). */
export function isClearRow(table: SealedTable, stored: Record<string, unknown>): boolean {
  return tableSealing[table].isSealed(stored) && !(stored.sealed instanceof Uint8Array);
}

export function hasSealedPart(table: SealedTable, row: Record<string, unknown>): boolean {
  return tableSealing[table].isSealed(row);
}

export function sealStoredRow(
  sealer: RowSealer,
  table: SealedTable,
  row: Record<string, unknown>,
): Record<string, unknown> {
  const sealing = tableSealing[table];
  if (!sealing.isSealed(row)) return row;
  const { secret, clear } = sealing.split(row);
  return { ...clear, sealed: sealer.seal(table, sealing.idOf(row), secret) };
}

export function openStoredRow(
  sealer: RowSealer,
  table: SealedTable,
  stored: Record<string, unknown>,
): Record<string, unknown> {
  if (!(stored.sealed instanceof Uint8Array)) return stored;
  const sealing = tableSealing[table];
  const { sealed, ...clear } = stored;
  return sealing.join(clear, sealer.open(table, sealing.idOf(stored), sealed));
}

/**
 * openStoredRow for many rows at once, outside any transaction (`RowSealer.openMany`):
 * what a bulk read does after its transaction has ended. Clear legacy rows pass as they are.
 */
export async function openStoredRows(
  sealer: RowSealer,
  table: SealedTable,
  stored: readonly Record<string, unknown>[],
): Promise<Record<string, unknown>[]> {
  const sealing = tableSealing[table];
  const sealedRows = stored.filter((row) => row.sealed instanceof Uint8Array);
  const secrets = await sealer.openMany(
    table,
    sealedRows.map((row) => ({ id: sealing.idOf(row), sealed: row.sealed as Uint8Array })),
  );
  const secretOf = new Map(sealedRows.map((row, i) => [row, secrets[i]]));
  return stored.map((row) => {
    if (!secretOf.has(row)) return row;
    const { sealed: _sealed, ...clear } = row;
    return sealing.join(clear, secretOf.get(row));
  });
}
