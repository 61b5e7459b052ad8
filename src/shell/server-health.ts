// Whether the server is a demo, from `GET /api/health` (the one route that needs no
// session), so the header's demo label follows the server rather than the build.

/** The server's `demo` flag, or null when it cannot be reached or answers something else. */
export async function fetchServerIsDemo(
  fetchHealth: typeof fetch = fetch,
): Promise<boolean | null> {
  try {
    const response = await fetchHealth('/api/health', { signal: AbortSignal.timeout?.(15_000) });
    if (!response.ok) return null;
    // Loaded here, not at the top: the first screen's code then carries no zod.
    const { healthResponseSchema } = await import('../domain/server-health.ts');
    const parsed = healthResponseSchema.safeParse(await response.json());
    return parsed.success ? parsed.data.demo : null;
  } catch {
    return null;
  }
}
