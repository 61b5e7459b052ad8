import { afterEach, describe, expect, it } from 'vitest';
import { openTestStore, sampleIntake, type TestStore } from './case-store.testing.ts';
import { searchCases } from './case-search.ts';

let store: TestStore;
afterEach(() => store?.db.close());

async function register(name: string, extra: Parameters<typeof sampleIntake>[0] = {}) {
  store.time += 1_000;
  return store.cases.registerCase(sampleIntake({ survivorName: name, ...extra }));
}

async function names(query: string, filter?: Parameters<TestStore['cases']['searchCases']>[1]) {
  return (await store.cases.searchCases(query, filter)).map((c) => c.survivorName);
}

describe('searchCases', () => {
  it('finds a name typed in the other script, letter by letter', async () => {
    store = await openTestStore();
    await register('सुनीता देवी');
    await register('Suneeta Yadav');
    await register('प्रिया');
    await register('Rekha');

    for (const typed of ['s', 'su', 'sun', 'suni', 'sunit', 'sunita']) {
      expect((await names(typed)).sort(), typed).toEqual(['Suneeta Yadav', 'सुनीता देवी'].sort());
    }
    expect(await names('सुनीता')).toEqual(['Suneeta Yadav', 'सुनीता देवी']);
    expect(await names('priya')).toEqual(['प्रिया']);
    expect(await names('रेखा')).toEqual(['Rekha']);
    expect(await names('sunita devi')).toEqual(['सुनीता देवी']);
    expect(await names('meena')).toEqual([]);
  });

  it('lists the cases assigned to one staff member, after an assignment too', async () => {
    store = await openTestStore();
    const asha = '01900000-0000-7000-8000-0000000000a5';
    await register('Meena', { assignedStaffIds: [asha] });
    const rekha = await register('Rekha', { assignedStaffIds: [store.staff.userId] });
    await register('Sita', { assignedStaffIds: [] });
    expect(await names('', { assignedTo: asha })).toEqual(['Meena']);
    expect(await names('', { assignedTo: store.staff.userId })).toEqual(['Rekha']);
    await store.cases.updateCase(rekha.id, { assignedStaffIds: [asha, store.staff.userId] });
    expect(await names('', { assignedTo: asha })).toEqual(['Rekha', 'Meena']);
    const [summary] = await store.cases.searchCases('rekha');
    expect(summary?.assignedStaffIds).toEqual([asha, store.staff.userId]);
  });

  it('finds her by alias', async () => {
    store = await openTestStore();
    await register('Fatima Bano', { survivorAlias: 'गुड्डी' });
    expect(await names('guddi')).toEqual(['Fatima Bano']);
  });

  it('finds a phone by its start, its end or the whole number with +91', async () => {
    store = await openTestStore();
    await register('Pooja', { survivorPhone: '9876543210' });
    await register('Puja', { survivorPhone: '7000012345' });
    expect(await names('98765')).toEqual(['Pooja']);
    expect(await names('3210')).toEqual(['Pooja']);
    expect(await names('+91 98765 43210')).toEqual(['Pooja']);
    expect(await names('९८७६५')).toEqual(['Pooja']);
    expect(await names('pooja')).toEqual(['Puja', 'Pooja']);
  });

  it('finds a case number in full, by its tail or by its serial', async () => {
    store = await openTestStore();
    const first = await register('Shabnam');
    await register('Laxmi');
    expect(first.caseNumber).toBe('LKO-2026-K7-0001');
    expect(await names('LKO-2026-K7-0001')).toEqual(['Shabnam']);
    expect(await names('lko-2026-k7-0001')).toEqual(['Shabnam']);
    expect(await names('K7-0002')).toEqual(['Laxmi']);
    expect(await names('0001')).toEqual(['Shabnam']);
    expect(await names('lakshmi')).toEqual(['Laxmi']);
  });

  it('lists all, newest first, with filters and a limit; never removed cases', async () => {
    store = await openTestStore();
    const a = await register('Anita', { riskLevel: 'high' });
    await register('Aarti', { riskLevel: 'low' });
    await register('Heena', { riskLevel: 'high' });
    await store.cases.updateCase(a.id, { status: 'referred' });
    const removed = await register('Hina');
    await store.cases.removeCase(removed.id);

    expect(await names('')).toEqual(['Heena', 'Aarti', 'Anita']);
    expect(await names('', { riskLevel: 'high' })).toEqual(['Heena', 'Anita']);
    expect(await names('', { status: 'referred' })).toEqual(['Anita']);
    expect(await names('a', { riskLevel: 'high' })).toEqual(['Anita']);
    expect(await names('hina')).toEqual(['Heena']);
    expect(await names('', { isInStay: true })).toEqual([]);
    expect(await store.cases.searchCases('', {}, 2)).toHaveLength(2);
  });
});

describe('a search too broad for the index', () => {
  it('walks the newest cases instead and finds the same ones', async () => {
    store = await openTestStore();
    await register('Sunita', { riskLevel: 'high' });
    await register('सुनीता');
    await register('Shabnam', { survivorPhone: '9876543210' });
    await register('Rekha');
    await register('Sunaina', { riskLevel: 'high' });
    const now = new Date(store.time);
    const broad = (query: string, filter = {}) =>
      searchCases(store.directory, now, query, filter, 10).map((c) => c.survivorName);

    expect(broad('s')).toEqual(['Sunaina', 'Shabnam', 'सुनीता', 'Sunita']);
    expect(broad('s', { riskLevel: 'high' })).toEqual(['Sunaina', 'Sunita']);
    expect(broad('sunit')).toEqual(['सुनीता', 'Sunita']);
    expect(broad('3210')).toEqual(['Shabnam']);
    expect(searchCases(store.directory, now, 's', {}, 2)).toHaveLength(2);
  });
});

describe('the first letters typed', () => {
  it('page through the newest cases until the filter is satisfied', async () => {
    store = await openTestStore();
    await register('Sunita Oldest', { riskLevel: 'high' });
    for (let i = 0; i < 30; i++) await register(`Suman ${i}`, { riskLevel: 'low' });
    expect(await names('s', { riskLevel: 'high' })).toEqual(['Sunita Oldest']);
    expect(await names('सु', { riskLevel: 'high' })).toEqual(['Sunita Oldest']);
    expect((await store.cases.searchCases('su', {}, 3)).map((c) => c.survivorName)).toEqual([
      'Suman 29',
      'Suman 28',
      'Suman 27',
    ]);
  });
});

describe('findPossibleDuplicates', () => {
  it('finds the same phone, or the same name in either script, and not a different woman', async () => {
    store = await openTestStore();
    const sunita = await register('सुनीता देवी');
    const byPhone = await register('Rani', { survivorPhone: '9876543210' });
    await register('Sunita Yadav');
    await register('Anita Devi');

    const found = await store.cases.findPossibleDuplicates({
      survivorName: 'Suneeta Devi',
      survivorPhone: '9876543210',
    });
    expect(found.map((c) => c.id).sort()).toEqual([sunita.id, byPhone.id].sort());

    const shorter = await store.cases.findPossibleDuplicates({
      survivorName: 'Sunita',
      survivorPhone: null,
    });
    expect(shorter.map((c) => c.survivorName).sort()).toEqual(['Sunita Yadav', 'सुनीता देवी'].sort());
  });

  it('finds a name written as one word or two, either way round', async () => {
    store = await openTestStore();
    const twoWords = await register('Zebun Nisa Khan');
    const oneWord = await register('Zebunnisa');
    await register('Zebun Ara');

    const ids = async (survivorName: string) =>
      (await store.cases.findPossibleDuplicates({ survivorName, survivorPhone: null }))
        .map((c) => c.id)
        .sort();
    expect(await ids('Zebunnisa')).toEqual([twoWords.id, oneWord.id].sort());
    expect(await ids('Zebun Nisa')).toEqual([twoWords.id, oneWord.id].sort());
    expect(await ids('Zebun Nisa Khan')).toEqual([twoWords.id, oneWord.id].sort());
  });

  it('finds nothing for an empty probe', async () => {
    store = await openTestStore();
    await register('Sunita');
    expect(
      await store.cases.findPossibleDuplicates({ survivorName: ' ', survivorPhone: null }),
    ).toEqual([]);
  });
});
