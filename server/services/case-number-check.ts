/**
 * The server's check that a case number is the pushing tablet's own.
 *
 * What must hold: every case number the server stores on a new case, and every change
 * of one, carries the district code of the pushing device's centre and that device's tag
 * (src/domain/case-number.ts), so a tablet cannot take numbers that belong to another
 * tablet or district. Both the session push and the sealed push meet this check, through
 * the one `applyPush` (./sync-push.ts). A number left as it is stored is never checked
 * again: a case keeps the number its tablet gave it, whoever edits it later.
 */
import type { Kysely } from 'kysely';
import { isCaseNumberOf, type CaseNumberIssuer } from '../../src/domain/case-number.ts';
import type { FieldMap } from '../../src/domain/merge.ts';
import type { Mutation } from '../../src/domain/protocol.ts';
import type { SyncDatabase } from '../db/sync-schema.ts';
import { foreignCaseNumber, type Rejection } from './sync-reasons.ts';

/** The pushing device's district (its centre's) and tag; null for a device of no centre. */
export async function findCaseNumberIssuer(
  db: Kysely<SyncDatabase>,
  deviceId: string,
): Promise<CaseNumberIssuer | null> {
  const row = await db
    .selectFrom('devices')
    .innerJoin('centres', 'centres.id', 'devices.centre_id')
    .select(['centres.district_code as districtCode', 'devices.tag as deviceTag'])
    .where('devices.id', '=', deviceId)
    .executeTakeFirst();
  return row ?? null;
}

/**
 * Refuses a case mutation whose `caseNumber` is new (a new case, or a changed number)
 * and not the issuer's. `stored` is the case as the server holds it, null if new.
 */
export function checkCaseNumber(
  mutation: Mutation,
  stored: FieldMap | null,
  issuer: CaseNumberIssuer | null,
): Rejection | null {
  if (mutation.recordType !== 'case') return null;
  const sent = mutation.fields.caseNumber?.value;
  if (typeof sent !== 'string' || sent === stored?.caseNumber?.value) return null;
  if (issuer !== null && isCaseNumberOf(sent, issuer)) return null;
  return foreignCaseNumber(
    sent,
    issuer ? `${issuer.districtCode}-YYYY-${issuer.deviceTag}-NNNN` : null,
  );
}
