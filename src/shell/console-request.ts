/**
 * One request to the management API as the signed-in manager or state administrator, for
 * the console screens (staff, audit). It never throws: a dropped link, a timeout or a
 * refusal all come back as an answer the screen can put in words, and nothing is kept on
 * the tablet.
 */
/** Who opens the console: a centre's manager, or the state administrator (any centre). */
export interface ConsoleSession {
  readonly token: string;
  readonly userId: string;
  readonly isStateAdmin: boolean;
  /** Her centre; null for the state administrator. */
  readonly ownCentreId: string | null;
}

export type ConsoleAnswer =
  | { readonly ok: true; readonly body: unknown }
  | {
      readonly ok: false;
      /** The API's error code (`weak_password`…), or `unreachable` when no answer came. */
      readonly code: string;
      /** The server's own words, where it gave them (what to change in a password). */
      readonly message: { readonly hi: string; readonly en: string } | null;
    };

export interface ConsoleRequestOptions {
  readonly token: string;
  readonly baseUrl?: string;
  readonly fetch?: typeof fetch;
}

const requestTimeoutMs = 30_000;

export function createConsoleRequest(options: ConsoleRequestOptions) {
  return async (path: string, init: { method?: 'GET' | 'POST'; body?: unknown } = {}) => {
    let response: Response;
    try {
      response = await (options.fetch ?? fetch)(`${options.baseUrl ?? ''}${path}`, {
        method: init.method ?? 'GET',
        headers: {
          authorization: `Bearer ${options.token}`,
          ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
        signal: AbortSignal.timeout?.(requestTimeoutMs),
      });
    } catch {
      return { ok: false, code: 'unreachable', message: null } satisfies ConsoleAnswer;
    }
    const body = (await response.json().catch(() => null)) as unknown;
    if (response.ok) return { ok: true, body } satisfies ConsoleAnswer;
    return { ok: false, ...readError(body) } satisfies ConsoleAnswer;
  };
}

export type ConsoleRequest = ReturnType<typeof createConsoleRequest>;

function readError(body: unknown): { code: string; message: { hi: string; en: string } | null } {
  const error = (body as { error?: { code?: unknown; message?: { hi?: unknown; en?: unknown } } })
    ?.error;
  const code = typeof error?.code === 'string' ? error.code : 'unreachable';
  const hi = error?.message?.hi;
  const en = error?.message?.en;
  return {
    code,
    message: typeof hi === 'string' && typeof en === 'string' ? { hi, en } : null,
  };
}
