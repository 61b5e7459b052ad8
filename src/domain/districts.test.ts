import { describe, expect, it } from 'vitest';
import csv from './up-districts.csv?raw';
import { districtCodeSchema, districts } from './districts.ts';

const csvRows = csv
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [code, en, hi, population] = line.split(',');
    return { code, hi, en, populationMillions: Number(population) };
  });

describe('districts', () => {
  it("are Uttar Pradesh's 75", () => {
    expect(districts).toHaveLength(75);
  });

  it('have unique three-capital codes, as case numbers need', () => {
    const codes = districts.map((district) => district.code);
    expect(new Set(codes).size).toBe(75);
    for (const code of codes) expect(code).toMatch(/^[A-Z]{3}$/);
  });

  it('match the source CSV exactly: codes, names in both scripts, population', () => {
    expect(csvRows).toHaveLength(75);
    expect(districts).toEqual(csvRows);
  });

  it('have Hindi names in Devanagari', () => {
    for (const district of districts) expect(district.hi).toMatch(/^[\u0900-\u097F ]+$/);
  });
});

describe('districtCodeSchema', () => {
  it('accepts a district code', () => {
    expect(districtCodeSchema.parse('LKO')).toBe('LKO');
  });

  it('rejects a code in small letters, a name, or a code of no district', () => {
    for (const value of ['lko', 'Lucknow', 'XYZ', '']) {
      expect(districtCodeSchema.safeParse(value).success).toBe(false);
    }
  });
});
