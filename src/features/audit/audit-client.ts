/**
 * The server's routes behind the Audit log screen (docs/api.md, `GET /api/audit`): a page
 * of entries, newest first, narrowed on the server; and the staff list that names who did
 * each thing. Nothing here is kept on the tablet.
 */
import {
  auditPageResponseSchema,
  userListResponseSchema,
  type StaffAccount,
} from '../../domain/auth-protocol.ts';
import type { ConsoleRequest } from '../../shell/console-request.ts';
import type { z } from '../../domain/zod.ts';

export type AuditPageAnswer = z.infer<typeof auditPageResponseSchema>;
export type AuditEntry = AuditPageAnswer['entries'][number];

export interface AuditFilter {
  /** A centre id, `headquarters`, or null for everything she may see. */
  readonly centreId: string | null;
  readonly userId: string | null;
  readonly action: string | null;
  /** ISO instants: from inclusive, to exclusive. */
  readonly from: string | null;
  readonly to: string | null;
}

export interface AuditClient {
  readPage(filter: AuditFilter, before: number | null): Promise<AuditPageAnswer | null>;
  listStaff(): Promise<readonly StaffAccount[] | null>;
}

const PAGE_SIZE = 50;

export function createAuditClient(send: ConsoleRequest): AuditClient {
  return {
    readPage: async (filter, before) => {
      const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
      if (filter.centreId) query.set('centreId', filter.centreId);
      if (filter.userId) query.set('userId', filter.userId);
      if (filter.action) query.set('action', filter.action);
      if (filter.from) query.set('from', filter.from);
      if (filter.to) query.set('to', filter.to);
      if (before !== null) query.set('before', String(before));
      const answer = await send(`/api/audit?${query.toString()}`);
      const parsed = answer.ok ? auditPageResponseSchema.safeParse(answer.body) : null;
      return parsed?.success ? parsed.data : null;
    },
    listStaff: async () => {
      const answer = await send('/api/users');
      const parsed = answer.ok ? userListResponseSchema.safeParse(answer.body) : null;
      return parsed?.success ? parsed.data.users : null;
    },
  };
}
