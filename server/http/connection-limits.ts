/**
 * How long a client may hold a connection, and how many one address may hold before it
 * has shown a session. What must stay true: a client that sends its request slowly, or
 * opens sockets and sends nothing, is cut within these times, and one address cannot
 * use up the process's open files with sockets that never signed in — while a tablet
 * on 2G still gets a whole 1 MB push through.
 *
 * Node's http server enforces `headersTimeout` and `requestTimeout` by sweeping its
 * connections every `connectionsCheckingInterval`, so a request is cut at most that long
 * after its deadline.
 */
import type { Socket } from 'node:net';
import type { ServerOptions as HttpServerOptions } from 'node:http';
import type { FastifyInstance } from 'fastify';

export interface ConnectionLimits {
  /** Milliseconds to receive all of a request's headers. */
  headersTimeoutMs: number;
  /** Milliseconds to receive a whole request, headers and body. */
  requestTimeoutMs: number;
  /** Milliseconds a socket may stay silent (no byte either way) before it is closed. */
  idleTimeoutMs: number;
  /** Milliseconds a kept-alive socket waits for its next request. */
  keepAliveTimeoutMs: number;
  /** How often Node checks the two request deadlines above. */
  checkIntervalMs: number;
  /**
   * Open sockets one client address may hold that have not yet carried a request with a
   * valid session; the next one is closed at once. Sockets that did carry one do not
   * count, so a centre's tablets behind one address are never refused for being many.
   */
  unauthenticatedPerAddress: number;
}

export const DEFAULT_CONNECTION_LIMITS: Readonly<ConnectionLimits> = Object.freeze({
  headersTimeoutMs: 15_000,
  // A 1 MB push at 2G's ~100 kbit/s takes about 80 s; leave room above that.
  requestTimeoutMs: 120_000,
  idleTimeoutMs: 30_000,
  // Counted from when the server handed its last answer to the network, which on 2G is
  // long before the tablet has it: six connections share ~6 kB/s, so an answer may take
  // 10–20 s to cross. Shorter, and the server closes a connection the browser is about to
  // send its next request on; that request is lost until the close reaches the tablet,
  // then sent again (seen on the slow-link bench: up to 5 s lost on each of several
  // files of the first install). As long as the idle timeout, no longer.
  keepAliveTimeoutMs: 30_000,
  checkIntervalMs: 2_000,
  // A tablet's first install opens up to ~12 sockets before it signs in: six for the page
  // and as many for the service worker's scripts and precache. Several tablets of one
  // centre behind one address installing at once must all fit.
  unauthenticatedPerAddress: 64,
});

/** The Fastify factory options that carry the timeouts. */
export function toServerTimeoutOptions(limits: ConnectionLimits): {
  connectionTimeout: number;
  keepAliveTimeout: number;
  requestTimeout: number;
  http: HttpServerOptions;
} {
  return {
    connectionTimeout: limits.idleTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    http: {
      headersTimeout: limits.headersTimeoutMs,
      connectionsCheckingInterval: limits.checkIntervalMs,
    },
  };
}

// Each socket still counted against its address, with how to stop counting it.
const releaseOf = new WeakMap<Socket, () => void>();

/** Stops counting this socket against its address: it has carried a valid session. */
export function markSocketAuthenticated(socket: Socket): void {
  releaseOf.get(socket)?.();
}

/**
 * Closes a new socket when its address already holds `limits.unauthenticatedPerAddress`
 * sockets without a session. Counts the socket's own address: behind a trusted proxy
 * every socket comes from the proxy, which must then limit clients itself.
 */
export function limitUnauthenticatedSockets(app: FastifyInstance, limits: ConnectionLimits): void {
  const openByAddress = new Map<string, number>();
  app.server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const open = openByAddress.get(address) ?? 0;
    if (open >= limits.unauthenticatedPerAddress) {
      socket.destroy();
      return;
    }
    openByAddress.set(address, open + 1);
    const release = () => {
      releaseOf.delete(socket);
      const left = (openByAddress.get(address) ?? 1) - 1;
      if (left > 0) openByAddress.set(address, left);
      else openByAddress.delete(address);
    };
    releaseOf.set(socket, release);
    socket.once('close', () => releaseOf.get(socket)?.());
  });
}
