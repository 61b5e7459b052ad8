import { describe, expect, it } from 'vitest';
import { formatStamp } from './hlc.ts';
import {
  PROTOCOL_VERSION,
  errorResponseSchema,
  isSupportedProtocolVersion,
  maxMutationsPerPush,
  pullRequestSchema,
  pullResponseSchema,
  pushRequestSchema,
  pushResponseSchema,
  rejectionCodeFor,
  rejectionCodes,
} from './protocol.ts';

const id = (n: number) => `0190f3a2-7c1e-7000-8000-${String(n).padStart(12, '0')}`;
const stamp = formatStamp({ wallMs: Date.UTC(2026, 10, 29), counter: 0, deviceId: 'tab-a' });

function mutation(
  fields: Record<string, unknown> = { riskLevel: { value: 'high', stamp, base: null } },
) {
  return { id: id(1), recordType: 'case', recordId: id(2), caseId: id(2), fields };
}

describe('push', () => {
  it('accepts a well-formed batch', () => {
    const parsed = pushRequestSchema.safeParse({
      protocolVersion: PROTOCOL_VERSION,
      deviceId: 'tab-a',
      mutations: [mutation()],
    });
    expect(parsed.success).toBe(true);
  });

  it('rejects empty mutations, bad field names, missing bases and oversized batches', () => {
    const push = (mutations: unknown[]) =>
      pushRequestSchema.safeParse({
        protocolVersion: PROTOCOL_VERSION,
        deviceId: 'tab-a',
        mutations,
      }).success;
    expect(push([mutation({})])).toBe(false);
    expect(push([mutation({ __proto__x: { value: 1, stamp, base: null } })])).toBe(false);
    expect(push([mutation({ riskLevel: { value: 'high', stamp } })])).toBe(false);
    expect(push([mutation({ riskLevel: { value: 'high', stamp: 'now', base: null } })])).toBe(
      false,
    );
    expect(push([{ ...mutation(), recordType: 'survivor' }])).toBe(false);
    expect(push(Array.from({ length: maxMutationsPerPush + 1 }, () => mutation()))).toBe(false);
  });

  it('answers with duplicates and rejections listed, each rejection with a bilingual reason', () => {
    const rejected = {
      mutationId: id(1),
      status: 'rejected',
      code: 'forbidden',
      reason: { hi: 'अनुमति नहीं है', en: 'Not allowed' },
    };
    const answer = (rejection: unknown) =>
      pushResponseSchema.safeParse({
        serverTime: '2026-11-29T06:00:00.000Z',
        applied: 1,
        duplicates: [id(3)],
        rejected: [rejection],
      }).success;
    expect(answer(rejected)).toBe(true);
    expect(answer({ ...rejected, reason: { en: 'Not allowed' } })).toBe(false);
    expect(answer({ ...rejected, status: 'applied' })).toBe(false);
  });
});

describe('pull', () => {
  it('bounds the page size and carries a cursor', () => {
    expect(
      pullRequestSchema.safeParse({ protocolVersion: 1, cursor: null, limit: 500 }).success,
    ).toBe(true);
    expect(
      pullRequestSchema.safeParse({ protocolVersion: 1, cursor: null, limit: 0 }).success,
    ).toBe(false);
    const page = {
      serverTime: '2026-11-29T06:00:00.000Z',
      records: [
        {
          recordType: 'stay',
          id: id(3),
          caseId: id(2),
          centreId: id(9),
          fields: { admittedAt: { value: '2026-11-29T05:00:00.000Z', stamp } },
        },
      ],
      cursor: '42',
      hasMore: false,
    };
    expect(pullResponseSchema.safeParse(page).success).toBe(true);
  });
});

describe('errors and versions', () => {
  it('gives every error a stable code and both languages', () => {
    expect(
      errorResponseSchema.safeParse({
        error: { code: 'not_found', message: { hi: 'नहीं मिला', en: 'Not found' } },
      }).success,
    ).toBe(true);
    expect(
      errorResponseSchema.safeParse({ error: { code: 'Not Found', message: { hi: 'x', en: 'y' } } })
        .success,
    ).toBe(false);
  });

  it('answers the current version only until a bump', () => {
    expect(isSupportedProtocolVersion(PROTOCOL_VERSION)).toBe(true);
    expect(isSupportedProtocolVersion(PROTOCOL_VERSION + 1)).toBe(false);
    expect(isSupportedProtocolVersion(0)).toBe(false);
  });

  it('lets a tablet read a rejection code it does not know yet, and keep its reason', () => {
    const answer = (code: string) => ({
      serverTime: '2026-11-29T06:02:03.412Z',
      applied: 0,
      duplicates: [],
      rejected: [{ mutationId: id(1), status: 'rejected', code, reason: { hi: 'क', en: 'k' } }],
    });
    expect(pushResponseSchema.safeParse(answer('a_code_from_the_future')).success).toBe(true);
    expect(pushResponseSchema.safeParse(answer('Not A Code')).success).toBe(false);
  });

  it('answers a version-2 tablet only in codes version 2 knew', () => {
    const version2 = [
      'invalid_record',
      'forbidden',
      'stamp_too_far_ahead',
      'unknown_case',
      'record_type_mismatch',
    ];
    for (const code of rejectionCodes) {
      expect(version2).toContain(rejectionCodeFor(code, 2));
      expect(rejectionCodeFor(code, PROTOCOL_VERSION)).toBe(code);
    }
    expect(rejectionCodeFor('foreign_device_stamp', 2)).toBe('forbidden');
    expect(rejectionCodeFor('unknown_case', 2)).toBe('unknown_case');
  });
});
