/** The JSON Schemas the API's shapes (server/services/api-views.ts) are serialised with. */
import {
  arraySchema,
  instantSchema,
  nullableInstantSchema,
  nullableStringSchema,
  objectSchema,
  stringSchema,
} from '../http/json-schema.ts';

export const userJsonSchema = objectSchema({
  id: stringSchema,
  username: stringSchema,
  role: stringSchema,
  centreId: nullableStringSchema,
  displayName: stringSchema,
});

export const staffAccountJsonSchema = objectSchema({
  ...userJsonSchema.properties,
  createdAt: instantSchema,
  disabledAt: nullableInstantSchema,
});

/** In the staff list only: when she last signed in with her password, or null. */
export const listedStaffAccountJsonSchema = objectSchema({
  ...staffAccountJsonSchema.properties,
  lastSignInAt: nullableInstantSchema,
});

const centreProperties = {
  id: stringSchema,
  districtCode: stringSchema,
  nameHi: stringSchema,
  nameEn: stringSchema,
};
export const centreJsonSchema = objectSchema(centreProperties);
export const centreDetailJsonSchema = objectSchema({
  ...centreProperties,
  phone: nullableStringSchema,
  address: nullableStringSchema,
  email: nullableStringSchema,
});

export const centreDetailsJsonSchema = objectSchema({
  address: nullableStringSchema,
  phone: nullableStringSchema,
  staff: arraySchema(
    objectSchema({ id: stringSchema, displayName: stringSchema, role: stringSchema }),
  ),
});

const deviceProperties = { id: stringSchema, tag: stringSchema, name: nullableStringSchema };
export const deviceJsonSchema = objectSchema(deviceProperties);
export const deviceListingJsonSchema = objectSchema({
  ...deviceProperties,
  userId: stringSchema,
  username: stringSchema,
  displayName: stringSchema,
  centreId: nullableStringSchema,
  registeredAt: instantSchema,
  lastSeenAt: instantSchema,
  revokedAt: nullableInstantSchema,
});

export const auditEntryJsonSchema = objectSchema({
  id: { type: 'integer' },
  at: instantSchema,
  userId: nullableStringSchema,
  deviceId: nullableStringSchema,
  action: stringSchema,
  resourceType: nullableStringSchema,
  resourceId: nullableStringSchema,
  centreId: nullableStringSchema,
  ip: nullableStringSchema,
  outcome: stringSchema,
  details: { type: 'object', additionalProperties: true },
});
