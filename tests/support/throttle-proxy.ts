/**
 * A TCP proxy on 127.0.0.1 shaped like a district centre's link: bandwidth each way
 * (shared by every connection, as one radio link is), a delay each way, and two ways to
 * lose it — a cut with a reset (the tablet hears at once) and a silent cut (bytes stop,
 * nobody closes anything, as when the tower drops the tablet). After a silent cut the
 * connections it caught stay silent forever; new ones work once `restore` is called.
 * `cutSilentlyOnNextAnswer` times the silent cut to the server's next answer: the request
 * arrived and was handled, and the tablet never hears back.
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
  /** Goes silent the moment the server next starts to answer, before any of it crosses. */
  cutSilentlyOnNextAnswer(): void;
  restore(): void;
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
  const open = new Set<{ client: Socket; server: Socket; isSilenced: boolean }>();
  let state: 'up' | 'silent' = 'up';
  let isCutOnNextAnswer = false;
  const silenceAll = () => {
    state = 'silent';
    for (const pair of open) pair.isSilenced = true;
  };

  const proxy = createServer((client) => {
    const server = connect(Number(target.port), target.hostname);
    const pair = { client, server, isSilenced: state === 'silent' };
    open.add(pair);
    const pass = (from: Socket, to: Socket, direction: Direction) =>
      from.on('data', (chunk: Buffer) => {
        if (pair.isSilenced) return;
        direction.send(chunk, (slice) => {
          if (!pair.isSilenced && !to.destroyed) to.write(slice);
        });
      });
    pass(client, server, up);
    server.prependListener('data', () => {
      if (!isCutOnNextAnswer) return;
      isCutOnNextAnswer = false;
      silenceAll();
    });
    pass(server, client, down);
    const end = () => {
      open.delete(pair);
      client.destroy();
      server.destroy();
    };
    server.on('end', () => down.afterSent(() => pair.isSilenced || client.end()));
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
    cutWithReset() {
      for (const pair of open) {
        pair.client.resetAndDestroy();
        pair.server.destroy();
      }
      open.clear();
    },
    cutSilently: silenceAll,
    cutSilentlyOnNextAnswer() {
      isCutOnNextAnswer = true;
    },
    restore() {
      state = 'up';
    },
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
