import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatStamp } from './hlc.ts';
import { z } from './zod.ts';
import { maxMutationsPerPush, type Mutation, type PulledRecord } from './protocol.ts';
import { compactFields, type CompactRecord } from './compact-fields.ts';
import {
  checkPushResponse,
  decodePushRequest,
  encodePushRequest,
  wirePushRequestSchema,
} from './wire.ts';
import { decodeMutations, decodeRecords, encodeMutations, encodeRecords } from './wire-groups.ts';
import {
  WireFormatError,
  wireMutationGroupSchema,
  wireRecordGroupSchema,
  type WireMutationGroup,
} from './wire-group-schemas.ts';

const uuid = (n: number) => `0190f3a2-7c1e-7000-8000-${String(n).padStart(12, '0')}`;
const centreId = uuid(900);
const stamp = (wallMs: number, deviceId = 'tab-a') =>
  formatStamp({ wallMs: Date.UTC(2026, 10, 29) + wallMs, counter: 0, deviceId });

const stampArb = fc
  .record({ wallMs: fc.integer({ min: 0, max: 3 }), deviceId: fc.constantFrom('tab-a', 'tab-b') })
  .map(({ wallMs, deviceId }) => stamp(wallMs, deviceId));
const valueArb = fc.oneof(
  fc.constantFrom('सुनीता', 'Sunita', 'open'),
  fc.integer({ min: 0, max: 3 }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.constantFrom('physical', 'dowry'), { maxLength: 2 }),
);
const idArb = fc.integer({ min: 1, max: 6 }).map(uuid);
const namesArb = fc.uniqueArray(
  fc.constantFrom('survivorName', 'status', 'riskLevel', 'deleted', 'text', 'id', 'caseId'),
  { minLength: 1, maxLength: 4 },
);

/** Mutations with small id, field and stamp spaces, so groups form and ids often repeat. */
const mutationArb: fc.Arbitrary<Mutation> = fc
  .record({
    id: idArb,
    recordType: fc.constantFrom('case', 'note'),
    recordId: idArb,
    caseId: idArb,
    names: namesArb,
    stamp: stampArb,
    odd: fc.option(stampArb),
    base: fc.option(stampArb),
    values: fc.array(valueArb, { minLength: 4, maxLength: 4 }),
  })
  .map(({ names, values, stamp: main, odd, base, ...head }) => ({
    ...head,
    fields: Object.fromEntries(
      names.map((name, i) => [
        name,
        {
          // The `id` and `caseId` fields usually hold the record's own ids, as real ones do.
          value: name === 'id' ? head.recordId : name === 'caseId' ? head.caseId : values[i],
          stamp: i === 1 && odd ? odd : main,
          base: i === 0 ? base : null,
        },
      ]),
    ),
  }));

const recordArb: fc.Arbitrary<PulledRecord> = mutationArb.map(
  ({ recordType, recordId, caseId, fields }) => ({
    recordType,
    id: recordId,
    caseId,
    centreId,
    fields: Object.fromEntries(
      Object.entries(fields).map(([name, { value, stamp: own }]) => [name, { value, stamp: own }]),
    ),
  }),
);

const compact = (record: PulledRecord): CompactRecord => ({
  recordType: record.recordType,
  id: record.id,
  caseId: record.caseId,
  centreId: record.centreId,
  ...compactFields(record.fields),
});
const byId = (records: readonly PulledRecord[]) =>
  [...records].sort((a, b) => a.id.localeCompare(b.id) || a.recordType.localeCompare(b.recordType));
/** JSON and back, as the message travels: what the decoder really receives. */
const travel = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('mutations on the wire', () => {
  it('come back exactly, in order, after encoding, JSON and the schema', () => {
    fc.assert(
      fc.property(fc.array(mutationArb, { maxLength: 30 }), (mutations) => {
        const groups = travel(encodeMutations(mutations));
        const parsed = z.array(wireMutationGroupSchema).parse(groups);
        expect(decodeMutations(parsed)).toEqual(mutations);
      }),
    );
  });

  it('send a run of new cases as one group: field names, stamp and ids once', () => {
    const created = (n: number): Mutation => ({
      id: uuid(100 + n),
      recordType: 'case',
      recordId: uuid(n),
      caseId: uuid(n),
      fields: {
        id: { value: uuid(n), stamp: stamp(n), base: null },
        status: { value: 'open', stamp: stamp(n), base: null },
      },
    });
    const groups = encodeMutations([created(1), created(2), created(3)]);
    expect(groups).toEqual([
      {
        recordType: 'case',
        fields: ['id', 'status'],
        stamps: [stamp(1), stamp(2), stamp(3)],
        columns: [
          [uuid(1), uuid(2), uuid(3)],
          ['open', 'open', 'open'],
        ],
        mutationIds: [uuid(101), uuid(102), uuid(103)],
        bases: [null, null],
      },
    ]);
  });

  it('keep save order across groups: an edit between two creations stays between them', () => {
    const note = (n: number, names: string[]): Mutation => ({
      id: uuid(100 + n),
      recordType: 'note',
      recordId: uuid(n),
      caseId: uuid(1),
      fields: Object.fromEntries(
        names.map((name) => [name, { value: n, stamp: stamp(n), base: null }]),
      ),
    });
    const mutations = [note(1, ['text']), note(2, ['deleted']), note(3, ['text'])];
    expect(encodeMutations(mutations)).toHaveLength(3);
    expect(decodeMutations(encodeMutations(mutations)).map((m) => m.id)).toEqual(
      mutations.map((m) => m.id),
    );
  });

  it('refuse malformed groups as a whole, saying what is wrong', () => {
    const [group] = encodeMutations([
      {
        id: uuid(1),
        recordType: 'note',
        recordId: uuid(2),
        caseId: uuid(3),
        fields: { text: { value: 'नोट', stamp: stamp(1), base: stamp(0) } },
      },
    ]) as [WireMutationGroup];
    const refused = (broken: Partial<WireMutationGroup>) => () =>
      decodeMutations([{ ...group, ...broken }]);
    expect(refused({ columns: [] })).toThrow(/one column per field/);
    expect(refused({ columns: [['a', 'b']] })).toThrow(/do not match its rows/);
    expect(refused({ fields: ['text', 'text'], columns: [['a'], ['b']] })).toThrow(/twice/);
    expect(refused({ bases: [] })).toThrow(/one bases entry per field/);
    expect(refused({ bases: [[stamp(0), stamp(1)]] })).toThrow(/bases do not match/);
    expect(refused({ otherStamps: [[1, 0, stamp(2)]] })).toThrow(/out of range/);
    expect(refused({ otherStamps: [[0, 0]] as never })).toThrow(/out of range/);
    expect(refused({ otherStamps: [[0, 0, 'noon']] })).toThrow(/not a stamp/);
    expect(refused({ columns: ['not a column'] as never })).toThrow(/not a list/);
    expect(refused({ recordIds: undefined })).toThrow(/neither ids nor an id field/);
    expect(refused({ recordIds: [uuid(2), uuid(3)] })).toThrow(/do not match its rows/);
    const idGroup = { ...group, fields: ['id'], recordIds: undefined, columns: [['not-a-uuid']] };
    expect(() => decodeMutations([idGroup])).toThrow(WireFormatError);
    const many = Array.from({ length: maxMutationsPerPush + 1 }, () => group);
    expect(() => decodeMutations(many)).toThrow(/at most 500/);
  });

  it('are checked by the schema before decoding: bad stamps, ids and field names', () => {
    const [group] = encodeMutations([
      {
        id: uuid(1),
        recordType: 'note',
        recordId: uuid(2),
        caseId: uuid(3),
        fields: { text: { value: 'नोट', stamp: stamp(1), base: null } },
      },
    ]);
    const request = { protocolVersion: 2, deviceId: 'tab-a', groups: [group] };
    const accepts = (groups: unknown[]) =>
      wirePushRequestSchema.safeParse({ ...request, groups }).success;
    expect(accepts([group])).toBe(true);
    expect(accepts([{ ...group, stamps: ['yesterday'] }])).toBe(false);
    expect(accepts([{ ...group, mutationIds: ['1'] }])).toBe(false);
    expect(accepts([{ ...group, fields: ['__proto__'] }])).toBe(false);
    expect(accepts([{ ...group, recordType: 'survivor' }])).toBe(false);
  });
});

describe('records on the wire', () => {
  it('come back exactly after encoding, JSON and the schema (in any order)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(recordArb, { selector: (r) => r.id, maxLength: 6 }), (records) => {
        const groups = travel(encodeRecords(records.map(compact)));
        const parsed = z.array(wireRecordGroupSchema).parse(groups);
        expect(byId(decodeRecords(parsed))).toEqual(byId(records));
      }),
    );
  });

  it('leave out ids and case ids the id and caseId fields already carry', () => {
    const entry = (n: number): CompactRecord => ({
      recordType: 'note',
      id: uuid(n),
      caseId: uuid(1),
      centreId,
      stamp: stamp(n),
      values: { caseId: uuid(1), id: uuid(n), text: `नोट ${n}` },
    });
    const [group] = encodeRecords([entry(2), entry(3)]);
    expect(group).not.toHaveProperty('ids');
    expect(group).not.toHaveProperty('caseIds');
    expect(decodeRecords([group!]).map((r) => [r.id, r.caseId])).toEqual([
      [uuid(2), uuid(1)],
      [uuid(3), uuid(1)],
    ]);
  });
});

describe('push answers', () => {
  const sent = [uuid(1), uuid(2), uuid(3)];
  const rejection = {
    mutationId: uuid(3),
    status: 'rejected' as const,
    code: 'forbidden' as const,
    reason: { hi: 'अनुमति नहीं है', en: 'Not allowed' },
  };

  it('pass when they list only duplicates and rejections and count the rest as applied', () => {
    const answer = {
      serverTime: '2026-11-29T06:00:00.000Z',
      applied: 1,
      duplicates: [uuid(2)],
      rejected: [rejection],
    };
    expect(() => checkPushResponse(answer, sent)).not.toThrow();
  });

  it('are refused when they do not add up to what was sent: nothing is acknowledged', () => {
    const base = { serverTime: '2026-11-29T06:00:00.000Z', duplicates: [], rejected: [] };
    expect(() => checkPushResponse({ ...base, applied: 2 }, sent)).toThrow(WireFormatError);
    expect(() => checkPushResponse({ ...base, applied: 4 }, sent)).toThrow(WireFormatError);
    expect(() => checkPushResponse({ ...base, applied: 2, duplicates: [uuid(9)] }, sent)).toThrow(
      WireFormatError,
    );
    // Listed twice, or as both duplicate and rejected: one would pass as applied unseen.
    expect(() =>
      checkPushResponse({ ...base, applied: 2, duplicates: [uuid(1), uuid(1)] }, sent),
    ).toThrow(WireFormatError);
    expect(() =>
      checkPushResponse(
        { ...base, applied: 1, duplicates: [uuid(3)], rejected: [rejection] },
        sent,
      ),
    ).toThrow(WireFormatError);
  });

  it('carry the envelope through a whole request', () => {
    const request = { protocolVersion: 2, deviceId: 'tab-a', mutations: [] };
    expect(decodePushRequest(encodePushRequest(request))).toEqual(request);
  });
});
