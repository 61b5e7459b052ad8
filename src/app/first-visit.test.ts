import { describe, expect, it } from 'vitest';
import { isFirstVisit } from './first-visit.ts';

/** An IndexedDB factory that only lists (or fails to list) the given databases. */
function listing(names: readonly string[] | Error): IDBFactory {
  return {
    databases: () =>
      names instanceof Error
        ? Promise.reject(names)
        : Promise.resolve(names.map((name) => ({ name, version: 1 }))),
  } as unknown as IDBFactory;
}

describe('isFirstVisit', () => {
  it('is a first visit only when the browser lists no database of Sakhi', async () => {
    expect(await isFirstVisit(listing([]))).toBe(true);
    expect(await isFirstVisit(listing(['another-app']))).toBe(true);
  });

  it("is not one when the tablet's store or a state officer's vault is there", async () => {
    expect(await isFirstVisit(listing(['sakhi']))).toBe(false);
    expect(await isFirstVisit(listing(['another-app', 'sakhi-headquarters']))).toBe(false);
  });

  it('counts every doubt as a tablet with a store, so the full app opens', async () => {
    expect(await isFirstVisit(listing(new Error('refused')))).toBe(false);
    expect(await isFirstVisit({} as IDBFactory)).toBe(false);
  });
});
