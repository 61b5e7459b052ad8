/**
 * Conflict detection: which writes were made without seeing each other.
 *
 * What must always hold: every write a tablet accepted ends up as the current value, or
 * as a value someone later replaced with it in view, or as a conflict kept here. Merge
 * (merge.ts) picks the winner as always; this module only decides what the loser was and
 * whether a person must see it. See docs/design.md, "Conflicts are kept, not hidden".
 */
import { z } from './zod.ts';
import { deviceOfStamp, type Stamp } from './hlc.ts';
import { stampSchema } from './hlc-schema.ts';
import { isSameValue, tombstoneField, type FieldMap, type FieldState } from './merge.ts';

/** A field as a tablet sends it: its new value and stamp, and the stamp it replaced there. */
export interface IncomingField extends FieldState {
  /** The stamp of the value this write replaced on the tablet; null if the field was empty. */
  readonly base: Stamp | null;
}

export type ConflictLoser = 'incoming' | 'stored';

export interface FieldConflict {
  readonly field: string;
  /** Which side lost the merge and is kept here. */
  readonly loser: ConflictLoser;
  readonly value: unknown;
  readonly stamp: Stamp;
  /** The device that wrote the losing value (from its stamp). */
  readonly deviceId: string;
  readonly winningStamp: Stamp;
}

/**
 * Null when the incoming write saw the stored value (its base), when nothing was stored,
 * when one device wrote both (a device always sees its own writes), or when both hold the
 * same value. Otherwise the loser — the smaller stamp — is kept.
 */
export function detectFieldConflict(
  field: string,
  stored: FieldState | undefined,
  incoming: IncomingField,
): FieldConflict | null {
  if (stored === undefined || stored.stamp === incoming.base) return null;
  if (deviceOfStamp(stored.stamp) === deviceOfStamp(incoming.stamp)) return null;
  if (isSameValue(stored.value, incoming.value)) return null;
  const incomingWins = incoming.stamp > stored.stamp;
  const loser = incomingWins ? stored : incoming;
  return {
    field,
    loser: incomingWins ? 'stored' : 'incoming',
    value: loser.value,
    stamp: loser.stamp,
    deviceId: deviceOfStamp(loser.stamp),
    winningStamp: incomingWins ? incoming.stamp : stored.stamp,
  };
}

/**
 * An edit from another device reaching a removed record: the editor did not see the
 * removal, so the edit is kept as a conflict on the tombstone and the removal can be
 * undone. The edit's fields still merge underneath the tombstone, so undoing the removal
 * (a newer `deleted: false`) brings them back.
 */
export function detectEditAfterRemoval(
  stored: FieldMap,
  incoming: Readonly<Record<string, IncomingField>>,
): FieldConflict | null {
  const removal = stored[tombstoneField];
  if (removal?.value !== true || tombstoneField in incoming) return null;
  const edits = Object.entries(incoming).filter(
    ([, field]) => deviceOfStamp(field.stamp) !== deviceOfStamp(removal.stamp),
  );
  if (edits.length === 0) return null;
  const latestEdit = edits.reduce((a, b) => (a[1].stamp >= b[1].stamp ? a : b))[1];
  return {
    field: tombstoneField,
    loser: 'incoming',
    value: Object.fromEntries(edits.map(([name, field]) => [name, field.value])),
    stamp: latestEdit.stamp,
    deviceId: deviceOfStamp(latestEdit.stamp),
    winningStamp: removal.stamp,
  };
}

/** Every conflict one incoming mutation causes against the stored record. */
export function detectConflicts(
  stored: FieldMap,
  incoming: Readonly<Record<string, IncomingField>>,
): FieldConflict[] {
  const conflicts: FieldConflict[] = [];
  for (const [name, field] of Object.entries(incoming)) {
    const conflict = detectFieldConflict(name, stored[name], field);
    if (conflict) conflicts.push(conflict);
  }
  const removal = detectEditAfterRemoval(stored, incoming);
  if (removal) conflicts.push(removal);
  return conflicts;
}

export const conflictResolutionSchema = z.enum(['kept', 'reinstated']);

/** A conflict as kept on a case for a manager to see and resolve. */
export const conflictSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  centreId: z.uuid(),
  recordType: z.string(),
  recordId: z.uuid(),
  field: z.string(),
  loser: z.enum(['incoming', 'stored']),
  value: z.unknown(),
  stamp: stampSchema,
  winningStamp: stampSchema,
  deviceId: z.string(),
  /** The staff member who wrote the losing value, when the server knows the device's user. */
  writtenBy: z.nullable(z.uuid()),
  /**
   * The writer's display name as headquarters knew it when it kept the conflict, so a
   * manager reads a name rather than an id. Absent on conflicts kept before the server sent it.
   */
  writtenByName: z.optional(z.nullable(z.string().check(z.maxLength(200)))),
  /** When the server detected it (ISO-8601 UTC). */
  detectedAt: z.iso.datetime(),
  /** Null while a manager has not looked at it; `kept` keeps the winner, `reinstated` restores the loser. */
  resolution: z.nullable(conflictResolutionSchema),
  resolvedBy: z.nullable(z.uuid()),
  resolvedAt: z.nullable(z.iso.datetime()),
});

export type Conflict = z.infer<typeof conflictSchema>;
