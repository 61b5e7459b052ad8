import { afterEach, describe, expect, it } from 'vitest';
import { caseNumberPattern, parseCaseNumber } from '../domain/case-number.ts';
import { caseSchema } from '../domain/case.ts';
import { checkCaseRules } from '../domain/case-rules.ts';
import { deviceOfStamp, formatStamp } from '../domain/hlc.ts';
import { readCase } from './case-repository.ts';
import { StoreError } from './case-store.ts';
import { openTestStore, sampleIntake, testDevice, type TestStore } from './case-store.testing.ts';

let store: TestStore;
afterEach(() => store?.db.close());

async function expectStoreError(promise: Promise<unknown>, code: string): Promise<StoreError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(StoreError);
  expect((error as StoreError).code).toBe(code);
  return error as StoreError;
}

describe('registerCase', () => {
  it('writes the case and one outbox mutation with every field stamped by this device', async () => {
    store = await openTestStore();
    const saved = await store.cases.registerCase(sampleIntake({ survivorPhone: '9876543210' }));

    expect(saved.caseNumber).toBe('LKO-2026-K7-0001');
    expect(saved.registeredBy).toBe(store.staff.userId);
    expect(saved.centreId).toBe(store.staff.centreId);
    const row = await store.db.cases.get(saved.id);
    expect(row?.fields.survivorPhone?.value).toBe('9876543210');
    const outbox = await store.db.outbox.toArray();
    expect(outbox).toHaveLength(1);
    const [mutation] = outbox;
    expect(mutation).toMatchObject({ recordType: 'case', recordId: saved.id, caseId: saved.id });
    expect(Object.keys(mutation!.fields).sort()).toEqual(Object.keys(saved).sort());
    for (const field of Object.values(mutation!.fields)) {
      expect(field.base).toBeNull();
      expect(deviceOfStamp(field.stamp)).toBe(testDevice.id);
    }
    expect(await store.cases.countPendingChanges()).toBe(1);
  });

  it('writes neither the case nor the mutation when the transaction fails midway', async () => {
    store = await openTestStore();
    store.db.outbox.hook('creating', () => {
      throw new Error('disk went away');
    });
    await expectStoreError(store.cases.registerCase(sampleIntake()), 'storage_unavailable');

    expect(await store.db.cases.count()).toBe(0);
    expect(await store.db.outbox.count()).toBe(0);
    expect(await store.db.meta.get('caseSerial:2026')).toBeUndefined();
  });

  it('maps a full disk to storage_full with a message staff can act on', async () => {
    store = await openTestStore();
    store.db.cases.hook('creating', () => {
      throw new DOMException('quota', 'QuotaExceededError');
    });
    const error = await expectStoreError(store.cases.registerCase(sampleIntake()), 'storage_full');
    expect(error.userMessage.hi).toMatch(/जगह/);
    expect(error.userMessage.en).toMatch(/out of space/);
    expect(await store.db.outbox.count()).toBe(0);
  });

  it('refuses an invalid field, names it, and writes nothing', async () => {
    store = await openTestStore();
    const error = await expectStoreError(
      store.cases.registerCase(sampleIntake({ survivorPhone: '12345' })),
      'invalid_record',
    );
    expect(error.details.join()).toMatch(/survivorPhone/);
    expect(error.userMessage.hi).not.toBe('');
    expect(await store.db.cases.count()).toBe(0);
    expect(await store.db.outbox.count()).toBe(0);
    const next = await store.cases.registerCase(sampleIntake());
    expect(next.caseNumber).toBe('LKO-2026-K7-0001');
  });
});

describe('case numbers', () => {
  it('are unique and increasing across many saves, concurrent saves and a reopen', async () => {
    store = await openTestStore();
    const numbers: string[] = [];
    for (let i = 0; i < 20; i++) {
      numbers.push((await store.cases.registerCase(sampleIntake())).caseNumber);
      store.time += 1;
    }
    const concurrent = await Promise.all(
      Array.from({ length: 10 }, () => store.cases.registerCase(sampleIntake())),
    );
    numbers.push(...concurrent.map((c) => c.caseNumber).sort());
    store = await store.reopen();
    numbers.push((await store.cases.registerCase(sampleIntake())).caseNumber);

    expect(new Set(numbers).size).toBe(31);
    expect(numbers.every((n) => caseNumberPattern.test(n))).toBe(true);
    expect(numbers.map((n) => parseCaseNumber(n)!.serial)).toEqual(
      Array.from({ length: 31 }, (_, i) => i + 1),
    );
  });

  it('start again at 1 in a new year in India time', async () => {
    store = await openTestStore({ time: Date.parse('2026-12-31T18:00:00Z') });
    expect((await store.cases.registerCase(sampleIntake())).caseNumber).toBe('LKO-2026-K7-0001');
    store.time = Date.parse('2026-12-31T18:31:00Z'); // 00:01 on 1 January 2027 in India
    expect((await store.cases.registerCase(sampleIntake())).caseNumber).toBe('LKO-2027-K7-0001');
  });
});

describe('updateCase', () => {
  it('stamps only changed fields, with the stamp each replaced as its base', async () => {
    store = await openTestStore();
    const saved = await store.cases.registerCase(sampleIntake());
    const before = (await store.db.cases.get(saved.id))!.fields;
    store.time += 60_000;

    const updated = await store.cases.updateCase(saved.id, {
      riskLevel: 'high',
      survivorName: 'सुनीता देवी',
      survivorAlias: 'Sunita',
    });

    expect(updated.riskLevel).toBe('high');
    const mutations = await store.db.outbox.orderBy('seq').toArray();
    expect(mutations).toHaveLength(2);
    const fields = mutations[1]!.fields;
    expect(Object.keys(fields).sort()).toEqual(['riskLevel', 'survivorAlias']);
    expect(fields.riskLevel!.base).toBe(before.riskLevel!.stamp);
    expect(fields.riskLevel!.stamp > before.riskLevel!.stamp).toBe(true);
    const after = (await store.db.cases.get(saved.id))!.fields;
    expect(after.riskLevel!.stamp).toBe(fields.riskLevel!.stamp);
    expect(after.survivorName!.stamp).toBe(before.survivorName!.stamp);
  });

  it('writes no mutation when nothing changed', async () => {
    store = await openTestStore();
    const saved = await store.cases.registerCase(sampleIntake());
    await store.cases.updateCase(saved.id, { survivorName: saved.survivorName });
    expect(await store.db.outbox.count()).toBe(1);
  });

  it('refuses to change the case number or an invalid value', async () => {
    store = await openTestStore();
    const saved = await store.cases.registerCase(sampleIntake());
    await expectStoreError(
      store.cases.updateCase(saved.id, { caseNumber: 'LKO-2026-K7-0099' } as never),
      'invalid_record',
    );
    await expectStoreError(
      store.cases.updateCase(saved.id, { survivorAgeYears: 130 }),
      'invalid_record',
    );
    expect(await store.db.outbox.count()).toBe(1);
  });

  it('says not_found for a case that is not on the tablet', async () => {
    store = await openTestStore();
    await expectStoreError(
      store.cases.updateCase('0190a000-0000-7000-8000-000000000999', { riskLevel: 'low' }),
      'not_found',
    );
  });

  it('keeps stamps increasing after a reopen even when the tablet clock goes back', async () => {
    store = await openTestStore();
    const saved = await store.cases.registerCase(sampleIntake());
    const first = (await store.db.cases.get(saved.id))!.fields.riskLevel!.stamp;
    store.time -= 3 * 24 * 60 * 60_000;
    store = await store.reopen();
    await store.cases.updateCase(saved.id, { riskLevel: 'low' });
    const second = (await store.db.cases.get(saved.id))!.fields.riskLevel!.stamp;
    expect(second > first).toBe(true);
  });
});

describe('removeCase', () => {
  it('keeps the row as a tombstone and queues the removal', async () => {
    store = await openTestStore();
    const saved = await store.cases.registerCase(sampleIntake());
    await store.cases.removeCase(saved.id);

    const row = await store.db.cases.get(saved.id);
    expect(row?.fields.deleted?.value).toBe(true);
    expect(row?.isRemoved).toBe(1);
    const removal = (await store.db.outbox.orderBy('seq').last())!;
    expect(Object.keys(removal.fields)).toEqual(['deleted']);
    expect(removal.fields.deleted).toMatchObject({ value: true, base: row?.fields.id?.stamp });
    expect(await store.cases.searchCases('')).toEqual([]);
    expect((await store.cases.getCaseFile(saved.id))?.case.deleted).toBe(true);
  });

  it('can be undone', async () => {
    store = await openTestStore();
    const saved = await store.cases.registerCase(sampleIntake());
    await store.cases.removeCase(saved.id);
    await store.cases.updateCase(saved.id, { deleted: false });
    expect((await store.cases.searchCases('sunita')).map((c) => c.id)).toEqual([saved.id]);
  });
});

describe('a case saved before a detail field existed', () => {
  it('reads the missing field as not known yet, and the case as valid', async () => {
    store = await openTestStore();
    const saved = await store.cases.registerCase(sampleIntake());
    const row = await store.db.cases.get(saved.id);
    if (!row) throw new Error('the case was not written');
    const { perpetratorRelationshipDetail: _addedLater, ...older } = row.fields;
    await store.db.cases.put({ ...row, fields: older });

    const read = (await store.cases.getCaseFile(saved.id))?.case;
    expect(read?.perpetratorRelationshipDetail).toBeNull();
    expect(caseSchema.safeParse(read).success).toBe(true);
  });
});

describe('a case pulled with only some of its fields', () => {
  it('reads as open, unnumbered, registered when its first known field was written', async () => {
    store = await openTestStore();
    const wallMs = Date.parse('2026-03-09T10:00:00.000Z');
    const stamp = formatStamp({ wallMs, counter: 0, deviceId: testDevice.id });
    const later = formatStamp({ wallMs: wallMs + 5000, counter: 0, deviceId: testDevice.id });
    const read = readCase({
      id: { value: '0190a000-0000-7000-8000-000000000401', stamp: later },
      survivorName: { value: 'Zarina', stamp },
    });
    expect(read).toMatchObject({
      survivorName: 'Zarina',
      caseNumber: '',
      status: 'open',
      closureApprovedAt: null,
      deleted: false,
      assignedStaffIds: [],
      registeredAt: '2026-03-09T10:00:00.000Z',
    });
    expect(checkCaseRules(read, '2026-03-10')).toEqual([]);
  });
});
