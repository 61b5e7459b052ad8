/**
 * A `fetch` for the load bench's tablets, over node:http with kept connections, that
 * resolves only once the whole answer has come and been decompressed.
 *
 * Why: in the load bench 200 tablets share one Node process and two cores with the
 * servers under test, where on the road each tablet has its own browser, whose fetch and
 * decompression are native code off the page's thread. Node's own fetch (undici) is
 * JavaScript: web streams, Headers, AbortSignals and a stream-fed decompressor per
 * request. Profiled during a run on PostgreSQL, that machinery was a third of the bench
 * process's time and its event loop was busy ~96% of the run, so every answer also
 * waited for the bench itself: its lateness is part of each time the bench reports. Here
 * a request is one node:http call on a kept socket, and a compressed answer is unpacked
 * in one call on libuv's pool, as the browser does it off the page's thread. The servers
 * see the same requests: same bodies, headers and `accept-encoding`.
 *
 * What a caller may rely on: the `Response` it resolves with holds the whole answer
 * (decoded; the headers as the server sent them), so the time at its resolve is the time
 * to the whole answer; `signal` aborts the request at any point, as fetch's does.
 */
import { Agent, request, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { promisify } from 'node:util';
import { brotliDecompress, gunzip } from 'node:zlib';

const unpack: Readonly<Record<string, (bytes: Buffer) => Promise<Buffer>>> = {
  br: promisify(brotliDecompress),
  gzip: promisify(gunzip),
};

/** Statuses whose Response may have no body. */
const bodilessStatuses = new Set([101, 204, 205, 304]);

/** One fetch for all the tablets of a run: its sockets are kept and shared, like undici's. */
export function nodeHttpFetch(): typeof fetch {
  const agent = new Agent({ keepAlive: true });
  return (input, init) =>
    new Promise<Response>((resolve, reject) => {
      const url = input instanceof Request ? input.url : String(input);
      const sent = request(
        url,
        {
          method: init?.method ?? 'GET',
          headers: headersOf(init?.headers),
          agent,
          signal: init?.signal ?? undefined,
        },
        (answer) => {
          const pieces: Buffer[] = [];
          answer.on('data', (piece: Buffer) => pieces.push(piece));
          answer.once('error', reject);
          answer.once('end', () => {
            decode(Buffer.concat(pieces), answer.headers['content-encoding'])
              .then((body) => resolve(responseOf(answer.statusCode ?? 0, answer.headers, body)))
              .catch(reject);
          });
        },
      );
      sent.once('error', reject);
      sent.end(bodyOf(init?.body));
    });
}

function headersOf(headers: HeadersInit | undefined): OutgoingHttpHeaders {
  if (headers === undefined) return {};
  if (headers instanceof Headers || Array.isArray(headers)) return Object.fromEntries(headers);
  return headers;
}

function bodyOf(body: BodyInit | null | undefined): Buffer | string | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  throw new TypeError('the bench fetch sends strings and bytes only');
}

async function decode(bytes: Buffer, encoding: string | undefined): Promise<Buffer> {
  if (encoding === undefined || encoding === 'identity' || bytes.length === 0) return bytes;
  const unpackWith = unpack[encoding];
  if (!unpackWith) throw new TypeError(`the bench fetch cannot decode ${encoding}`);
  return unpackWith(bytes);
}

function responseOf(status: number, headers: IncomingHttpHeaders, body: Buffer): Response {
  const kept = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) kept.append(name, one);
  }
  return new Response(bodilessStatuses.has(status) ? null : new Uint8Array(body), {
    status,
    headers: kept,
  });
}
