import { z } from './zod.ts';
import { idSchema, indianPhoneSchema, shortTextSchema, textSchema } from './common-fields.ts';
import { districtCodeSchema } from './districts.ts';

/**
 * A One Stop Centre. Flat, like every synced record, so that two people correcting the
 * Hindi and the English name at once do not clash. Created by headquarters (admin CLI).
 */
export const centreSchema = z.strictObject({
  id: idSchema,
  /** One centre per district; its code starts the centre's case numbers. */
  districtCode: districtCodeSchema,
  /** e.g. 'वन स्टॉप सेंटर, लखनऊ' */
  nameHi: shortTextSchema,
  /** e.g. 'One Stop Centre, Lucknow' */
  nameEn: shortTextSchema,
  phone: indianPhoneSchema,
  address: textSchema(500),
  email: z.nullable(z.email()),
});

export type Centre = z.infer<typeof centreSchema>;
