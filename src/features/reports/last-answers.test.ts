import { createStore, entries, set } from 'idb-keyval';
import { describe, expect, it } from 'vitest';
import { enrolTestAccount } from '../../data/headquarters-vault.testing.ts';
import { keyOf, openLastAnswers } from './last-answers.ts';
import { buildAnswer } from './report-fixtures.testing.ts';

let storeNumber = 0;
const freshStore = () => {
  storeNumber += 1;
  return createStore(`sakhi-last-answers-test-${storeNumber}`, 'last-answers');
};
const openFresh = async (userId = 'hq-admin') => {
  const store = freshStore();
  const { seal } = await enrolTestAccount(userId);
  return { store, seal, lastAnswers: openLastAnswers(seal, store) };
};
const queryFor = (month: number) => ({
  period: { from: `2020-${String(month).padStart(2, '0')}`, to: '2020-12' },
  districtCode: null,
});
const fetchedAt = '2020-12-31T18:00:00.000Z';

describe('openLastAnswers', () => {
  it('keeps an answer per period and district, and reads it back whole', async () => {
    const { lastAnswers } = await openFresh();
    const answer = buildAnswer();
    await lastAnswers.keep(queryFor(1), { answer, fetchedAt });
    expect(await lastAnswers.read(queryFor(1))).toEqual({ answer, fetchedAt });
    expect(await lastAnswers.read({ ...queryFor(1), districtCode: 'LKO' })).toBeNull();
  });

  it('stores no figure, month or time in the clear', async () => {
    const { store, lastAnswers } = await openFresh();
    const answer = buildAnswer();
    await lastAnswers.keep(queryFor(1), { answer, fetchedAt });
    const stored = await entries<string, { sealed: Uint8Array }>(store);
    expect(stored).toHaveLength(1);
    const bytes = new TextDecoder('latin1').decode(stored[0]![1].sealed);
    for (const clear of ['casesRegistered', 'byDistrict', fetchedAt, '2020-']) {
      expect(bytes).not.toContain(clear);
    }
  });

  it("never reads another account's copy, even moved under her own key", async () => {
    const store = freshStore();
    const admin = await enrolTestAccount('hq-admin');
    const analyst = await enrolTestAccount('hq-analyst', 'state_analyst');
    const answer = buildAnswer();
    await openLastAnswers(admin.seal, store).keep(queryFor(4), { answer, fetchedAt });
    const asAnalyst = openLastAnswers(analyst.seal, store);
    expect(await asAnalyst.read(queryFor(4))).toBeNull();
    // Copied onto the key her own copy would have: the seal is bound to the admin.
    const [, kept] = (await entries<string, unknown>(store))[0]!;
    await set(`hq-analyst|${keyOf(queryFor(4))}`, kept, store);
    expect(await asAnalyst.read(queryFor(4))).toBeNull();
    expect(await openLastAnswers(admin.seal, store).read(queryFor(4))).toEqual({
      answer,
      fetchedAt,
    });
  });

  it('keeps only the newest 24, dropping the oldest kept first', async () => {
    const { lastAnswers } = await openFresh();
    const answer = buildAnswer();
    for (let index = 0; index < 25; index += 1) {
      await lastAnswers.keep(
        { period: { from: '2020-01', to: '2020-12' }, districtCode: `D${index}` },
        { answer, fetchedAt },
      );
    }
    const periodOf = (districtCode: string) => ({
      period: { from: '2020-01', to: '2020-12' },
      districtCode,
    });
    expect(await lastAnswers.read(periodOf('D0'))).toBeNull();
    expect(await lastAnswers.read(periodOf('D1'))).not.toBeNull();
    expect(await lastAnswers.read(periodOf('D24'))).not.toBeNull();
  });

  it('reads a kept value that is not a sealed answer as nothing kept', async () => {
    const { store, lastAnswers } = await openFresh();
    await set(
      `hq-admin|${keyOf(queryFor(2))}`,
      { answer: { names: ['Geeta'] }, fetchedAt: 'yesterday' },
      store,
    );
    expect(await lastAnswers.read(queryFor(2))).toBeNull();
  });

  it('forgets her kept answers at sign-out, and only hers', async () => {
    const store = freshStore();
    const admin = openLastAnswers((await enrolTestAccount('hq-admin')).seal, store);
    const analyst = openLastAnswers(
      (await enrolTestAccount('hq-analyst', 'state_analyst')).seal,
      store,
    );
    await admin.keep(queryFor(3), { answer: buildAnswer(), fetchedAt });
    await analyst.keep(queryFor(3), { answer: buildAnswer(), fetchedAt });
    await admin.forgetAll();
    expect(await admin.read(queryFor(3))).toBeNull();
    expect(await analyst.read(queryFor(3))).not.toBeNull();
  });
});
