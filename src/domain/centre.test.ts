import { describe, expect, it } from 'vitest';
import { centreSchema, type Centre } from './centre.ts';

const lucknow: Centre = {
  id: '0190a1b2-c3d4-7e5f-8a6b-1c2d3e4f5a6b',
  districtCode: 'LKO',
  nameHi: 'वन स्टॉप सेंटर, लखनऊ',
  nameEn: 'One Stop Centre, Lucknow',
  phone: '05222234567',
  address: 'Lok Bandhu Hospital campus, Ashiyana, Lucknow',
  email: null,
};

describe('centreSchema', () => {
  it('accepts a centre with a landline and no email', () => {
    expect(centreSchema.parse(lucknow)).toEqual(lucknow);
  });

  it('accepts a mobile number and an email', () => {
    const centre = { ...lucknow, phone: '9454400000', email: 'osc.lucknow@example.in' };
    expect(centreSchema.safeParse(centre).success).toBe(true);
  });

  it('rejects a district that is not one of the 75', () => {
    expect(centreSchema.safeParse({ ...lucknow, districtCode: 'DEL' }).success).toBe(false);
  });

  it('rejects a blank name, a malformed email and a phone without STD code', () => {
    expect(centreSchema.safeParse({ ...lucknow, nameHi: ' ' }).success).toBe(false);
    expect(centreSchema.safeParse({ ...lucknow, email: 'osc.lucknow' }).success).toBe(false);
    expect(centreSchema.safeParse({ ...lucknow, phone: '2234567' }).success).toBe(false);
  });

  it('rejects a field it does not know, instead of silently dropping it', () => {
    expect(centreSchema.safeParse({ ...lucknow, name: { hi: 'x', en: 'x' } }).success).toBe(false);
  });
});
