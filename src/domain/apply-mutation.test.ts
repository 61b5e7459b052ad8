import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyMutation, checkMutation, findForeignStamp } from './apply-mutation.ts';
import type { IncomingField } from './conflicts.ts';
import { formatStamp, maxStampAheadMs } from './hlc.ts';
import type { FieldMap } from './merge.ts';
import type { Mutation } from './protocol.ts';

const now = Date.UTC(2026, 10, 29, 6, 0, 0);
const stamp = (offsetMs: number, deviceId: string, counter = 0) =>
  formatStamp({ wallMs: now + offsetMs, counter, deviceId });
const id = (n: number) => `0190f3a2-7c1e-7000-8000-${String(n).padStart(12, '0')}`;

describe('applyMutation', () => {
  it('merges, reports changed fields and stores no bases', () => {
    const stored: FieldMap = { riskLevel: { value: 'low', stamp: stamp(0, 'tab-a') } };
    const result = applyMutation(stored, {
      riskLevel: { value: 'high', stamp: stamp(10, 'tab-a'), base: stamp(0, 'tab-a') },
    });
    expect(result.fields).toEqual({ riskLevel: { value: 'high', stamp: stamp(10, 'tab-a') } });
    expect(result.changedFields).toEqual(['riskLevel']);
    expect(result.conflicts).toEqual([]);
  });

  it('changes nothing when the same mutation arrives again', () => {
    const incoming = { riskLevel: { value: 'high', stamp: stamp(10, 'tab-a'), base: null } };
    const once = applyMutation({}, incoming);
    const twice = applyMutation(once.fields, incoming);
    expect(twice.fields).toEqual(once.fields);
    expect(twice.changedFields).toEqual([]);
    expect(twice.conflicts).toEqual([]);
  });

  it('takes a new record as its incoming fields, as the full merge would', () => {
    // The full merge, reached by a stored field the mutation does not touch.
    const untouched = { zzUntouched: { value: 1, stamp: stamp(0, 'tab-z') } };
    const incoming = fc.dictionary(
      fc.constantFrom('riskLevel', 'survivorPhone', 'deleted', 'status'),
      fc.record({
        value: fc.constantFrom<unknown>('x', true, null, { a: 1 }),
        stamp: fc.integer({ min: 1, max: 50 }).map((ms) => stamp(ms, 'tab-a')),
        base: fc.constantFrom(null, stamp(0, 'tab-b')),
      }),
      { minKeys: 1 },
    );
    fc.assert(
      fc.property(incoming, (fields) => {
        const fresh = applyMutation({}, fields);
        const full = applyMutation(untouched, fields);
        const { zzUntouched: _, ...merged } = full.fields;
        expect(fresh.fields).toEqual(merged);
        expect(Object.keys(fresh.fields)).toEqual(Object.keys(fields));
        expect(fresh.changedFields).toEqual(full.changedFields);
        expect(fresh.conflicts).toEqual([]);
        for (const field of Object.values(fresh.fields)) expect(field).not.toHaveProperty('base');
      }),
    );
  });

  it('loses no write, whatever order concurrent mutations arrive in', () => {
    // Each tablet edits from the same starting copy without seeing the others.
    const edit = fc.record({
      deviceId: fc.constantFrom('tab-a', 'tab-b', 'tab-c'),
      offsetMs: fc.integer({ min: 1, max: 50 }),
      field: fc.constantFrom('riskLevel', 'survivorPhone'),
      value: fc.constantFrom('x', 'y', 'z'),
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
        const start: FieldMap = {
          riskLevel: { value: 'low', stamp: stamp(0, 'tab-0') },
          survivorPhone: { value: '9876543210', stamp: stamp(0, 'tab-0') },
        };
        // A device's stamps only go up, and its next edit of a field sees its own last one.
        const lastWall: Record<string, number> = {};
        const lastStamp: Record<string, string> = {};
        const mutations = edits.map((e, i) => {
          const wall = Math.max(e.offsetMs, (lastWall[e.deviceId] ?? 0) + 1);
          lastWall[e.deviceId] = wall;
          const base = lastStamp[`${e.deviceId}/${e.field}`] ?? start[e.field]!.stamp;
          const written = stamp(wall, e.deviceId, i);
          lastStamp[`${e.deviceId}/${e.field}`] = written;
          return { [e.field]: { value: e.value, stamp: written, base } };
        });
        let fields = start;
        const kept: string[] = [];
        for (const mutation of mutations) {
          const result = applyMutation(fields, mutation);
          fields = result.fields;
          kept.push(...result.conflicts.map((c) => c.stamp));
        }
        // A write survives if it is current, kept as a conflict, or replaced by a write made
        // with it in view (whose base is its stamp). An equal value written elsewhere that
        // survives covers it too: the design keeps nothing when the values are the same.
        const writes = mutations.flatMap((mutation) => Object.entries(mutation));
        const survives = ([name, write]: [string, IncomingField]) =>
          fields[name]!.stamp === write.stamp ||
          kept.includes(write.stamp) ||
          writes.some(([other, later]) => other === name && later.base === write.stamp);
        for (const [name, write] of writes) {
          const isCovered = writes.some(
            ([other, peer]) =>
              other === name && peer.value === write.value && survives([other, peer]),
          );
          expect(isCovered).toBe(true);
        }
      }),
    );
  });
});

describe('checkMutation', () => {
  const mutation = (fields: Mutation['fields']): Mutation => ({
    id: id(1),
    recordType: 'case',
    recordId: id(2),
    caseId: id(2),
    fields,
  });

  it('accepts a valid mutation', () => {
    expect(
      checkMutation(
        mutation({ riskLevel: { value: 'high', stamp: stamp(0, 'tab-a'), base: null } }),
        now,
      ),
    ).toBeNull();
  });

  it('refuses invalid values, stamps too far ahead and a changed record type', () => {
    expect(
      checkMutation(
        mutation({ riskLevel: { value: 'extreme', stamp: stamp(0, 'tab-a'), base: null } }),
        now,
      ),
    ).toMatchObject({
      code: 'invalid_record',
      problems: [{ field: 'riskLevel', code: 'invalid_value' }],
    });
    expect(
      checkMutation(
        mutation({
          riskLevel: { value: 'high', stamp: stamp(maxStampAheadMs + 1, 'tab-a'), base: null },
        }),
        now,
      ),
    ).toEqual({ code: 'stamp_too_far_ahead', field: 'riskLevel' });
    expect(
      checkMutation(
        mutation({ riskLevel: { value: 'high', stamp: stamp(0, 'tab-a'), base: null } }),
        now,
        'stay',
      ),
    ).toEqual({ code: 'record_type_mismatch', expected: 'stay' });
  });
});

describe('findForeignStamp', () => {
  const stamp = (deviceId: string) =>
    formatStamp({ wallMs: 1_773_000_000_000, counter: 0, deviceId });
  const mutationOf = (fields: Mutation['fields']): Mutation => ({
    id: '01900000-0000-7000-8000-000000000001',
    recordType: 'note',
    recordId: '01900000-0000-7000-8000-000000000002',
    caseId: '01900000-0000-7000-8000-000000000003',
    fields,
  });

  it('accepts new stamps of the pushing device over bases from any device', () => {
    const fields = {
      text: { value: 'a', stamp: stamp('tab-own'), base: stamp('tab-colleague') },
      deleted: { value: false, stamp: stamp('tab-own'), base: null },
    };
    expect(findForeignStamp(mutationOf(fields), 'tab-own')).toBeNull();
  });

  it("names the first field whose new stamp names another device, a colleague's or none at all", () => {
    for (const device of ['tab-colleague', 'tab-ghost', 'server']) {
      const fields = {
        deleted: { value: false, stamp: stamp('tab-own'), base: null },
        text: { value: 'a', stamp: stamp(device), base: null },
      };
      expect(findForeignStamp(mutationOf(fields), 'tab-own')).toBe('text');
    }
  });
});
