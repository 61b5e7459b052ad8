/**
 * A large JSON answer (a pull page: up to ~1 MB of JSON), serialised once and compressed
 * off the event loop.
 *
 * Why not leave it to @fastify/compress: for a string answer it first counts the string's
 * UTF-8 bytes, then turns it into a stream of chunks that cross into zlib one by one, all
 * on the main thread; on a pull page of Hindi text that cost more main-thread time than
 * reading the page from the database, and every other request waited behind it. Here the
 * text becomes bytes once and goes to zlib's one-shot call, which runs on libuv's pool.
 *
 * What must always hold:
 * - The body, once decompressed, is exactly `JSON.stringify(answer)`: the bytes Fastify's
 *   own serialiser would send (compressed-json.test.ts compares them).
 * - Only an encoding the client accepts is used; otherwise the JSON goes as it is. An
 *   answer sent here already carries Content-Encoding, so @fastify/compress leaves it alone.
 */
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Below this an answer goes uncompressed, as @fastify/compress's default threshold. */
export const COMPRESS_FROM_BYTES = 1024;

/**
 * Brotli 4 is @fastify/compress's default: within a few per cent of the best size on
 * JSON at a fraction of quality 11's time, which would hold a pool thread for seconds.
 */
const BROTLI_QUALITY = 4;

const compressBrotli = promisify(brotliCompress);
const compressGzip = promisify(gzip);

export type AnswerEncoding = 'br' | 'gzip';

/**
 * The encoding to answer with from an Accept-Encoding header: the highest `q` of brotli
 * and gzip (`*` stands for either), brotli on a tie; null for none (send it as it is).
 */
export function chooseAnswerEncoding(acceptEncoding: string | undefined): AnswerEncoding | null {
  if (!acceptEncoding) return null;
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name = '', ...parameters] = part.split(';').map((piece) => piece.trim());
    const q = parameters.find((parameter) => /^q=/i.test(parameter));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    if (name && Number.isFinite(weight)) weights.set(name.toLowerCase(), weight);
  }
  const weightOf = (encoding: AnswerEncoding) => weights.get(encoding) ?? weights.get('*') ?? 0;
  const [br, gz] = [weightOf('br'), weightOf('gzip')];
  if (br <= 0 && gz <= 0) return null;
  return br >= gz ? 'br' : 'gzip';
}

/** `json` compressed for the wire; the work runs on libuv's thread pool. */
export function compressJson(json: Buffer, encoding: AnswerEncoding): Promise<Buffer> {
  if (encoding === 'gzip') return compressGzip(json);
  return compressBrotli(json, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: json.length,
    },
  });
}

/** Sends `answer` as JSON, compressed as the client accepts; returns the reply for Fastify. */
export async function sendCompressedJson(
  request: FastifyRequest,
  reply: FastifyReply,
  answer: unknown,
): Promise<FastifyReply> {
  const json = Buffer.from(JSON.stringify(answer));
  reply.header('content-type', 'application/json; charset=utf-8');
  reply.header('vary', 'accept-encoding');
  const encoding = chooseAnswerEncoding(request.headers['accept-encoding']);
  if (encoding === null || json.length < COMPRESS_FROM_BYTES) return reply.send(json);
  const body = await compressJson(json, encoding);
  reply.header('content-encoding', encoding);
  return reply.send(body);
}
