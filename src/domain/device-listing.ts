// `GET /api/devices` (docs/api.md): a centre's tablets as a manager (or headquarters) sees
// them, to spot one that is lost or idle and revoke it. Staff names only, never a case.
import { z } from 'zod';
import { idSchema } from './common-fields.ts';
import { instantSchema } from './india-time.ts';
import { deviceTagSchema } from './staff.ts';

export const deviceListingSchema = z.object({
  id: z.string().min(1),
  tag: deviceTagSchema,
  /** What staff call this tablet; null when nobody named it at sign-in. */
  name: z.string().nullable(),
  /** The staff member who signed in on it last. */
  userId: idSchema,
  username: z.string(),
  displayName: z.string(),
  /** Null for a tablet a headquarters account signed in on. */
  centreId: idSchema.nullable(),
  registeredAt: instantSchema,
  /** Server time of its latest request. */
  lastSeenAt: instantSchema,
  revokedAt: instantSchema.nullable(),
});
export type DeviceListing = z.infer<typeof deviceListingSchema>;

export const deviceListResponseSchema = z.object({ devices: z.array(deviceListingSchema) });

/** The centre's idle lock in minutes: `PUT /api/centres/:id/lock` takes it within these bounds. */
export const idleMinutesBounds = { min: 1, max: 60 } as const;
