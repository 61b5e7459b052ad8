// @vitest-environment node
// Engine-independent: the limits live in Node's http server, before any query.
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../app.ts';
import { openDatabase, type OpenDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { createServerSecrets } from '../services/server-secrets.ts';
import type { ConnectionLimits } from './connection-limits.ts';

const LIMITS: ConnectionLimits = {
  headersTimeoutMs: 1_000,
  requestTimeoutMs: 1_500,
  // Longer than the test's gaps between bytes, so only the request deadline can cut them.
  idleTimeoutMs: 5_000,
  keepAliveTimeoutMs: 1_000,
  checkIntervalMs: 100,
  unauthenticatedPerAddress: 4,
};

let root: string;
let database: OpenDatabase;
let app: FastifyInstance;
let port: number;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'sakhi-limits-'));
  database = openDatabase({ dialect: 'sqlite', file: join(root, 'sakhi.sqlite') });
  await migrateToLatest(database.db);
  app = await buildServer({
    db: database.db,
    dialect: 'sqlite',
    demo: false,
    staticDir: root,
    logger: false,
    connectionLimits: LIMITS,
    secrets: createServerSecrets(),
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  port = typeof address === 'object' && address ? address.port : 0;
});

afterAll(async () => {
  await app.close();
  await database.close();
  rmSync(root, { recursive: true, force: true });
});

function openSocket(): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Resolves with the milliseconds until the server ends the socket. */
function timeUntilClosed(socket: Socket, startedAt: number): Promise<number> {
  return new Promise((resolve) => {
    socket.on('error', () => undefined);
    // A paused socket never reads the server's end, so it would never close.
    socket.resume();
    socket.once('close', () => resolve(Date.now() - startedAt));
  });
}

async function healthStatus(): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${port}/api/health`);
  return response.status;
}

describe('slow and idle clients', () => {
  it('cuts a request whose body trickles in, while a normal request is served meanwhile', async () => {
    const slow = await openSocket();
    const startedAt = Date.now();
    const closed = timeUntilClosed(slow, startedAt);
    slow.write(
      'POST /api/auth/sign-in HTTP/1.1\r\nHost: sakhi\r\n' +
        'Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{',
    );
    const trickle = setInterval(() => slow.write(' '), 200);
    try {
      expect(await healthStatus()).toBe(200);
      const elapsed = await closed;
      expect(elapsed).toBeGreaterThanOrEqual(LIMITS.requestTimeoutMs - 100);
      expect(elapsed).toBeLessThan(LIMITS.requestTimeoutMs + 1_500);
    } finally {
      clearInterval(trickle);
      slow.destroy();
    }
  });

  it('closes a socket that never finishes its headers', async () => {
    const silent = await openSocket();
    silent.write('GET /api/health HTTP/1.1\r\nHost: sakhi\r\n');
    const elapsed = await timeUntilClosed(silent, Date.now());
    expect(elapsed).toBeLessThan(LIMITS.headersTimeoutMs + 1_500);
  });

  it('refuses one address more sockets without a session than the cap, and serves it again once they close', async () => {
    const held = await Promise.all(
      Array.from({ length: LIMITS.unauthenticatedPerAddress }, () => openSocket()),
    );
    try {
      const extra = await openSocket();
      const elapsed = await timeUntilClosed(extra, Date.now());
      expect(elapsed).toBeLessThan(500);
      await expect(healthStatus()).rejects.toThrow();
    } finally {
      for (const socket of held) socket.destroy();
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await healthStatus()).toBe(200);
  });
});
