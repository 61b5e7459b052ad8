/**
 * The sealed push through the whole API: a locked tablet's signed, sealed push, sent by
 * the tablet's own transport (src/sync/sealed-push.ts) to the server built as in
 * production. Written once, run on SQLite (server/sync-api.test.ts) and PostgreSQL
 * (…pg.test.ts).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncTables } from '../../server/db/sync-schema.ts';
import type { User } from '../../server/db/schema.ts';
import { encodeBase64url } from '../../src/domain/base64url.ts';
import { PROTOCOL_VERSION, type Mutation } from '../../src/domain/protocol.ts';
import {
  DEVICE_SIGNATURE_HEADER,
  SEALED_PUSH_PATH,
  type SealedMutation,
} from '../../src/domain/sealed-push-protocol.ts';
import {
  decodePullResponse,
  encodePushRequest,
  wirePullResponseSchema,
} from '../../src/domain/wire.ts';
import { pushSealed, sealMutation } from '../../src/sync/sealed-push.ts';
import {
  fetchFromHarness,
  inject,
  revokeTablet,
  seedFixture,
  signInAs,
  survivorNamesSeenBy,
  type ApiHarness,
  type Fixture,
  type HarnessFactory,
} from './api-harness.ts';
import { tabletKeyPairFor } from './device-keys.ts';
import {
  caseNumberFor,
  mutationOf,
  newCaseMutation,
  newNoteMutation,
  stampAt,
} from './sync-fixture.ts';

interface LockedTablet {
  deviceId: string;
  signingKey: CryptoKey;
}

export function describeSealedPushApi(openHarness: HarnessFactory): void {
  describe('sealed push from a locked tablet', () => {
    let harness: ApiHarness;
    let fixture: Fixture;

    beforeAll(async () => {
      harness = await openHarness();
      fixture = await seedFixture(harness, 'sealed');
    });
    afterAll(async () => harness?.close());

    /**
     * Signs in as each of `users` on one new tablet, which registers its device key; the
     * key comes back as the non-extractable CryptoKey a tablet keeps.
     */
    async function lockedTablet(...users: User[]): Promise<LockedTablet> {
      const deviceId = randomUUID();
      for (const user of users) await signInAs(harness, user.username, { deviceId });
      const { privateKey: signingKey } = await tabletKeyPairFor(deviceId);
      return { deviceId, signingKey };
    }

    function sealFor(
      tablet: LockedTablet,
      user: User,
      mutation: Mutation,
    ): Promise<SealedMutation> {
      return sealMutation({
        sealingKey: harness.ctx.secrets.sealingPublicKey,
        deviceId: tablet.deviceId,
        userId: user.id,
        mutation,
      });
    }

    function push(tablet: LockedTablet, boxes: SealedMutation[], signingKey = tablet.signingKey) {
      return pushSealed({
        baseUrl: '',
        deviceId: tablet.deviceId,
        signingKey,
        boxes,
        fetch: fetchFromHarness(harness),
      });
    }

    function caseBy(user: User, tablet: LockedTablet, survivorName: string): Mutation {
      const actor = {
        userId: user.id,
        deviceId: tablet.deviceId,
        role: user.role,
        centreId: user.centre_id,
      };
      return newCaseMutation(actor, stampAt(0, tablet.deviceId), { survivorName });
    }

    it('applies a locked tablet’s signed push as its writer’s, answering nothing readable', async () => {
      const { caseworker, counsellor } = fixture.users;
      const tablet = await lockedTablet(caseworker);
      const mutation = caseBy(caseworker, tablet, 'ज़ेबुन्निसा सीलबंद');
      const box = await sealFor(tablet, caseworker, mutation);
      const sent = await push(tablet, [box]);
      expect(sent.sentCount).toBe(1);
      expect(sent.response).toEqual({
        serverTime: harness.clock.now().toISOString(),
        applied: 1,
        duplicates: [],
        rejected: [],
      });
      expect(await survivorNamesSeenBy(harness, counsellor)).toContain('ज़ेबुन्निसा सीलबंद');

      const stored = await harness.db
        .withTables<SyncTables>()
        .selectFrom('sync_mutations')
        .select(['user_id', 'device_id'])
        .where('id', '=', mutation.id)
        .executeTakeFirstOrThrow();
      expect(stored).toEqual({ user_id: caseworker.id, device_id: tablet.deviceId });
      const audit = await harness.db
        .selectFrom('audit_log')
        .select(['user_id', 'centre_id', 'details'])
        .where('device_id', '=', tablet.deviceId)
        .where('action', '=', 'case.write')
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ user_id: caseworker.id, centre_id: fixture.own.id });
      expect(JSON.parse(audit[0]!.details)).toEqual({
        applied: 1,
        duplicate: 0,
        rejected: 0,
        sealed: true,
      });

      // A replay changes nothing and is acknowledged again.
      expect((await push(tablet, [box])).response).toMatchObject({
        applied: 0,
        duplicates: [mutation.id],
        rejected: [],
      });
    });

    it('cannot read: no session comes of it, and pulling with the signature alone is refused', async () => {
      const { caseworker } = fixture.users;
      const tablet = await lockedTablet(caseworker);
      const body = JSON.stringify({ protocolVersion: PROTOCOL_VERSION, cursor: null, limit: 10 });
      const signature = await crypto.subtle.sign(
        { name: 'ECDSA', hash: 'SHA-256' },
        tablet.signingKey,
        new TextEncoder().encode(body),
      );
      const response = await inject(harness, {
        method: 'POST',
        url: '/api/sync/pull',
        headers: {
          'content-type': 'application/json',
          [DEVICE_SIGNATURE_HEADER]: encodeBase64url(new Uint8Array(signature)),
        },
        payload: body,
      });
      expect(response.statusCode).toBe(401);
      expect(response.body).not.toContain('records');
    });

    it('refuses a wrong signature, an unknown tablet and a missing signature alike, writing nothing', async () => {
      const { caseworker, counsellor } = fixture.users;
      const tablet = await lockedTablet(caseworker);
      const box = await sealFor(tablet, caseworker, caseBy(caseworker, tablet, 'गलत हस्ताक्षर'));
      const stranger = await lockedTablet(caseworker);
      await expect(push(tablet, [box], stranger.signingKey)).rejects.toMatchObject({
        code: 'bad_device_signature',
      });
      const unknown = { ...tablet, deviceId: 'never-registered' };
      await expect(push(unknown, [box])).rejects.toMatchObject({ code: 'bad_device_signature' });

      const answers = await Promise.all(
        [{ [DEVICE_SIGNATURE_HEADER]: 'AAAA' }, {}].map((headers) =>
          inject(harness, {
            method: 'POST',
            url: SEALED_PUSH_PATH,
            headers,
            payload: {
              protocolVersion: PROTOCOL_VERSION,
              deviceId: tablet.deviceId,
              mutations: [box],
            },
          }),
        ),
      );
      for (const answer of answers) {
        expect(answer.statusCode).toBe(401);
        expect(answer.json()).toMatchObject({ error: { code: 'bad_device_signature' } });
      }
      expect(await survivorNamesSeenBy(harness, counsellor)).not.toContain('गलत हस्ताक्षर');
    });

    it('takes what a revoked tablet’s outbox holds, write-only, and tells it to wipe', async () => {
      const { caseworker, manager, counsellor } = fixture.users;
      const tablet = await lockedTablet(caseworker);
      const managerTablet = await signInAs(harness, manager.username);
      const revoked = await revokeTablet(harness, tablet.deviceId, managerTablet.token);
      expect(revoked.statusCode).toBe(200);
      const box = await sealFor(tablet, caseworker, caseBy(caseworker, tablet, 'रद्द टैबलेट'));
      const sent = await push(tablet, [box]);
      expect(sent).toMatchObject({ sentCount: 1, isDeviceRevoked: true });
      expect(sent.response).toMatchObject({ applied: 1, duplicates: [], rejected: [] });
      expect(await survivorNamesSeenBy(harness, counsellor)).toContain('रद्द टैबलेट');
      const audit = await harness.db
        .selectFrom('audit_log')
        .select(['details'])
        .where('action', '=', 'case.write')
        .where('device_id', '=', tablet.deviceId)
        .execute();
      expect(audit.map((row) => JSON.parse(row.details) as unknown)).toEqual([
        expect.objectContaining({ sealed: true, revoked: true }),
      ]);
    });

    it('applies only the writers who may write from this tablet; an unreadable box refuses only itself', async () => {
      const { caseworker, nurse, otherCaseworker, counsellor } = fixture.users;
      const tablet = await lockedTablet(caseworker);
      // The nurse works on another tablet of the centre, never on this one.
      await signInAs(harness, nurse.username);
      const own = caseBy(caseworker, tablet, 'अपनी केसकर्मी');
      const otherCentre = caseBy(otherCaseworker, tablet, 'दूसरा केंद्र');
      const neverHere = caseBy(nurse, tablet, 'कभी साइन इन नहीं');
      const tampered = await sealFor(tablet, caseworker, caseBy(caseworker, tablet, 'टूटी सील'));
      const boxes = [
        await sealFor(tablet, otherCaseworker, otherCentre),
        await sealFor(tablet, nurse, neverHere),
        { ...tampered, sealed: { ...tampered.sealed, iv: encodeBase64url(new Uint8Array(12)) } },
        await sealFor(tablet, caseworker, own),
      ];
      const { response } = await push(tablet, boxes);
      expect(response.applied).toBe(1);
      expect(response.rejected.map(({ mutationId, code }) => [mutationId, code])).toEqual([
        [otherCentre.id, 'not_permitted'],
        [neverHere.id, 'not_permitted'],
        [tampered.id, 'unreadable_sealed_box'],
      ]);
      for (const { reason } of response.rejected) {
        expect(reason.hi).not.toBe('');
        expect(reason.en).not.toBe('');
      }
      const names = await survivorNamesSeenBy(harness, counsellor);
      expect(names).toContain('अपनी केसकर्मी');
      expect(names).not.toContain('दूसरा केंद्र');
      expect(names).not.toContain('कभी साइन इन नहीं');
    });

    it('applies a second staff member’s note as hers, with the same write rules as her session push', async () => {
      const { caseworker, counsellor } = fixture.users;
      const tablet = await lockedTablet(caseworker, counsellor);
      const theCase = caseBy(caseworker, tablet, 'दो कर्मचारी');
      const actor = {
        userId: counsellor.id,
        deviceId: tablet.deviceId,
        role: counsellor.role,
        centreId: counsellor.centre_id,
      };
      const note = newNoteMutation(
        actor,
        theCase.caseId,
        fixture.own.id,
        stampAt(1, tablet.deviceId),
      );
      const { response } = await push(tablet, [
        await sealFor(tablet, caseworker, theCase),
        await sealFor(tablet, counsellor, note),
      ]);
      expect(response).toMatchObject({ applied: 2, rejected: [] });
      const writers = await harness.db
        .withTables<SyncTables>()
        .selectFrom('sync_mutations')
        .select(['id', 'user_id'])
        .where('id', 'in', [theCase.id, note.id])
        .execute();
      expect(Object.fromEntries(writers.map((row) => [row.id, row.user_id]))).toEqual({
        [theCase.id]: caseworker.id,
        [note.id]: counsellor.id,
      });
    });

    it('refuses a sealed new case numbered with another tablet’s tag, as a session push would', async () => {
      const { caseworker } = fixture.users;
      const tablet = await lockedTablet(caseworker);
      const colleague = await signInAs(harness, fixture.users.counsellor.username);
      const theirs = caseBy(caseworker, tablet, 'दूसरे टैबलेट की संख्या');
      const numbered = {
        ...theirs,
        fields: {
          ...theirs.fields,
          caseNumber: { ...theirs.fields.caseNumber!, value: caseNumberFor(colleague.deviceId) },
        },
      };
      const own = caseBy(caseworker, tablet, 'अपनी संख्या');
      const { response } = await push(tablet, [
        await sealFor(tablet, caseworker, numbered),
        await sealFor(tablet, caseworker, own),
      ]);
      expect(response).toMatchObject({
        applied: 1,
        rejected: [{ mutationId: numbered.id, code: 'foreign_case_number' }],
      });
    });

    it('credits a conflict it loses to the writer in the box, not to whoever else uses the tablet', async () => {
      const { caseworker, counsellor, nurse } = fixture.users;
      // The caseworker signs in last: the devices table names her as the tablet's user.
      const tablet = await lockedTablet(counsellor, caseworker);
      const other = await signInAs(harness, nurse.username);
      const nurseActor = {
        userId: nurse.id,
        deviceId: other.deviceId,
        role: nurse.role,
        centreId: nurse.centre_id,
      };
      const created = newCaseMutation(nurseActor, stampAt(2000, other.deviceId), {
        survivorName: 'नर्स का लिखा नाम',
      });
      const pushed = await inject(harness, {
        method: 'POST',
        url: '/api/sync/push',
        token: other.token,
        payload: encodePushRequest({
          protocolVersion: PROTOCOL_VERSION,
          deviceId: other.deviceId,
          mutations: [created],
        }),
      });
      expect(pushed.json()).toMatchObject({ applied: 1 });
      // Written on the locked tablet without having seen the nurse's name, and older.
      const unseen = mutationOf(
        { recordType: 'case', recordId: created.recordId, caseId: created.caseId },
        { survivorName: 'परामर्शदाता का लिखा नाम' },
        stampAt(1000, tablet.deviceId),
      );
      const { response } = await push(tablet, [await sealFor(tablet, counsellor, unseen)]);
      expect(response).toMatchObject({ applied: 1, rejected: [] });

      const reader = await signInAs(harness, fixture.users.manager.username);
      const page = await inject(harness, {
        method: 'POST',
        url: '/api/sync/pull',
        token: reader.token,
        payload: { protocolVersion: PROTOCOL_VERSION, cursor: null, limit: 1000 },
      });
      const conflicts = decodePullResponse(
        wirePullResponseSchema.parse(page.json()),
      ).records.filter(
        (record) => record.recordType === 'conflict' && record.caseId === created.caseId,
      );
      expect(conflicts).toHaveLength(1);
      expect(conflicts[0]!.fields.value?.value).toBe('परामर्शदाता का लिखा नाम');
      expect(conflicts[0]!.fields.writtenBy?.value).toBe(counsellor.id);
      expect(conflicts[0]!.fields.writtenByName?.value).toBe(counsellor.display_name);
    });
  });
}
