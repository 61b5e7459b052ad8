import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildNewCase } from './case.ts';
import { decodeCheckedPushRequest } from './checked-push.ts';
import { formatStamp } from './hlc.ts';
import { PROTOCOL_VERSION, type Mutation } from './protocol.ts';
import { checkMutationFields } from './records.ts';
import { encodePushRequest } from './wire.ts';

const uuid = (n: number) => `0190f3a2-7c1e-7000-8000-${String(n).padStart(12, '0')}`;
const stamp = formatStamp({ wallMs: Date.UTC(2026, 10, 29), counter: 0, deviceId: 'tab-a' });

/** A valid case's values: each field's column mixes these with values its schema refuses. */
const validCase: Record<string, unknown> = buildNewCase({
  id: uuid(1),
  centreId: uuid(2),
  caseNumber: 'LKO-2026-K7-0042',
  registeredAt: '2026-11-29T09:30:00.000Z',
  registeredBy: uuid(3),
  arrivalRoute: 'walk_in',
  survivorName: 'सीता देवी',
});
const fieldArb = fc.constantFrom(
  'survivorName',
  'survivorAgeYears',
  'riskLevel',
  'violenceTypes',
  'status',
  'survivorPhone',
  'centreId',
  'favouriteColour',
  'toString',
);
// Few distinct values per field, so columns repeat values (what the column check remembers).
const valueArb = (field: string) =>
  fc.oneof(
    fc.constant(validCase[field] ?? null),
    fc.constantFrom(null, true, 0, -0, 17, 130, 1.5, '', 'high', 'open', 'x'.repeat(70)),
    fc.constantFrom(['physical'], ['physical', 'physical'], { value: 1 }, '12345', '9876543210'),
  );
const groupArb = fc
  .uniqueArray(fieldArb, { minLength: 1, maxLength: 5 })
  .chain((names) =>
    fc
      .array(fc.tuple(...names.map((name) => valueArb(name))), { minLength: 1, maxLength: 12 })
      .map((rows) => ({ names, rows })),
  );

function mutationsOf(groups: { names: string[]; rows: unknown[][] }[]): Mutation[] {
  let next = 100;
  return groups.flatMap(({ names, rows }) =>
    rows.map((values) => {
      const id = uuid(next++);
      const fields = Object.fromEntries(
        names.map((name, i) => [name, { value: values[i], stamp, base: null }]),
      );
      return { id: uuid(next++), recordType: 'case' as const, recordId: id, caseId: id, fields };
    }),
  );
}

describe('decodeCheckedPushRequest', () => {
  it('finds in each mutation exactly what checkMutationFields finds, column by column', () => {
    fc.assert(
      fc.property(fc.array(groupArb, { minLength: 1, maxLength: 4 }), (groups) => {
        const mutations = mutationsOf(groups);
        const wire = encodePushRequest({
          protocolVersion: PROTOCOL_VERSION,
          deviceId: 'tab-a',
          mutations,
        });
        // Not through JSON text, so -0 stays -0 (JSON.parse can make one; stringify cannot).
        const checked = decodeCheckedPushRequest(wire);
        expect(checked.mutations).toEqual(mutations);
        expect(checked.fieldProblems).toEqual(
          mutations.map((mutation) => checkMutationFields('case', mutation.fields)),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('refuses the same value again in a later row when its schema refuses it', () => {
    const mutations = mutationsOf([
      {
        names: ['survivorAgeYears', 'riskLevel'],
        rows: [
          [130, 'high'],
          [130, 'high'],
          [30, 'x'],
        ],
      },
    ]);
    const wire = encodePushRequest({
      protocolVersion: PROTOCOL_VERSION,
      deviceId: 'tab-a',
      mutations,
    });
    const problems = decodeCheckedPushRequest(wire).fieldProblems;
    expect(problems.map((found) => found.map((problem) => problem.field))).toEqual([
      ['survivorAgeYears'],
      ['survivorAgeYears'],
      ['riskLevel'],
    ]);
  });
});
