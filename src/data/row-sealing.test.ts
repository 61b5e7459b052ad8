import { describe, expect, it } from 'vitest';
import { createRowSealer } from './row-sealing.ts';
import { testDataKey } from './sealed-database.testing.ts';

const fields = { survivorName: { value: 'ज़ेबुन्निसा', stamp: '0001' } };

describe('sealing a row', () => {
  it('opens what it sealed, and seals with a fresh IV every time', () => {
    const sealer = createRowSealer(testDataKey);
    const first = sealer.seal('cases', 'case-1', fields);
    const second = sealer.seal('cases', 'case-1', fields);
    expect(sealer.open('cases', 'case-1', first)).toEqual(fields);
    expect(first.subarray(0, 12)).not.toEqual(second.subarray(0, 12));
    expect(new TextDecoder().decode(first)).not.toContain('ज़ेबुन्निसा');
  });

  it('refuses a tampered row, another key, and a value moved to another record or store', () => {
    const sealer = createRowSealer(testDataKey);
    const sealed = sealer.seal('cases', 'case-1', fields);
    const tampered = Uint8Array.from(sealed);
    tampered[20] = tampered[20]! ^ 1;
    const refused = { code: 'sealed_row_refused' };
    expect(() => sealer.open('cases', 'case-1', tampered)).toThrow(
      expect.objectContaining(refused),
    );
    const otherKey = createRowSealer(new Uint8Array(32).fill(7));
    expect(() => otherKey.open('cases', 'case-1', sealed)).toThrow(
      expect.objectContaining(refused),
    );
    expect(() => sealer.open('cases', 'case-2', sealed)).toThrow(expect.objectContaining(refused));
    expect(() => sealer.open('entries', 'case-1', sealed)).toThrow(
      expect.objectContaining(refused),
    );
  });

  it('opens in bulk as one by one, and refuses there too', async () => {
    const sealer = createRowSealer(testDataKey);
    const rows = ['a', 'b'].map((id) => ({ id, sealed: sealer.seal('cases', id, { id }) }));
    expect(await sealer.openMany('cases', rows)).toEqual([{ id: 'a' }, { id: 'b' }]);
    await expect(
      sealer.openMany('cases', [{ id: 'b', sealed: rows[0]!.sealed }]),
    ).rejects.toMatchObject({ code: 'sealed_row_refused' });
  });

  it('refuses everything once the key is forgotten (locked)', () => {
    const sealer = createRowSealer(testDataKey);
    const sealed = sealer.seal('drafts', 'd', 'note');
    sealer.forget();
    expect(() => sealer.open('drafts', 'd', sealed)).toThrow(
      expect.objectContaining({ code: 'locked' }),
    );
    expect(() => sealer.seal('drafts', 'd', 'note')).toThrow(
      expect.objectContaining({ code: 'locked' }),
    );
  });
});
