/**
 * `POST /api/auth/sign-in` (docs/api.md): the request built and signed with the device key
 * (sign-in-request.ts), the answer checked with the schemas of src/domain/auth-protocol.ts,
 * and every way it can fail turned into one code the screen words for a person. The
 * password goes into the request body and nowhere else.
 *
 * Not in src/sync: sign-in happens only on the sign-in screen, with a person waiting, and
 * its failures (wrong password, too many attempts…) are hers to act on, not a sync run's.
 */
import { signInResponseSchema, type SignInResponse } from '../../domain/auth-protocol.ts';
import { errorResponseSchema, type BilingualMessage } from '../../domain/protocol.ts';
import type { Role } from '../../domain/vocabularies-staff.ts';
import { requestSignOut } from '../../shell/sign-out-client.ts';
import { buildSignInRequest, type SignInAttempt } from './sign-in-request.ts';

export type SignInFailure =
  | {
      readonly code:
        | 'missing_fields'
        | 'network'
        | 'invalid_credentials'
        | 'account_disabled'
        | 'device_revoked'
        | 'headquarters_account'
        | 'bad_response'
        /**
         * The server knows this device id by another key (or the signature did not verify
         * with the key sent): the tablet must make a new device id and key, then sign in.
         */
        | 'device_key_mismatch'
        /**
         * The tablet holds another centre's (or headquarters') data. Nothing was signed in:
         * once the outbox is empty and she confirmed the erasure, sign in again with
         * `switchCentre: true` and erase the old centre's data before keeping anything.
         */
        | 'device_other_centre';
    }
  | { readonly code: 'too_many_attempts'; readonly retryAfterSeconds: number }
  /**
   * This tablet is new to the server and its account or centre has registered as many
   * new tablets today as the server allows; one already registered still signs in.
   */
  | { readonly code: 'too_many_new_devices'; readonly retryAfterSeconds: number }
  /** Anything else the server said (invalid_request, database_unavailable, a 5xx…). */
  | { readonly code: 'other'; readonly status: number; readonly message: BilingualMessage | null };

export type SignInResult =
  | { readonly isSignedIn: true; readonly response: SignInResponse }
  /** A state officer: her session opens the headquarters reports, never a centre's cases. */
  | { readonly isSignedIn: true; readonly headquarters: HeadquartersSignIn }
  | { readonly isSignedIn: false; readonly failure: SignInFailure };

/**
 * What a headquarters session keeps, in memory only: the token for the report routes and
 * who she is. The data key the answer also carries is dropped unread — a headquarters
 * account has no case on this tablet to open.
 */
export interface HeadquartersSignIn {
  readonly token: string;
  readonly userId: string;
  readonly displayName: string;
  readonly role: Role;
}

export interface SignInOptions {
  /** The server's origin; '' (the default) for the page's own. */
  readonly baseUrl?: string;
  readonly fetch?: typeof fetch;
  /** The app can open the headquarters reports; without it a state account is refused. */
  readonly acceptsHeadquarters?: boolean;
}

// Over 2G a sign-in can take a while; past this, say the server could not be reached.
const signInTimeoutMs = 60_000;
// The server's windows (docs/api.md "Rate limits"), if it ever leaves out Retry-After.
const defaultRetryAfterSeconds = 15 * 60;
const defaultNewDeviceRetryAfterSeconds = 24 * 60 * 60;

export async function requestSignIn(
  attempt: SignInAttempt,
  options: SignInOptions = {},
): Promise<SignInResult> {
  const request = await buildSignInRequest(attempt);
  if (!request) return failed({ code: 'missing_fields' });
  const send = options.fetch ?? fetch;
  const baseUrl = options.baseUrl ?? '';
  let response: Response;
  try {
    response = await send(`${baseUrl}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
      signal: AbortSignal.timeout?.(signInTimeoutMs),
    });
  } catch {
    return failed({ code: 'network' });
  }
  let json: unknown = null;
  try {
    json = await response.json();
  } catch (error) {
    // The body did not arrive whole: the deadline passed, or the link dropped, while it
    // came. That is the network, not an answer the app cannot read; on 2G, with the first
    // install sharing the link, it happens.
    if (!(error instanceof SyntaxError)) return failed({ code: 'network' });
  }
  if (!response.ok) return failed(failureOf(response, json));

  const parsed = signInResponseSchema.safeParse(json);
  if (!parsed.success) return failed({ code: 'bad_response' });
  if (parsed.data.centre === null && options.acceptsHeadquarters) {
    const { token, user } = parsed.data;
    return {
      isSignedIn: true,
      headquarters: { token, userId: user.id, displayName: user.displayName, role: user.role },
    };
  }
  if (parsed.data.centre === null) {
    // A headquarters account has no centre whose cases this tablet could hold: end the
    // session the server just opened rather than leave it unused.
    void requestSignOut(parsed.data.token, { baseUrl, fetch: send });
    return failed({ code: 'headquarters_account' });
  }
  return { isSignedIn: true, response: parsed.data };
}

function failed(failure: SignInFailure): SignInResult {
  return { isSignedIn: false, failure };
}

function failureOf(response: Response, json: unknown): SignInFailure {
  const error = errorResponseSchema.safeParse(json);
  const code = error.success ? error.data.error.code : null;
  switch (code) {
    case 'invalid_credentials':
    case 'account_disabled':
    case 'device_revoked':
    case 'device_key_mismatch':
    case 'device_other_centre':
      return { code };
    // The same remedy: the key the tablet holds is not one the server can check it by.
    case 'bad_device_signature':
      return { code: 'device_key_mismatch' };
    case 'too_many_attempts':
      return {
        code,
        retryAfterSeconds: readRetryAfter(response.headers.get('retry-after')),
      };
    case 'too_many_new_devices':
      return {
        code,
        retryAfterSeconds: readRetryAfter(
          response.headers.get('retry-after'),
          defaultNewDeviceRetryAfterSeconds,
        ),
      };
    default:
      return {
        code: 'other',
        status: response.status,
        message: error.success ? error.data.error.message : null,
      };
  }
}

function readRetryAfter(header: string | null, fallback = defaultRetryAfterSeconds): number {
  const seconds = Number(header);
  return header !== null && Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : fallback;
}
