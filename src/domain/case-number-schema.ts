// Apart from case-number.ts so that making a device tag (opening the tablet's store,
// before the sign-in screen) does not load zod.
import { z } from './zod.ts';
import { caseNumberPattern } from './case-number.ts';

export const caseNumberSchema = z
  .string()
  .check(z.regex(caseNumberPattern, 'not a valid case number'));
