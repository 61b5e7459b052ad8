/**
 * A small HTTP proxy on 127.0.0.1 between a tablet and the server that does to each
 * request what a district's link does: passes it, delays it, loses the answer after the
 * server did the work, cuts the upload before the server sees it, cuts it halfway, or
 * delivers it twice. The fate of each request comes from the caller, so a seeded random
 * makes a run repeatable.
 */
import { createServer, request as forward, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export const fates = [
  'pass',
  'delay',
  'answer-lost',
  'cut-upload',
  'truncated-upload',
  'duplicated',
] as const;
export type Fate = (typeof fates)[number];

export interface FaultProxy {
  readonly url: string;
  /** How many requests met each fate. */
  readonly counts: Record<Fate, number>;
  close(): Promise<void>;
}

interface Answer {
  status: number;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

function send(
  target: URL,
  incoming: IncomingMessage,
  body: Buffer,
  options: { truncate?: boolean } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = forward(
      {
        host: target.hostname,
        port: target.port,
        method: incoming.method,
        path: incoming.url,
        headers: { ...incoming.headers, host: target.host },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 502,
            headers: response.headers,
            body: Buffer.concat(chunks),
          }),
        );
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    if (options.truncate) {
      // Half the body under the full Content-Length, then the connection drops.
      outgoing.write(body.subarray(0, Math.floor(body.length / 2)));
      setTimeout(() => {
        outgoing.destroy();
        reject(new Error('upload cut halfway'));
      }, 20);
      return;
    }
    outgoing.end(body);
  });
}

export async function startFaultProxy(
  targetUrl: string,
  chooseFate: () => Fate,
): Promise<FaultProxy> {
  const target = new URL(targetUrl);
  const counts = Object.fromEntries(fates.map((fate) => [fate, 0])) as Record<Fate, number>;
  const proxy = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      const fate = chooseFate();
      counts[fate] += 1;
      const reply = (answer: Answer) => {
        outgoing.writeHead(answer.status, answer.headers);
        outgoing.end(answer.body);
      };
      const drop = () => outgoing.socket?.destroy();
      const run = async () => {
        switch (fate) {
          case 'pass':
            return reply(await send(target, incoming, body));
          case 'delay':
            await new Promise((resolve) => setTimeout(resolve, 300));
            return reply(await send(target, incoming, body));
          case 'answer-lost':
            await send(target, incoming, body);
            return drop();
          case 'cut-upload':
            return drop();
          case 'truncated-upload':
            await send(target, incoming, body, { truncate: true }).catch(() => undefined);
            return drop();
          case 'duplicated':
            await send(target, incoming, body).catch(() => undefined);
            return reply(await send(target, incoming, body));
        }
      };
      // A server that is down, or cut off, is a dropped connection to the tablet.
      run().catch(drop);
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        proxy.closeAllConnections();
        proxy.close(() => resolve());
      }),
  };
}
