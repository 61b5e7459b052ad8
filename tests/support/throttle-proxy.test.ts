// @vitest-environment node
// The shaped link must deliver every byte in order even when the machine is busy: a slice
// out of place corrupts a script, and the browser tests then wait for a screen that never
// comes.
import { createHash, randomBytes } from 'node:crypto';
import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startThrottleProxy, type ThrottleProxy } from './throttle-proxy.ts';

const body = randomBytes(300_000);
let server: Server;
let proxy: ThrottleProxy;

beforeAll(async () => {
  server = createServer((_request, response) => response.end(body));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  proxy = await startThrottleProxy(new URL(`http://127.0.0.1:${port}`), {
    downKbitPerSecond: 4000,
    upKbitPerSecond: 2000,
    roundTripMs: 100,
  });
});

afterAll(async () => {
  await proxy.close();
  await new Promise((resolve) => server.close(resolve));
});

function download(url: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    get(url, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve(Buffer.concat(chunks)));
      response.on('error', reject);
    }).on('error', reject);
  });
}

const digest = (bytes: Buffer) => createHash('sha1').update(bytes).digest('hex');

it('delivers every byte in order while the event loop is held up now and then', async () => {
  // A loaded machine: the loop stalls for a few milliseconds at a time, so many slices
  // fall due at once.
  const stalls = setInterval(() => {
    const until = Date.now() + 3 + Math.random() * 8;
    while (Date.now() < until);
  }, 5);
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      expect(digest(await download(proxy.url))).toBe(digest(body));
    }
  } finally {
    clearInterval(stalls);
  }
}, 30_000);
