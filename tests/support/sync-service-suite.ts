/**
 * The sync services' promises (push, pull, conflicts, scope), written once and run on
 * SQLite (server/services/sync.test.ts) and PostgreSQL (sync.pg.test.ts).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { conflictSchema } from '../../src/domain/conflicts.ts';
import { maxStampAheadMs } from '../../src/domain/hlc.ts';
import { valuesOf, type FieldMap } from '../../src/domain/merge.ts';
import {
  PROTOCOL_VERSION,
  pullResponseSchema,
  pushResponseSchema,
  type Mutation,
  type PulledRecord,
} from '../../src/domain/protocol.ts';
import { expandFields } from '../../src/domain/compact-fields.ts';
import { laterReferralBlanks } from '../../src/domain/entries.ts';
import { sampleService } from '../../src/domain/entries.testing.ts';
import { referralStepOf } from '../../src/domain/referral-steps.ts';
import { pullChanges } from '../../server/services/sync-pull.ts';
import { pushMutations } from '../../server/services/sync-push.ts';
import { readChangeLogPosition, renewLogId } from '../../server/services/sync-cursor.ts';
import type { SyncActor } from '../../server/services/sync-scope.ts';
import {
  SYNC_START,
  caseNumberFor,
  mutationOf,
  newCaseMutation,
  newNoteMutation,
  pushRequestOf,
  resultsInOrder,
  seedSyncFixture,
  stampAt,
  type SyncDatabaseFactory,
  type SyncFixture,
  type SyncTestDatabase,
} from './sync-fixture.ts';

const DEVANAGARI = /[\u0900-\u097F]/;

/** The change-log number a cursor carries (`<log id>.<number>`). */
const seqOf = (cursor: string | null) => Number(cursor?.split('.')[1]);

/** The case a new-case mutation made, as a later edit of it names it. */
function caseTargetOf(create: Mutation) {
  return { recordType: 'case', recordId: create.recordId, caseId: create.recordId } as const;
}

export function syncServiceSuite(openDatabase: SyncDatabaseFactory): void {
  let database: SyncTestDatabase;
  let fixture: SyncFixture;
  let now: Date;

  beforeAll(async () => {
    database = await openDatabase();
  });
  afterAll(() => database.close());
  beforeEach(async () => {
    // Fresh centres per test: each test pulls only what it pushed.
    fixture = await seedSyncFixture(database.db);
    now = new Date(SYNC_START.getTime() + 60_000);
  });

  const push = async (actor: SyncActor, mutations: Mutation[]) => {
    const response = await pushMutations(database.db, actor, pushRequestOf(actor, mutations), now);
    const parsed = pushResponseSchema.parse(response);
    return { ...parsed, results: resultsInOrder(parsed, mutations) };
  };
  const pull = async (actor: SyncActor, cursor: string | null = null, limit = 1000) => {
    const request = { protocolVersion: PROTOCOL_VERSION, cursor, limit };
    const { records, ...page } = await pullChanges(database.db, actor, request, now);
    return pullResponseSchema.parse({
      ...page,
      records: records.map(({ recordType, id, caseId, centreId, ...compact }) => ({
        recordType,
        id,
        caseId,
        centreId,
        fields: expandFields(compact),
      })),
    });
  };
  const pullAll = async (actor: SyncActor) => (await pull(actor)).records;
  const conflictsIn = (records: PulledRecord[]) =>
    records
      .filter((record) => record.recordType === 'conflict')
      .map((record) => conflictSchema.parse(valuesOf(record.fields as FieldMap)));
  const nameOf = async (userId: string) =>
    (
      await database.db
        .selectFrom('users')
        .select('display_name')
        .where('id', '=', userId)
        .executeTakeFirstOrThrow()
    ).display_name;
  const countRecords = async () =>
    Number(
      (
        await database.db
          .selectFrom('sync_records')
          .select((eb) => eb.fn.countAll().as('count'))
          .executeTakeFirstOrThrow()
      ).count,
    );

  describe('push', () => {
    it('applies a new case, and a pull returns it merged, with stamps and no bases', async () => {
      const { caseworker } = fixture.actors;
      const create = newCaseMutation(caseworker, stampAt(1, caseworker.deviceId));
      const response = await push(caseworker, [create]);
      expect(response).toEqual({
        serverTime: now.toISOString(),
        applied: 1,
        duplicates: [],
        rejected: [],
        results: [{ mutationId: create.id, status: 'applied' }],
      });
      const [record] = await pullAll(caseworker);
      expect(record).toMatchObject({
        recordType: 'case',
        id: create.recordId,
        caseId: create.recordId,
        centreId: fixture.own.id,
      });
      expect(record!.fields.survivorName).toEqual({
        value: 'सीता देवी',
        stamp: stampAt(1, caseworker.deviceId),
      });
    });

    it('answers a repeated push "duplicate" and changes nothing', async () => {
      const { caseworker } = fixture.actors;
      const create = newCaseMutation(caseworker, stampAt(1, caseworker.deviceId));
      await push(caseworker, [create]);
      const before = await pull(caseworker);
      const recordsBefore = await countRecords();
      const again = await push(caseworker, [create, create]);
      expect(again.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
      expect(await pull(caseworker)).toEqual(before);
      expect(await countRecords()).toBe(recordsBefore);
    });

    it('answers a mutation repeated within one batch "duplicate"', async () => {
      const { caseworker } = fixture.actors;
      const create = newCaseMutation(caseworker, stampAt(1, caseworker.deviceId));
      const response = await push(caseworker, [create, create]);
      expect(response.results.map((r) => r.status)).toEqual(['applied', 'duplicate']);
    });

    it('rejects invalid mutations with a reason in both languages naming the field, and goes on', async () => {
      const { caseworker } = fixture.actors;
      const stamp = stampAt(1, caseworker.deviceId);
      const create = newCaseMutation(caseworker, stamp);
      const caseTarget = caseTargetOf(create);
      const badValue = mutationOf(
        caseTarget,
        { riskLevel: 'extreme' },
        stampAt(2, caseworker.deviceId),
      );
      const unknownField = mutationOf(
        caseTarget,
        { favouriteColour: 'blue' },
        stampAt(3, caseworker.deviceId),
      );
      const ahead = mutationOf(
        caseTarget,
        { riskLevel: 'high' },
        stampAt(60_000 + maxStampAheadMs + 1, caseworker.deviceId),
      );
      const good = mutationOf(caseTarget, { riskLevel: 'medium' }, stampAt(4, caseworker.deviceId));
      const { results } = await push(caseworker, [create, badValue, unknownField, ahead, good]);
      expect(results.map((r) => (r.status === 'rejected' ? r.code : r.status))).toEqual([
        'applied',
        'invalid_record',
        'invalid_record',
        'stamp_too_far_ahead',
        'applied',
      ]);
      for (const [result, field] of [
        [results[1], 'riskLevel'],
        [results[2], 'favouriteColour'],
        [results[3], 'riskLevel'],
      ] as const) {
        if (result?.status !== 'rejected') throw new Error('expected a rejection');
        expect(result.reason.en).toContain(`"${field}"`);
        expect(result.reason.hi).toContain(`"${field}"`);
        expect(result.reason.hi).toMatch(DEVANAGARI);
      }
      const [record] = await pullAll(caseworker);
      expect(record!.fields.riskLevel?.value).toBe('medium');
      expect(record!.fields).not.toHaveProperty('favouriteColour');
    });

    it('does not record a rejected mutation, so the corrected one is applied under the same id', async () => {
      const { caseworker } = fixture.actors;
      const create = newCaseMutation(caseworker, stampAt(1, caseworker.deviceId));
      await push(caseworker, [create]);
      const target = caseTargetOf(create);
      const bad = mutationOf(target, { riskLevel: 'extreme' }, stampAt(2, caseworker.deviceId));
      expect((await push(caseworker, [bad])).results[0]!.status).toBe('rejected');
      const corrected = {
        ...bad,
        fields: { riskLevel: { ...bad.fields.riskLevel!, value: 'high' } },
      };
      expect((await push(caseworker, [corrected])).results[0]!.status).toBe('applied');
    });

    it('applies an entry whose case comes earlier in the same batch', async () => {
      const { caseworker } = fixture.actors;
      const create = newCaseMutation(caseworker, stampAt(1, caseworker.deviceId));
      const note = newNoteMutation(
        caseworker,
        create.recordId,
        fixture.own.id,
        stampAt(2, caseworker.deviceId),
      );
      const { results } = await push(caseworker, [create, note]);
      expect(results.map((r) => r.status)).toEqual(['applied', 'applied']);
      expect((await pullAll(caseworker)).map((r) => r.recordType)).toEqual(['case', 'note']);
    });

    it('refuses a push that names another tablet, and a protocol version it no longer answers', async () => {
      const { caseworker, caseworker2 } = fixture.actors;
      const create = newCaseMutation(caseworker, stampAt(1, caseworker.deviceId));
      await expect(
        pushMutations(database.db, caseworker, pushRequestOf(caseworker2, [create]), now),
      ).rejects.toMatchObject({ name: 'ServiceError', code: 'forbidden' });
      await expect(
        pushMutations(
          database.db,
          caseworker,
          { ...pushRequestOf(caseworker, [create]), protocolVersion: 99 },
          now,
        ),
      ).rejects.toMatchObject({ name: 'ServiceError', code: 'unsupported_protocol_version' });
      expect(await pullAll(caseworker)).toEqual([]);
    });
  });

  describe('stamps name the pushing device', () => {
    it("refuses a new stamp naming a colleague's device, or one that does not exist", async () => {
      const { caseworker, caseworker2 } = fixture.actors;
      const create = newCaseMutation(caseworker, stampAt(1, caseworker.deviceId));
      await push(caseworker, [create]);
      const target = caseTargetOf(create);
      const base = { riskLevel: stampAt(1, caseworker.deviceId) };
      const asColleague = mutationOf(
        target,
        { riskLevel: 'high' },
        stampAt(5, caseworker2.deviceId),
        base,
      );
      const asGhost = mutationOf(target, { riskLevel: 'low' }, stampAt(6, 'tab-ghost'), base);
      const mixed = mutationOf(target, { riskLevel: 'low' }, stampAt(7, caseworker.deviceId), base);
      mixed.fields.survivorName = {
        value: 'सीता',
        stamp: stampAt(7, caseworker2.deviceId),
        base: stampAt(1, caseworker.deviceId),
      };
      const answer = await push(caseworker, [asColleague, asGhost, mixed]);
      expect(answer.applied).toBe(0);
      expect(answer.results.map((r) => (r.status === 'rejected' ? r.code : r.status))).toEqual([
        'foreign_device_stamp',
        'foreign_device_stamp',
        'foreign_device_stamp',
      ]);
      const [first] = answer.rejected;
      expect(first!.reason.hi).toMatch(DEVANAGARI);
      expect(first!.reason.en).toContain('"riskLevel"');
      expect(answer.rejected[2]!.reason.en).toContain('"survivorName"');
      const [record] = await pullAll(caseworker);
      expect(record!.fields.riskLevel?.value).toBeNull();
      expect(record!.fields.survivorName?.value).toBe('सीता देवी');
      expect(conflictsIn(await pullAll(caseworker))).toEqual([]);
    });

    it("accepts its own new stamps over a colleague's base, such as a reinstated value", async () => {
      const { caseworker, manager } = fixture.actors;
      const create = newCaseMutation(caseworker, stampAt(1, caseworker.deviceId));
      await push(caseworker, [create]);
      const target = caseTargetOf(create);
      const reinstated = mutationOf(target, { riskLevel: 'high' }, stampAt(5, manager.deviceId), {
        riskLevel: stampAt(1, caseworker.deviceId),
      });
      expect((await push(manager, [reinstated])).results[0]!.status).toBe('applied');
    });

    it('answers a version-2 tablet, which knows no foreign_device_stamp, forbidden', async () => {
      const { caseworker, caseworker2 } = fixture.actors;
      const create = newCaseMutation(caseworker, stampAt(1, caseworker2.deviceId));
      const request = { ...pushRequestOf(caseworker, [create]), protocolVersion: 2 };
      const answer = pushResponseSchema.parse(
        await pushMutations(database.db, caseworker, request, now),
      );
      expect(answer.rejected).toMatchObject([{ code: 'forbidden' }]);
      expect(answer.rejected[0]!.reason.en).toContain("another tablet's name");
    });
  });

  describe('case numbers', () => {
    const codesOf = (answer: Awaited<ReturnType<typeof push>>) =>
      answer.results.map((r) => (r.status === 'rejected' ? r.code : r.status));

    it("refuses a new case whose number is not the pushing tablet's district and tag", async () => {
      const { caseworker, caseworker2, otherCaseworker } = fixture.actors;
      const own = caseNumberFor(caseworker.deviceId);
      const [district, year, tag, serial] = own.split('-') as [string, string, string, string];
      const colleagues = caseNumberFor(caseworker2.deviceId);
      const otherDistrict = caseNumberFor(otherCaseworker.deviceId).split('-')[0]!;
      const stamp = stampAt(1, caseworker.deviceId);
      const answer = await push(caseworker, [
        newCaseMutation(caseworker, stamp, { caseNumber: colleagues }),
        newCaseMutation(caseworker, stamp, {
          caseNumber: [otherDistrict, year, tag, serial].join('-'),
        }),
        newCaseMutation(caseworker, stamp, { caseNumber: own }),
      ]);
      expect(codesOf(answer)).toEqual(['foreign_case_number', 'foreign_case_number', 'applied']);
      const [first] = answer.rejected;
      expect(first!.reason.hi).toMatch(DEVANAGARI);
      expect(first!.reason.en).toContain(colleagues);
      expect(first!.reason.en).toContain(`${district}-YYYY-${tag}-NNNN`);
      const stored = await pullAll(caseworker);
      expect(stored.map((record) => record.fields.caseNumber?.value)).toEqual([own]);
    });

    it('refuses a change of an existing case number to one not the pushing tablet’s', async () => {
      const { caseworker, caseworker2 } = fixture.actors;
      const create = newCaseMutation(caseworker, stampAt(1, caseworker.deviceId));
      await push(caseworker, [create]);
      const target = caseTargetOf(create);
      const given = create.fields.caseNumber!.value;
      const change = (actor: SyncActor, caseNumber: unknown) =>
        mutationOf(target, { caseNumber, riskLevel: 'high' }, stampAt(5, actor.deviceId), {
          caseNumber: stampAt(1, caseworker.deviceId),
        });
      const answer = await push(caseworker2, [
        change(caseworker2, caseNumberFor(caseworker.deviceId)),
        // The number as stored, sent again by a colleague's tablet: not a change.
        change(caseworker2, given),
      ]);
      expect(codesOf(answer)).toEqual(['foreign_case_number', 'applied']);
      const [record] = await pullAll(caseworker);
      expect(record!.fields.caseNumber?.value).toBe(given);
    });
  });

  describe('scope', () => {
    const rejectionOf = async (actor: SyncActor, mutation: Mutation) => {
      const [result] = (await push(actor, [mutation])).results;
      return result?.status === 'rejected' ? result.code : result?.status;
    };

    it("lets only a centre's own staff write its cases and entries", async () => {
      const { caseworker, otherCaseworker, stateAdmin } = fixture.actors;
      const create = newCaseMutation(caseworker, stampAt(1, caseworker.deviceId));
      await push(caseworker, [create]);
      const target = caseTargetOf(create);
      const edit = (actor: SyncActor) =>
        mutationOf(target, { riskLevel: 'high' }, stampAt(5, actor.deviceId));
      expect(await rejectionOf(otherCaseworker, edit(otherCaseworker))).toBe('forbidden');
      expect(await rejectionOf(stateAdmin, edit(stateAdmin))).toBe('forbidden');
      const foreignNote = newNoteMutation(
        otherCaseworker,
        create.recordId,
        fixture.own.id,
        stampAt(5, otherCaseworker.deviceId),
      );
      expect(await rejectionOf(otherCaseworker, foreignNote)).toBe('forbidden');
      const [record] = await pullAll(caseworker);
      expect(record!.fields.riskLevel?.value).toBeNull();
    });

    it('lets only a manager close a case, approving in her own name', async () => {
      const { caseworker, manager } = fixture.actors;
      const create = newCaseMutation(caseworker, stampAt(1, caseworker.deviceId));
      await push(caseworker, [create]);
      const target = caseTargetOf(create);
      const request = {
        closureReason: 'services_completed',
        closureRequestedBy: caseworker.userId,
        closureRequestedAt: now.toISOString(),
      };
      expect(
        await rejectionOf(caseworker, mutationOf(target, request, stampAt(2, caseworker.deviceId))),
      ).toBe('applied');
      const closure = (approvedBy: string) => ({
        status: 'closed',
        closureApprovedBy: approvedBy,
        closureApprovedAt: now.toISOString(),
      });
      const forgeries = [caseworker.userId, manager.userId, crypto.randomUUID()].map((by, i) =>
        mutationOf(target, closure(by), stampAt(3 + i, caseworker.deviceId)),
      );
      const answer = await push(caseworker, forgeries);
      expect(answer.results.map((r) => (r.status === 'rejected' ? r.code : r.status))).toEqual([
        'forbidden',
        'forbidden',
        'forbidden',
      ]);
      if (answer.results[0]?.status === 'rejected') {
        expect(answer.results[0].reason.hi).toMatch(DEVANAGARI);
        expect(answer.results[0].reason.en).toContain('manager');
      }
      const inColleaguesName = mutationOf(
        target,
        closure(crypto.randomUUID()),
        stampAt(10, manager.deviceId),
      );
      expect(await rejectionOf(manager, inColleaguesName)).toBe('forbidden');
      const [open] = await pullAll(caseworker);
      expect(open!.fields.status?.value).toBe('open');
      expect(open!.fields.closureApprovedBy?.value).toBeNull();
      const approval = mutationOf(target, closure(manager.userId), stampAt(11, manager.deviceId));
      expect(await rejectionOf(manager, approval)).toBe('applied');
      const [closed] = await pullAll(caseworker);
      expect(closed!.fields.status?.value).toBe('closed');
      expect(closed!.fields.closureApprovedBy?.value).toBe(manager.userId);
    });

    it('lets the manager and the counsellor assign a case in their own name, never a caseworker', async () => {
      const { caseworker, caseworker2, counsellor, manager } = fixture.actors;
      const mine = newCaseMutation(caseworker, stampAt(1, caseworker.deviceId), {
        assignedStaffIds: [caseworker.userId],
      });
      expect(await rejectionOf(caseworker, mine)).toBe('applied');
      const target = caseTargetOf(mine);
      const assignTo = (by: SyncActor, ids: string[], signedBy = by.userId, tick = 2) =>
        mutationOf(
          target,
          { assignedStaffIds: ids, assignedBy: signedBy, assignedAt: now.toISOString() },
          stampAt(tick, by.deviceId),
        );
      const refused = await push(caseworker, [assignTo(caseworker, [caseworker2.userId])]);
      expect(refused.results[0]).toMatchObject({ status: 'rejected', code: 'forbidden' });
      if (refused.results[0]?.status === 'rejected') {
        expect(refused.results[0].reason.hi).toMatch(DEVANAGARI);
        expect(refused.results[0].reason.en).toContain('assign');
      }
      const taking = mutationOf(
        target,
        { assignedStaffIds: [caseworker2.userId] },
        stampAt(3, caseworker2.deviceId),
      );
      expect(await rejectionOf(caseworker2, taking)).toBe('forbidden');
      expect(
        await rejectionOf(manager, assignTo(manager, [caseworker2.userId], caseworker.userId, 4)),
      ).toBe('forbidden');
      expect(
        await rejectionOf(manager, assignTo(manager, [caseworker2.userId], undefined, 5)),
      ).toBe('applied');
      expect(
        await rejectionOf(
          counsellor,
          assignTo(counsellor, [caseworker2.userId, counsellor.userId], undefined, 6),
        ),
      ).toBe('applied');
      // Sent again on a stored case, a registration's "to its registrant alone" is no way
      // round the rule: not for her who registered it, not for one who claims she did.
      const takingBack = mutationOf(
        target,
        { registeredBy: caseworker.userId, assignedStaffIds: [caseworker.userId] },
        stampAt(7, caseworker.deviceId),
      );
      expect(await rejectionOf(caseworker, takingBack)).toBe('forbidden');
      const claiming = mutationOf(
        target,
        { registeredBy: caseworker2.userId, assignedStaffIds: [caseworker2.userId] },
        stampAt(8, caseworker2.deviceId),
      );
      expect(await rejectionOf(caseworker2, claiming)).toBe('forbidden');
      const assigned = (await pullAll(caseworker)).find((record) => record.recordType === 'case');
      expect(assigned!.fields.assignedStaffIds?.value).toEqual([
        caseworker2.userId,
        counsellor.userId,
      ]);
      expect(assigned!.fields.assignedBy?.value).toBe(counsellor.userId);
      expect(assigned!.fields.registeredBy?.value).toBe(caseworker.userId);
    });

    it("records a referral's steps only in the pushing staff member's own name", async () => {
      const { caseworker, counsellor } = fixture.actors;
      const create = newCaseMutation(caseworker, stampAt(1, caseworker.deviceId));
      const referralId = crypto.randomUUID();
      const target = {
        recordType: 'referral',
        recordId: referralId,
        caseId: create.recordId,
      } as const;
      const sent = mutationOf(
        target,
        {
          ...laterReferralBlanks,
          id: referralId,
          caseId: create.recordId,
          centreId: fixture.own.id,
          recordedAt: now.toISOString(),
          recordedBy: caseworker.userId,
          deleted: false,
          agency: 'dlsa',
          agencyName: 'DLSA Lucknow',
          contactPerson: null,
          notes: null,
          outcome: null,
          ...referralStepOf('sent', caseworker, now.toISOString()),
        },
        stampAt(2, caseworker.deviceId),
      );
      expect((await push(caseworker, [create, sent])).results.map((r) => r.status)).toEqual([
        'applied',
        'applied',
      ]);
      const step = (actor: SyncActor, status: 'accepted' | 'completed', by: string, at: number) =>
        mutationOf(
          target,
          referralStepOf(status, { userId: by }, now.toISOString()),
          stampAt(at, actor.deviceId),
        );

      const inCaseworkersName = step(counsellor, 'accepted', caseworker.userId, 3);
      const [refused] = (await push(counsellor, [inCaseworkersName])).results;
      expect(refused?.status === 'rejected' && refused.code).toBe('forbidden');
      if (refused?.status === 'rejected') {
        expect(refused.reason.hi).toMatch(DEVANAGARI);
        expect(refused.reason.en).toContain('referral');
        expect(refused.reason.en).toContain('"acceptedBy"');
      }
      expect(
        await rejectionOf(counsellor, step(counsellor, 'completed', crypto.randomUUID(), 4)),
      ).toBe('forbidden');
      const [unchanged] = await pullAll(caseworker).then((records) =>
        records.filter((record) => record.recordType === 'referral'),
      );
      expect(unchanged!.fields.status?.value).toBe('sent');
      expect(unchanged!.fields.acceptedBy?.value).toBeNull();

      expect(
        await rejectionOf(counsellor, step(counsellor, 'accepted', counsellor.userId, 5)),
      ).toBe('applied');
      expect(
        await rejectionOf(caseworker, step(caseworker, 'completed', caseworker.userId, 6)),
      ).toBe('applied');
      const [referral] = (await pullAll(caseworker)).filter((r) => r.recordType === 'referral');
      expect(referral!.fields.status?.value).toBe('completed');
      expect(referral!.fields.referredBy?.value).toBe(caseworker.userId);
      expect(referral!.fields.acceptedBy?.value).toBe(counsellor.userId);
      expect(referral!.fields.completedBy?.value).toBe(caseworker.userId);
    });

    it("keeps to the closure's steps, judged on the merged case", async () => {
      const { caseworker, manager } = fixture.actors;
      const create = newCaseMutation(caseworker, stampAt(1, caseworker.deviceId));
      await push(caseworker, [create]);
      const target = caseTargetOf(create);
      const at = now.toISOString();
      const edit = (actor: SyncActor, values: Record<string, unknown>, offset: number) =>
        rejectionOf(actor, mutationOf(target, values, stampAt(offset, actor.deviceId)));
      const approval = {
        status: 'closed',
        closureApprovedBy: manager.userId,
        closureApprovedAt: at,
      };
      expect(await edit(manager, approval, 2)).toBe('forbidden');
      const request = {
        closureReason: 'services_completed',
        closureRequestedBy: caseworker.userId,
        closureRequestedAt: at,
      };
      expect(await edit(caseworker, request, 3)).toBe('applied');
      const withdrawn = { closureRequestedBy: null, closureRequestedAt: null };
      expect(await edit(caseworker, withdrawn, 4)).toBe('forbidden');
      const sendBack = {
        ...withdrawn,
        closureSentBackBy: manager.userId,
        closureSentBackAt: at,
        closureSentBackReason: 'Her DLSA referral is still waiting.',
      };
      expect(await edit(caseworker, { ...sendBack, closureSentBackBy: caseworker.userId }, 5)).toBe(
        'forbidden',
      );
      expect(await edit(manager, sendBack, 6)).toBe('applied');
      expect(await edit(manager, approval, 7)).toBe('forbidden');
      expect(await edit(caseworker, request, 8)).toBe('applied');
      expect(await edit(manager, approval, 9)).toBe('applied');

      // A service written after the closure waits for a reopening; one written before it is kept.
      const service = (offset: number) => {
        const id = crypto.randomUUID();
        return mutationOf(
          { recordType: 'service', recordId: id, caseId: create.recordId },
          {
            id,
            caseId: create.recordId,
            centreId: fixture.own.id,
            recordedAt: at,
            recordedBy: caseworker.userId,
            deleted: false,
            ...sampleService({ givenAt: at, givenBy: caseworker.userId, durationMinutes: 30 }),
          },
          stampAt(offset, caseworker.deviceId),
        );
      };
      const [late] = (await push(caseworker, [service(10)])).results;
      expect(late).toMatchObject({ status: 'rejected', code: 'forbidden' });
      if (late?.status === 'rejected') {
        expect(late.reason.hi).toMatch(DEVANAGARI);
        expect(late.reason.en).toMatch(/closed.*reopen/);
      }
      expect(await rejectionOf(caseworker, service(4))).toBe('applied');
      const note = newNoteMutation(
        caseworker,
        create.recordId,
        fixture.own.id,
        stampAt(11, caseworker.deviceId),
      );
      expect(await rejectionOf(caseworker, note)).toBe('applied');
      expect(await edit(caseworker, { riskLevel: 'high' }, 12)).toBe('forbidden');
      expect(await edit(manager, { status: 'open' }, 13)).toBe('forbidden');
      const reopening = {
        status: 'open',
        reopenedBy: manager.userId,
        reopenedAt: at,
        reopenReason: 'She came back to the centre.',
        closureRequestedBy: null,
        closureRequestedAt: null,
        closureApprovedBy: null,
        closureApprovedAt: null,
      };
      expect(await edit(caseworker, { ...reopening, reopenedBy: caseworker.userId }, 14)).toBe(
        'forbidden',
      );
      expect(await edit(manager, reopening, 15)).toBe('applied');
      expect(await rejectionOf(caseworker, service(16))).toBe('applied');
      const records = await pullAll(caseworker);
      const reopened = records.find((record) => record.id === create.recordId)!;
      expect(reopened.fields.status?.value).toBe('open');
      expect(reopened.fields.reopenReason?.value).toBe('She came back to the centre.');
      expect(reopened.fields.closureSentBackBy?.value).toBe(manager.userId);
      expect(reopened.fields.riskLevel?.value).toBeNull();
      expect(records.filter((record) => record.recordType === 'service')).toHaveLength(2);
    });

    it('refuses a new case for another centre, and headquarters roles any write', async () => {
      const { caseworker, otherCaseworker, stateAdmin } = fixture.actors;
      const stamp = stampAt(1, caseworker.deviceId);
      const elsewhere = newCaseMutation(caseworker, stamp, { centreId: fixture.other.id });
      expect(await rejectionOf(caseworker, elsewhere)).toBe('forbidden');
      const byHeadquarters = newCaseMutation(stateAdmin, stampAt(1, stateAdmin.deviceId), {
        centreId: fixture.own.id,
      });
      const [result] = (await push(stateAdmin, [byHeadquarters])).results;
      expect(result).toMatchObject({ status: 'rejected', code: 'forbidden' });
      if (result?.status === 'rejected') expect(result.reason.en).toMatch(/Headquarters/);
      expect(await pullAll(otherCaseworker)).toEqual([]);
      expect(await pullAll(caseworker)).toEqual([]);
    });

    it('answers unknown_case for an entry, or an edit, whose case the server does not have', async () => {
      const { caseworker } = fixture.actors;
      const missingCase = crypto.randomUUID();
      const note = newNoteMutation(
        caseworker,
        missingCase,
        fixture.own.id,
        stampAt(1, caseworker.deviceId),
      );
      expect(await rejectionOf(caseworker, note)).toBe('unknown_case');
      const edit = mutationOf(
        { recordType: 'case', recordId: missingCase, caseId: missingCase },
        { riskLevel: 'high' },
        stampAt(1, caseworker.deviceId),
      );
      expect(await rejectionOf(caseworker, edit)).toBe('unknown_case');
    });

    it("never changes a record's type, case or centre", async () => {
      const { caseworker } = fixture.actors;
      const first = newCaseMutation(caseworker, stampAt(1, caseworker.deviceId));
      const second = newCaseMutation(caseworker, stampAt(1, caseworker.deviceId));
      const note = newNoteMutation(
        caseworker,
        first.recordId,
        fixture.own.id,
        stampAt(2, caseworker.deviceId),
      );
      await push(caseworker, [first, second, note]);
      const stamp = stampAt(3, caseworker.deviceId);
      const asNote = mutationOf(
        { recordType: 'note', recordId: first.recordId, caseId: first.recordId },
        { text: 'x' },
        stamp,
      );
      expect(await rejectionOf(caseworker, asNote)).toBe('record_type_mismatch');
      const moved = mutationOf(
        { recordType: 'note', recordId: note.recordId, caseId: second.recordId },
        { caseId: second.recordId },
        stamp,
      );
      expect(await rejectionOf(caseworker, moved)).toBe('forbidden');
      const recentred = mutationOf(
        { recordType: 'note', recordId: note.recordId, caseId: first.recordId },
        { centreId: fixture.other.id },
        stamp,
      );
      expect(await rejectionOf(caseworker, recentred)).toBe('forbidden');
    });
  });

  describe('conflicts', () => {
    /** A case both tablets have, with riskLevel written at `base` by a third device. */
    const sharedCase = async () => {
      const { counsellor } = fixture.actors;
      const base = stampAt(1, counsellor.deviceId);
      const create = newCaseMutation(counsellor, base);
      await push(counsellor, [create]);
      const target = caseTargetOf(create);
      return { target, base };
    };

    it('keeps the stored loser when two tablets change one field from the same base', async () => {
      const { caseworker, caseworker2 } = fixture.actors;
      const { target, base } = await sharedCase();
      const first = mutationOf(target, { riskLevel: 'high' }, stampAt(10, caseworker.deviceId), {
        riskLevel: base,
      });
      const second = mutationOf(target, { riskLevel: 'low' }, stampAt(20, caseworker2.deviceId), {
        riskLevel: base,
      });
      await push(caseworker, [first]);
      await push(caseworker2, [second]);
      const records = await pullAll(caseworker);
      expect(records.find((r) => r.id === target.recordId)!.fields.riskLevel?.value).toBe('low');
      const conflicts = conflictsIn(records);
      expect(conflicts).toHaveLength(1);
      expect(conflicts[0]).toMatchObject({
        caseId: target.caseId,
        centreId: fixture.own.id,
        recordType: 'case',
        recordId: target.recordId,
        field: 'riskLevel',
        loser: 'stored',
        value: 'high',
        stamp: stampAt(10, caseworker.deviceId),
        winningStamp: stampAt(20, caseworker2.deviceId),
        deviceId: caseworker.deviceId,
        writtenBy: caseworker.userId,
        // The name a manager reads on the card (the stored value's writer, not the pusher).
        writtenByName: await nameOf(caseworker.userId),
        detectedAt: now.toISOString(),
        resolution: null,
        resolvedBy: null,
        resolvedAt: null,
      });
      const conflictRecord = records.find((r) => r.recordType === 'conflict')!;
      expect(conflictRecord.caseId).toBe(target.caseId);
      expect(Object.values(conflictRecord.fields).every((f) => f.stamp.endsWith('-server'))).toBe(
        true,
      );
    });

    it('keeps the incoming loser when the older write arrives second', async () => {
      const { caseworker, caseworker2 } = fixture.actors;
      const { target, base } = await sharedCase();
      const newer = mutationOf(target, { riskLevel: 'low' }, stampAt(20, caseworker2.deviceId), {
        riskLevel: base,
      });
      const older = mutationOf(target, { riskLevel: 'high' }, stampAt(10, caseworker.deviceId), {
        riskLevel: base,
      });
      await push(caseworker2, [newer]);
      await push(caseworker, [older]);
      const records = await pullAll(caseworker);
      expect(records.find((r) => r.id === target.recordId)!.fields.riskLevel?.value).toBe('low');
      expect(conflictsIn(records)).toMatchObject([
        {
          loser: 'incoming',
          value: 'high',
          deviceId: caseworker.deviceId,
          writtenBy: caseworker.userId,
          // The pusher's own name: the incoming write lost.
          writtenByName: await nameOf(caseworker.userId),
        },
      ]);
    });

    it('keeps nothing for one tablet writing twice, for equal values, or for a write that saw the other', async () => {
      const { caseworker, caseworker2 } = fixture.actors;
      const { target, base } = await sharedCase();
      const device = caseworker.deviceId;
      await push(caseworker, [
        mutationOf(target, { riskLevel: 'high' }, stampAt(10, device), { riskLevel: base }),
      ]);
      // Same device, same stale base: a device always sees its own writes.
      await push(caseworker, [
        mutationOf(target, { riskLevel: 'low' }, stampAt(11, device), { riskLevel: base }),
      ]);
      // Another device, same stale base, equal value.
      await push(caseworker2, [
        mutationOf(target, { riskLevel: 'low' }, stampAt(12, caseworker2.deviceId), {
          riskLevel: base,
        }),
      ]);
      // Another device that saw the latest write.
      await push(caseworker2, [
        mutationOf(target, { riskLevel: 'medium' }, stampAt(13, caseworker2.deviceId), {
          riskLevel: stampAt(12, caseworker2.deviceId),
        }),
      ]);
      const records = await pullAll(caseworker);
      expect(conflictsIn(records)).toEqual([]);
      expect(records.find((r) => r.id === target.recordId)!.fields.riskLevel?.value).toBe('medium');
    });

    it('keeps an edit that reaches a removed record as a conflict on "deleted"', async () => {
      const { caseworker, caseworker2 } = fixture.actors;
      const { target, base } = await sharedCase();
      await push(caseworker, [
        mutationOf(target, { deleted: true }, stampAt(10, caseworker.deviceId), { deleted: base }),
      ]);
      await push(caseworker2, [
        mutationOf(target, { safetyPlan: 'बहन के घर रहेंगी' }, stampAt(20, caseworker2.deviceId), {
          safetyPlan: base,
        }),
      ]);
      expect(conflictsIn(await pullAll(caseworker))).toMatchObject([
        {
          field: 'deleted',
          loser: 'incoming',
          value: { safetyPlan: 'बहन के घर रहेंगी' },
          deviceId: caseworker2.deviceId,
          writtenBy: caseworker2.userId,
        },
      ]);
    });

    it('lets only a manager resolve a conflict, and only its resolution', async () => {
      const { caseworker, caseworker2, manager } = fixture.actors;
      const { target, base } = await sharedCase();
      await push(caseworker, [
        mutationOf(target, { riskLevel: 'high' }, stampAt(10, caseworker.deviceId), {
          riskLevel: base,
        }),
      ]);
      await push(caseworker2, [
        mutationOf(target, { riskLevel: 'low' }, stampAt(20, caseworker2.deviceId), {
          riskLevel: base,
        }),
      ]);
      const conflict = (await pullAll(manager)).find((r) => r.recordType === 'conflict')!;
      const conflictTarget = {
        recordType: 'conflict',
        recordId: conflict.id,
        caseId: conflict.caseId,
      } as const;
      const resolution = {
        resolution: 'kept',
        resolvedBy: manager.userId,
        resolvedAt: now.toISOString(),
      };
      // As a tablet does: it has seen the conflict, so its stamps follow the server's.
      const seen = conflict.fields.resolution!.stamp;
      const bases = { resolution: seen, resolvedBy: seen, resolvedAt: seen };
      const later = (ms: number, actor: SyncActor) => stampAt(60_000 + ms, actor.deviceId);
      const byCaseworker = mutationOf(conflictTarget, resolution, later(1, caseworker), bases);
      const rewrite = mutationOf(conflictTarget, { value: 'medium' }, later(1, manager), {
        value: seen,
      });
      const byManager = mutationOf(conflictTarget, resolution, later(2, manager), bases);
      const { results } = await push(caseworker, [byCaseworker]);
      expect(results[0]).toMatchObject({ status: 'rejected', code: 'forbidden' });
      const managed = await push(manager, [rewrite, byManager]);
      expect(managed.results[0]).toMatchObject({ status: 'rejected', code: 'forbidden' });
      if (managed.results[0]?.status === 'rejected')
        expect(managed.results[0].reason.en).toContain('"value"');
      expect(managed.results[1]!.status).toBe('applied');
      // The resolution syncs like any change, and causes no conflict of its own.
      expect(conflictsIn(await pullAll(caseworker))).toMatchObject([
        { resolution: 'kept', resolvedBy: manager.userId, value: 'high' },
      ]);
      const forged = mutationOf(
        { ...conflictTarget, recordId: crypto.randomUUID() },
        resolution,
        stampAt(32, manager.deviceId),
      );
      expect((await push(manager, [forged])).results[0]).toMatchObject({ code: 'forbidden' });
    });
  });

  describe('pull', () => {
    it('pages in change-log order and resumes from the cursor', async () => {
      const { caseworker, counsellor, otherCaseworker } = fixture.actors;
      const creates = Array.from({ length: 7 }, (_, i) =>
        newCaseMutation(caseworker, stampAt(i + 1, caseworker.deviceId)),
      );
      await push(caseworker, creates.slice(0, 4));
      await push(otherCaseworker, [
        newCaseMutation(otherCaseworker, stampAt(1, otherCaseworker.deviceId)),
      ]);
      await push(caseworker, creates.slice(4));
      const seen: string[] = [];
      let cursor: string | null = null;
      const hasMores: boolean[] = [];
      for (;;) {
        const page = await pull(counsellor, cursor, 3);
        seen.push(...page.records.map((r) => r.id));
        hasMores.push(page.hasMore);
        cursor = page.cursor;
        if (!page.hasMore) break;
      }
      expect(seen).toEqual(creates.map((m) => m.recordId));
      expect(hasMores).toEqual([true, true, false]);
      const nothingNew = await pull(counsellor, cursor, 3);
      expect(nothingNew).toMatchObject({ records: [], cursor, hasMore: false });

      const target = caseTargetOf(creates[1]!);
      await push(caseworker, [
        mutationOf(target, { riskLevel: 'high' }, stampAt(50, caseworker.deviceId)),
      ]);
      const changed = await pull(counsellor, cursor, 3);
      expect(changed.records.map((r) => r.id)).toEqual([target.recordId]);
      expect(seqOf(changed.cursor)).toBeGreaterThan(seqOf(cursor));
    });

    it('gives cursors that name the change log, and refuses one from another log or past its end', async () => {
      const { caseworker } = fixture.actors;
      await push(caseworker, [newCaseMutation(caseworker, stampAt(1, caseworker.deviceId))]);
      const { cursor } = await pull(caseworker);
      const { logId, lastSeq } = await readChangeLogPosition(database.db);
      expect(cursor).toBe(`${logId}.${lastSeq}`);
      expect(cursor!.length).toBeLessThanOrEqual(200);
      const refused = [
        String(lastSeq), // a cursor from before log ids: re-pull rather than trust it
        `${crypto.randomUUID()}.${lastSeq}`,
        `${logId}.${lastSeq + 1}`,
        `${logId}.01`,
        `${logId}.`,
        `${logId.toUpperCase()}.1`,
      ];
      for (const bad of refused) {
        await expect(pull(caseworker, bad), bad).rejects.toMatchObject({ code: 'invalid_cursor' });
      }

      // A restore: the log id changes, and the cursor held from before is refused.
      await renewLogId(database.db, now);
      await expect(pull(caseworker, cursor)).rejects.toMatchObject({ code: 'invalid_cursor' });
      const again = await pull(caseworker);
      expect(again.records).toHaveLength(1);
      expect(again.cursor).not.toBe(cursor);
      expect((await pull(caseworker, again.cursor)).records).toEqual([]);
    });

    it('stops a page at about a megabyte of records, never at none, and misses nothing', async () => {
      const { caseworker } = fixture.actors;
      // Long Devanagari texts within the schema's limits: three bytes a character.
      const longText = (n: number) => `${n} ${'सहायता केंद्र '.repeat(900)}`.slice(0, 12_000);
      const mutations = Array.from({ length: 4 }, (_, i) => {
        const create = newCaseMutation(caseworker, stampAt(i + 1, caseworker.deviceId));
        const stamp = stampAt(i + 1, caseworker.deviceId);
        const notes = Array.from({ length: 15 }, (_, j) =>
          newNoteMutation(caseworker, create.recordId, caseworker.centreId!, stamp, longText(j)),
        );
        return [create, ...notes];
      }).flat();
      for (let start = 0; start < mutations.length; start += 200) {
        await push(caseworker, mutations.slice(start, start + 200));
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      for (;;) {
        const request = { protocolVersion: PROTOCOL_VERSION, cursor, limit: 1000 };
        const page = await pullChanges(database.db, caseworker, request, now);
        pages += 1;
        expect(page.records.length).toBeGreaterThan(0);
        expect(new TextEncoder().encode(JSON.stringify(page.records)).length).toBeLessThan(
          1_100_000,
        );
        seen.push(...page.records.map((record) => record.id));
        cursor = page.cursor;
        if (!page.hasMore) break;
      }
      expect(pages).toBeGreaterThan(1);
      expect([...seen].sort()).toEqual(mutations.map((m) => m.recordId).sort());
    });

    it('starts with a null cursor and keeps it while there is nothing', async () => {
      expect(await pull(fixture.actors.caseworker)).toEqual({
        serverTime: now.toISOString(),
        records: [],
        cursor: null,
        hasMore: false,
      });
    });

    it('refuses headquarters roles, an invalid cursor and an unsupported version', async () => {
      const { caseworker, stateAdmin } = fixture.actors;
      await expect(pull(stateAdmin)).rejects.toMatchObject({
        name: 'ServiceError',
        code: 'forbidden',
      });
      for (const cursor of ['abc', '-1', '1.5', '01', '0', '99999999999999999999']) {
        await expect(pull(caseworker, cursor)).rejects.toMatchObject({
          name: 'ServiceError',
          code: 'invalid_cursor',
        });
      }
      await expect(
        pullChanges(database.db, caseworker, { protocolVersion: 0, cursor: null, limit: 10 }, now),
      ).rejects.toMatchObject({ code: 'unsupported_protocol_version' });
    });
  });
}
