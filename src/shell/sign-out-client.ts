/**
 * Tells the server a session has ended (`POST /api/auth/sign-out`). Best effort: the tablet
 * has already forgotten the session, and a token nobody holds any more does no harm until
 * the server's idle limit ends it. Here, below the screens, because the tablet's sign-out
 * (open-stores.ts) and the sign-in screen both send it; free of schemas because it loads
 * with the first screen.
 */
const signOutTimeoutMs = 15_000;

export async function requestSignOut(
  token: string,
  options: { readonly baseUrl?: string; readonly fetch?: typeof fetch } = {},
): Promise<boolean> {
  try {
    const response = await (options.fetch ?? fetch)(`${options.baseUrl ?? ''}/api/auth/sign-out`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout?.(signOutTimeoutMs),
    });
    return response.ok;
  } catch {
    return false;
  }
}
