import { z } from './zod.ts';
import { deviceTagPattern } from './case-number.ts';
import { idSchema, shortTextSchema } from './common-fields.ts';
import { instantSchema } from './india-time.ts';
import { toCodeSchema } from './vocabulary-schema.ts';
import { headquartersRoles, roles, type Role } from './vocabularies-staff.ts';

export const roleSchema = toCodeSchema(roles);

export function isHeadquartersRole(role: Role): boolean {
  return (headquartersRoles as readonly Role[]).includes(role);
}

export const usernameSchema = z
  .string()
  .check(z.regex(/^[a-z0-9._-]{3,32}$/, '3 to 32 characters: small letters a-z, digits, . _ -'));

export const userSchema = z
  .strictObject({
    id: idSchema,
    /** The centre whose cases she works on; null exactly for headquarters roles. */
    centreId: z.nullable(idSchema),
    role: roleSchema,
    /** As colleagues know her, in either script; shown on records she wrote. */
    displayName: shortTextSchema,
    /** Typed at first sign-in on a tablet; lowercase so 'Sunita.K' and 'sunita.k' are one. */
    username: usernameSchema,
  })
  .check(
    z.superRefine((user, ctx) => {
      const isHeadquarters = isHeadquartersRole(user.role);
      if (isHeadquarters && user.centreId !== null) {
        ctx.addIssue({
          code: 'custom',
          path: ['centreId'],
          message: 'a headquarters role belongs to no centre',
        });
      }
      if (!isHeadquarters && user.centreId === null) {
        ctx.addIssue({
          code: 'custom',
          path: ['centreId'],
          message: 'a centre role needs a centre',
        });
      }
    }),
  );

export type User = z.infer<typeof userSchema>;

/**
 * Unique within the device's district (the server hands tags out), because it is the part
 * of a case number that keeps two tablets' numbers apart.
 */
export const deviceTagSchema = z
  .string()
  .check(z.regex(deviceTagPattern, '2 to 4 capitals or digits'));

export const deviceSchema = z.strictObject({
  /** Made by the tablet on first run. */
  id: idSchema,
  /** The staff member who registered the device by signing in on it. */
  userId: idSchema,
  tag: deviceTagSchema,
  /** Server time when the device was registered. */
  registeredAt: instantSchema,
  /** Server time of the device's latest request; shows headquarters which tablets are idle. */
  lastSeenAt: instantSchema,
  /** Set by headquarters; a revoked device wipes its local data on next contact. */
  revokedAt: z.nullable(instantSchema),
});

export type Device = z.infer<typeof deviceSchema>;
