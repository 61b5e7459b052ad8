/**
 * The server's routes behind the Staff screen (docs/api.md, "Management routes"): her
 * centre's accounts (or, for the state administrator, any centre's), adding one,
 * resetting a password and disabling an account. Nothing here is kept on the tablet.
 */
import {
  centreListResponseSchema,
  createUserResponseSchema,
  userListResponseSchema,
  type CreateUserRequest,
  type ListedStaffAccount,
} from '../../domain/auth-protocol.ts';
import type { ConsoleAnswer, ConsoleRequest } from '../../shell/console-request.ts';

export interface CentreChoice {
  readonly id: string;
  readonly districtCode: string;
  readonly nameHi: string;
  readonly nameEn: string;
}

/** A change the server refused, with its code and, where it gave them, its own words. */
export type StaffChange = { readonly ok: true } | Extract<ConsoleAnswer, { ok: false }>;

export interface StaffClient {
  /** `centreId` null: every account the caller may see. Null when it could not be read. */
  listStaff(centreId: string | null): Promise<readonly ListedStaffAccount[] | null>;
  listCentres(): Promise<readonly CentreChoice[] | null>;
  addStaff(account: CreateUserRequest): Promise<StaffChange>;
  resetPassword(userId: string, password: string): Promise<StaffChange>;
  disableStaff(userId: string): Promise<StaffChange>;
}

export function createStaffClient(send: ConsoleRequest): StaffClient {
  const change = async (answer: Promise<ConsoleAnswer>): Promise<StaffChange> => {
    const done = await answer;
    return done.ok ? { ok: true } : done;
  };
  return {
    listStaff: async (centreId) => {
      const query = centreId === null ? '' : `?centreId=${encodeURIComponent(centreId)}`;
      const answer = await send(`/api/users${query}`);
      const parsed = answer.ok ? userListResponseSchema.safeParse(answer.body) : null;
      return parsed?.success ? parsed.data.users : null;
    },
    listCentres: async () => {
      const answer = await send('/api/centres');
      const parsed = answer.ok ? centreListResponseSchema.safeParse(answer.body) : null;
      return parsed?.success ? parsed.data.centres : null;
    },
    addStaff: async (account) => {
      const answer = await send('/api/users', { method: 'POST', body: account });
      if (answer.ok && !createUserResponseSchema.safeParse(answer.body).success) {
        return { ok: false, code: 'unreachable', message: null };
      }
      return change(Promise.resolve(answer));
    },
    resetPassword: (userId, password) =>
      change(
        send(`/api/users/${encodeURIComponent(userId)}/reset-password`, {
          method: 'POST',
          body: { password },
        }),
      ),
    disableStaff: (userId) =>
      change(send(`/api/users/${encodeURIComponent(userId)}/disable`, { method: 'POST' })),
  };
}
