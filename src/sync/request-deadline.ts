/**
 * How long a sync request may take before the tablet gives up on it and tries again.
 *
 * What must stay true: no request waits forever. A connection that goes quiet without a
 * reset (common on 2G: the tower drops the tablet, nobody tells the socket) would
 * otherwise hold a sync run for minutes. Every wait is bounded, and the bound grows with
 * the bytes that must cross the link, so a large push on a slow but working link is not
 * cut short. Giving up is safe: a push whose answer was lost is simply repeated (the
 * server recognises mutation ids it has applied), and a pull resumes at its cursor.
 */
export interface RequestDeadlines {
  /** Connecting and the server's work, until the answer's first byte, before any body time. */
  readonly firstByteMs: number;
  /**
   * The slowest link still worth waiting on, in bytes per second: each byte of the request
   * body, and of the answer when its length is known, adds its time at this rate.
   */
  readonly slowestBytesPerSecond: number;
  /** Once the answer has begun: the longest silence between two of its pieces. */
  readonly stallMs: number;
}

/**
 * 1 kB/s is a third of a 25 kbit/s upload, so a working 2G link always fits; a silent
 * small push is given up after ~20 s and retried, well inside a minute.
 */
export const defaultRequestDeadlines: RequestDeadlines = {
  firstByteMs: 20_000,
  slowestBytesPerSecond: 1_000,
  stallMs: 20_000,
};

/** Until the answer's headers: the request body must go up first. */
export function msUntilAnswer(deadlines: RequestDeadlines, sentBytes: number): number {
  return deadlines.firstByteMs + msForBytes(deadlines, sentBytes);
}

/** For the whole answer body once headers arrived; null when its length is not known. */
export function msForAnswerBody(
  deadlines: RequestDeadlines,
  contentLength: number | null,
): number | null {
  if (contentLength === null) return null;
  return deadlines.stallMs + msForBytes(deadlines, contentLength);
}

/** A Content-Length header as a byte count, or null when absent or not a count. */
export function readContentLength(header: string | null): number | null {
  if (header === null || !/^\d+$/.test(header.trim())) return null;
  return Number(header.trim());
}

function msForBytes(deadlines: RequestDeadlines, bytes: number): number {
  return Math.ceil((Math.max(0, bytes) * 1000) / deadlines.slowestBytesPerSecond);
}
