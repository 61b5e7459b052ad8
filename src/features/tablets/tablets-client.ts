/**
 * The server's routes behind the Tablets screen (docs/api.md): the list of a centre's
 * tablets, revoking one, and the centre's idle lock. Each answers null or false when it
 * could not be done, and the screen says so; nothing here is kept on the tablet.
 */
import { deviceListResponseSchema, type DeviceListing } from '../../domain/auth-protocol.ts';

export interface TabletsClient {
  /** Null when the server could not be reached or refused. */
  listTablets(): Promise<readonly DeviceListing[] | null>;
  revokeTablet(deviceId: string): Promise<boolean>;
  /** The centre's current setting (`GET /api/auth/session`), null if unknown. */
  readIdleMinutes(): Promise<number | null>;
  saveIdleMinutes(idleMinutes: number): Promise<boolean>;
}

export interface TabletsClientOptions {
  readonly token: string;
  /** The manager's centre; its lock setting is the one she may change. */
  readonly centreId: string;
  readonly baseUrl?: string;
  readonly fetch?: typeof fetch;
}

const requestTimeoutMs = 30_000;

export function createTabletsClient(options: TabletsClientOptions): TabletsClient {
  const send = async (path: string, init: RequestInit = {}): Promise<unknown> => {
    try {
      const response = await (options.fetch ?? fetch)(`${options.baseUrl ?? ''}${path}`, {
        ...init,
        headers: {
          authorization: `Bearer ${options.token}`,
          ...(init.body ? { 'content-type': 'application/json' } : {}),
        },
        signal: AbortSignal.timeout?.(requestTimeoutMs),
      });
      if (!response.ok) return null;
      return (await response.json()) as unknown;
    } catch {
      return null;
    }
  };
  const centre = encodeURIComponent(options.centreId);
  return {
    listTablets: async () => {
      const parsed = deviceListResponseSchema.safeParse(
        await send(`/api/devices?centreId=${centre}`),
      );
      return parsed.success ? parsed.data.devices : null;
    },
    revokeTablet: async (deviceId) =>
      (await send(`/api/devices/${encodeURIComponent(deviceId)}/revoke`, { method: 'POST' })) !==
      null,
    readIdleMinutes: async () => {
      const answer = (await send('/api/auth/session')) as {
        lock?: { idleMinutes?: unknown };
      } | null;
      const minutes = answer?.lock?.idleMinutes;
      return typeof minutes === 'number' ? minutes : null;
    },
    saveIdleMinutes: async (idleMinutes) =>
      (await send(`/api/centres/${centre}/lock`, {
        method: 'PUT',
        body: JSON.stringify({ idleMinutes }),
      })) !== null,
  };
}
