// @vitest-environment node
// The bench's fetch stands in for Node's own: it must answer as fetch does, in plain Node.
import { createServer, type Server } from 'node:http';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeHttpFetch } from './node-http-fetch.ts';

const text = JSON.stringify({ records: Array.from({ length: 200 }, (_, i) => `सखी ${i}`) });
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((request, answer) => {
    const pieces: Buffer[] = [];
    request.on('data', (piece: Buffer) => pieces.push(piece));
    request.on('end', () => {
      const sent = Buffer.concat(pieces).toString('utf8');
      if (request.url === '/br') {
        answer.writeHead(200, { 'content-encoding': 'br', 'x-seen': request.headers['x-tablet'] });
        answer.end(brotliCompressSync(text));
      } else if (request.url === '/gzip') {
        answer.writeHead(201, { 'content-encoding': 'gzip' });
        answer.end(gzipSync(text));
      } else if (request.url === '/echo') {
        answer.writeHead(200, { 'content-type': 'text/plain' });
        answer.end(`${request.method} ${sent}`);
      } else if (request.url === '/empty') {
        answer.writeHead(204);
        answer.end();
      } else if (request.url === '/slow') {
        setTimeout(() => answer.end('late'), 5_000).unref();
      } else {
        answer.writeHead(404);
        answer.end('no such page');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('the load bench fetch', () => {
  const send = nodeHttpFetch();

  it('unpacks brotli and gzip answers, keeping status and headers', async () => {
    const br = await send(`${base}/br`, { headers: { 'x-tablet': 'seven' } });
    expect(br.status).toBe(200);
    expect(br.headers.get('x-seen')).toBe('seven');
    expect(await br.text()).toBe(text);
    const gzip = await send(`${base}/gzip`, { method: 'POST', body: new Uint8Array([1, 2]) });
    expect(gzip.status).toBe(201);
    expect(await gzip.text()).toBe(text);
  });

  it('sends bytes and strings as the body, with the method asked for', async () => {
    const bytes = new TextEncoder().encode('{"a":"सखी"}');
    const fromBytes = await send(`${base}/echo`, { method: 'POST', body: bytes.buffer });
    expect(await fromBytes.text()).toBe('POST {"a":"सखी"}');
    const fromView = await send(new URL(`${base}/echo`), {
      method: 'PUT',
      body: bytes.subarray(1, 4),
    });
    expect(await fromView.text()).toBe('PUT "a"');
  });

  it('answers a refusal and an empty answer as fetch does', async () => {
    const missing = await send(`${base}/nowhere`);
    expect([missing.status, missing.ok, await missing.text()]).toEqual([
      404,
      false,
      'no such page',
    ]);
    const empty = await send(`${base}/empty`, { method: 'POST' });
    expect([empty.status, empty.body]).toEqual([204, null]);
  });

  it('gives up when its signal aborts, and when nothing listens', async () => {
    const controller = new AbortController();
    const waiting = send(`${base}/slow`, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(waiting).rejects.toThrow(/abort/i);
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const address = closed.address();
    await new Promise((resolve) => closed.close(resolve));
    const port = typeof address === 'object' && address ? address.port : 0;
    await expect(send(`http://127.0.0.1:${port}/`)).rejects.toThrow(/ECONNREFUSED/);
  });
});
