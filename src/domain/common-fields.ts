/**
 * Field schemas shared by every record.
 *
 * None of these transforms a value: the server stores exactly what the tablet stamped,
 * so every copy of a record stays identical. Forms tidy input (trim, turn '' into null,
 * normalise a phone number) before saving; the record schemas only check.
 */
import { z } from './zod.ts';

/** Ids are made where the record is created (UUIDv7 on the tablet), never by the server. */
export const idSchema = z.uuid();

const visibleCharacter = /\S/;

/** Text with something in it: an empty answer is stored as null, never as ''. */
export function textSchema(maxLength: number) {
  return z.string().check(z.maxLength(maxLength), z.regex(visibleCharacter, 'must not be blank'));
}

/** Names, places, short answers. */
export const shortTextSchema = textSchema(200);

/** Narratives, notes, plans: room for a long account, not for a pasted document. */
export const longTextSchema = textSchema(20_000);

/** A list in which each value appears at most once (order kept as staff entered it). */
export function uniqueListOf<T extends z.ZodMiniType>(element: T) {
  // The refinement is code; `uniqueItems` states it in the published record schemas too.
  return z.array(element).check(
    z.refine((list) => new Set(list).size === list.length, 'each value may appear only once'),
    z.meta({ uniqueItems: true }),
  );
}

/** An Indian mobile number as stored: the 10 digits she would dial, without +91 or 0. */
export const indianMobileSchema = z
  .string()
  .check(
    z.regex(/^[6-9]\d{9}$/, 'must be a 10-digit Indian mobile number starting with 6, 7, 8 or 9'),
  );

const phoneSeparators = /[\s\-().]/g;
const mobileWithPrefix = /^(?:\+91|0091|91|0)?([6-9]\d{9})$/;

/**
 * The stored form of a mobile number as staff type it ('+91 98765-43210', '09876543210'),
 * or null if it is not an Indian mobile number.
 */
export function normalizeIndianMobile(input: string): string | null {
  const match = mobileWithPrefix.exec(input.replace(phoneSeparators, ''));
  return match?.[1] ?? null;
}

/** For forms: accepts the ways staff type a mobile number, gives the stored form. */
export const indianMobileInputSchema = z.pipe(
  z.string(),
  z.transform((input: string, ctx) => {
    const mobile = normalizeIndianMobile(input);
    if (mobile === null) {
      ctx.issues.push({ code: 'custom', message: 'not an Indian mobile number', input });
      return z.NEVER;
    }
    return mobile;
  }),
);

/**
 * A centre's phone: a mobile number as above, or a landline with its STD code and the
 * leading 0, 11 digits in all (Lucknow: '05222234567').
 */
export const indianPhoneSchema = z
  .string()
  .check(
    z.regex(/^(?:[6-9]\d{9}|0[1-9]\d{9})$/, 'must be a mobile number or a landline with STD code'),
  );
