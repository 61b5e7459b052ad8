import { createStore, set } from 'idb-keyval';
import { describe, expect, it } from 'vitest';
import { keyOf, openLastAnswers } from './last-answers.ts';
import { buildAnswer } from './report-fixtures.testing.ts';

let storeNumber = 0;
const openFresh = () => {
  storeNumber += 1;
  const store = createStore(`sakhi-last-answers-test-${storeNumber}`, 'last-answers');
  return { store, lastAnswers: openLastAnswers(store) };
};
const queryFor = (month: number) => ({
  period: { from: `2020-${String(month).padStart(2, '0')}`, to: '2020-12' },
  districtCode: null,
});

describe('openLastAnswers', () => {
  it('keeps an answer per period and district, and reads it back whole', async () => {
    const { lastAnswers } = openFresh();
    const answer = buildAnswer();
    await lastAnswers.keep(queryFor(1), { answer, fetchedAt: '2020-12-31T18:00:00.000Z' });
    expect(await lastAnswers.read(queryFor(1))).toEqual({
      answer,
      fetchedAt: '2020-12-31T18:00:00.000Z',
    });
    expect(await lastAnswers.read({ ...queryFor(1), districtCode: 'LKO' })).toBeNull();
  });

  it('keeps only the newest 24, dropping the oldest fetched first', async () => {
    const { lastAnswers } = openFresh();
    const answer = buildAnswer();
    for (let index = 0; index < 25; index += 1) {
      const fetchedAt = new Date(Date.UTC(2021, 0, 1, 0, index)).toISOString();
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

  it('reads a kept value that is not a checked answer as nothing kept', async () => {
    const { store, lastAnswers } = openFresh();
    await set(keyOf(queryFor(2)), { answer: { names: ['Geeta'] }, fetchedAt: 'yesterday' }, store);
    expect(await lastAnswers.read(queryFor(2))).toBeNull();
  });

  it('forgets every kept answer at sign-out', async () => {
    const { lastAnswers } = openFresh();
    await lastAnswers.keep(queryFor(3), {
      answer: buildAnswer(),
      fetchedAt: '2020-12-31T18:00:00.000Z',
    });
    await lastAnswers.forgetAll();
    expect(await lastAnswers.read(queryFor(3))).toBeNull();
  });
});
