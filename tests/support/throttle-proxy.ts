/**
 * A TCP proxy on 127.0.0.1 shaped like a district centre's link: bandwidth each way
 * (shared by every connection, as one radio link is), a delay each way, and two ways to
 * lose it — a cut with a reset (the tablet hears at once) and a silent cut (bytes stop,
 * nobody closes anything, as when the tower drops the tablet). After a silent cut the
 * connections it caught stay silent forever; new ones work once `restore` is called.
 * `cutSilentlyOnNextAnswer` times the silent cut to the server's next answer: the request
 * arrived and was handled, and the tablet never hears back; `cutWithResetOnNextAnswer`
 * does the same with a reset instead.
 *
 * Every connection is logged (`connectionLog`): when it opened, each request's first line
 * as it reached the server, each answer's status line as the server sent it, and how it
 * ended — so a test that waits too long can say which connection the time went to.
 */
import { createServer, connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface LinkShape {
  readonly downKbitPerSecond: number;
  readonly upKbitPerSecond: number;
  readonly roundTripMs: number;
}

export interface ThrottleProxy {
  readonly url: string;
  /** Bytes delivered to the browser since start (or since `resetCounts`). */
  readonly downBytes: () => number;
  readonly resetCounts: () => void;
  cutWithReset(): void;
  cutSilently(): void;
  /**
   * Goes silent the moment the server next starts to answer (a request whose path matches
   * `toPath`, when given), before any of the answer crosses.
   */
  cutSilentlyOnNextAnswer(toPath?: RegExp): void;
  /** As `cutSilentlyOnNextAnswer`, with a reset of every connection instead of silence. */
  cutWithResetOnNextAnswer(toPath?: RegExp): void;
  /** True from a silent cut until `restore`. */
  isSilent(): boolean;
  restore(): void;
  /** One line per event, oldest first: `+12.345 s #3 POST /api/sync/push`. */
  connectionLog(): readonly string[];
  /** Adds a line of the caller's to the log, on the same clock (say, a worker's state). */
  mark(event: string): void;
  close(): Promise<void>;
}

const sliceBytes = 512;

/**
 * One way of the link. Slices leave in the order they were sent, from one queue drained by
 * one timer: a timer per slice can fire out of order when the machine is busy (Node files
 * timers by their duration, and a late loop sees several due at once), and a reordered
 * slice corrupts the stream it belongs to — a script that never runs.
 */
class Direction {
  private freeAt = 0;
  private readonly queue: { dueAt: number; slice: Buffer; write: (slice: Buffer) => void }[] = [];
  private timer: NodeJS.Timeout | undefined;
  bytes = 0;
  constructor(
    private readonly bytesPerSecond: number,
    private readonly delayMs: number,
  ) {}

  /** Sends `chunk` after the delay, no faster than the link, in order with what went before. */
  send(chunk: Buffer, write: (slice: Buffer) => void): void {
    for (let at = 0; at < chunk.length; at += sliceBytes) {
      const slice = chunk.subarray(at, at + sliceBytes);
      this.freeAt = Math.max(this.freeAt, Date.now()) + (slice.length * 1000) / this.bytesPerSecond;
      this.queue.push({ dueAt: this.freeAt + this.delayMs, slice, write });
    }
    this.schedule();
  }

  /** Runs `then` once everything sent so far has arrived: a close is a packet too. */
  afterSent(then: () => void): void {
    this.queue.push({
      dueAt: Math.max(this.freeAt, Date.now()) + this.delayMs,
      slice: Buffer.alloc(0),
      write: then,
    });
    this.schedule();
  }

  private schedule(): void {
    if (this.timer !== undefined || this.queue.length === 0) return;
    const wait = Math.max(this.queue[0]!.dueAt - Date.now(), 0);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.deliverDue();
    }, wait);
  }

  private deliverDue(): void {
    const now = Date.now();
    while (this.queue.length > 0 && this.queue[0]!.dueAt <= now) {
      const { slice, write } = this.queue.shift()!;
      this.bytes += slice.length;
      write(slice);
    }
    this.schedule();
  }
}

export async function startThrottleProxy(target: URL, shape: LinkShape): Promise<ThrottleProxy> {
  const oneWayMs = shape.roundTripMs / 2;
  const down = new Direction((shape.downKbitPerSecond * 1000) / 8, oneWayMs);
  const up = new Direction((shape.upKbitPerSecond * 1000) / 8, oneWayMs);
  interface Pair {
    client: Socket;
    server: Socket;
    isSilenced: boolean;
    path: string;
    /** Bytes of the current answer that reached the browser, and when the last did. */
    delivered: number;
    deliveredAt: number;
  }
  const open = new Set<Pair>();
  let state: 'up' | 'silent' = 'up';
  let cutOnNextAnswer: { readonly how: 'silent' | 'reset'; readonly toPath: RegExp } | null = null;
  const startedAt = Date.now();
  const log: string[] = [];
  let connections = 0;
  const secondsSinceStart = (at: number) => ((at - startedAt) / 1000).toFixed(3);
  const note = (connection: number | null, event: string) => {
    log.push(
      `+${secondsSinceStart(Date.now())} s${connection === null ? '' : ` #${connection}`} ${event}`,
    );
  };
  /** What reached the browser of the answer just ended, so a log shows each file's cost. */
  const noteDelivered = (connection: number, pair: Pair) => {
    if (pair.delivered === 0) return;
    note(
      connection,
      `${pair.delivered} B delivered, the last at +${secondsSinceStart(pair.deliveredAt)} s`,
    );
    pair.delivered = 0;
  };
  const silenceAll = () => {
    state = 'silent';
    note(null, `silent (${open.size} connections open)`);
    for (const pair of open) pair.isSilenced = true;
  };
  const resetAll = () => {
    note(null, `reset (${open.size} connections open)`);
    for (const pair of open) {
      pair.client.resetAndDestroy();
      pair.server.destroy();
    }
    open.clear();
  };

  const proxy = createServer((client) => {
    const server = connect(Number(target.port), target.hostname);
    const pair: Pair = {
      client,
      server,
      isSilenced: state === 'silent',
      path: '',
      delivered: 0,
      deliveredAt: 0,
    };
    const connection = ++connections;
    note(connection, pair.isSilenced ? 'opened, silent' : 'opened');
    open.add(pair);
    client.on('data', (chunk: Buffer) => {
      const line = /^[A-Z]+ (\S+)/.exec(chunk.subarray(0, 200).toString('latin1'));
      if (!line) return;
      noteDelivered(connection, pair);
      // Read before the bytes cross: the server answers only what has arrived.
      if (!pair.isSilenced) pair.path = line[1]!;
      note(connection, pair.isSilenced ? `${line[0]} (lost in the silence)` : line[0]);
    });
    server.on('data', (chunk: Buffer) => {
      const line = /^HTTP\/1\.1 \d+/.exec(chunk.subarray(0, 20).toString('latin1'));
      if (line) {
        const isLost = pair.isSilenced || !open.has(pair);
        note(connection, `answer ${line[0].slice(9)}${isLost ? ' (lost)' : ''}`);
      }
    });
    const pass = (from: Socket, to: Socket, direction: Direction) =>
      from.on('data', (chunk: Buffer) => {
        if (pair.isSilenced) return;
        direction.send(chunk, (slice) => {
          if (pair.isSilenced || to.destroyed) return;
          to.write(slice);
          if (to === client) {
            pair.delivered += slice.length;
            pair.deliveredAt = Date.now();
          }
        });
      });
    pass(client, server, up);
    server.prependListener('data', () => {
      const cut = cutOnNextAnswer;
      if (cut === null || !cut.toPath.test(pair.path)) return;
      cutOnNextAnswer = null;
      if (cut.how === 'silent') silenceAll();
      else resetAll();
    });
    pass(server, client, down);
    const end = () => {
      noteDelivered(connection, pair);
      if (open.delete(pair)) note(connection, pair.isSilenced ? 'closed (silent)' : 'closed');
      client.destroy();
      server.destroy();
    };
    server.on('end', () => {
      if (pair.isSilenced) note(connection, 'closed by the server, unheard in the silence');
      down.afterSent(() => pair.isSilenced || client.end());
    });
    client.on('end', () => up.afterSent(() => pair.isSilenced || server.end()));
    client.on('close', end);
    client.on('error', end);
    server.on('error', () => down.afterSent(end));
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    downBytes: () => down.bytes,
    resetCounts: () => {
      down.bytes = 0;
      up.bytes = 0;
    },
    cutWithReset: resetAll,
    cutSilently: silenceAll,
    cutSilentlyOnNextAnswer(toPath = /^/) {
      cutOnNextAnswer = { how: 'silent', toPath };
    },
    cutWithResetOnNextAnswer(toPath = /^/) {
      cutOnNextAnswer = { how: 'reset', toPath };
    },
    isSilent: () => state === 'silent',
    restore() {
      note(null, 'restored');
      state = 'up';
    },
    connectionLog: () => [...log],
    mark: (event) => note(null, event),
    close: () =>
      new Promise<void>((resolve) => {
        for (const pair of open) {
          pair.client.destroy();
          pair.server.destroy();
        }
        proxy.close(() => resolve());
      }),
  };
}
