/**
 * Undoes a request body's Content-Encoding (gzip or brotli) in one call on the bytes
 * already read, instead of @fastify/compress's stream over the request.
 *
 * Why: a tablet gzips every push. The stream put a zlib transform between the socket and
 * the body reader, and under 200 tablets its JavaScript side (a transform per request, a
 * trip to libuv's pool per 16 kB chunk, the stream's events) was ~9% of the server's
 * event loop in a CPU profile, more than the records' inserts. A push body is small once
 * packed (a centre's day: a few kB), so it is unpacked here at once, on the event loop,
 * which costs less than handing it to the pool and back; a larger body goes to the pool
 * in one call, with chunks large enough that it returns once.
 *
 * What must always hold:
 * - The limit counts UNPACKED bytes: unpacking stops as soon as the output passes the
 *   limit and the body is refused 413, so a small "zip bomb" never fills memory. The
 *   packed bytes are capped by the same limit before this runs (Fastify counts what it
 *   reads from the socket).
 * - Only gzip and brotli are read; any other Content-Encoding is refused 415, bytes that
 *   do not unpack are refused 400. Nothing is parsed or written for a refused body.
 */
import { promisify } from 'node:util';
import { brotliDecompress, brotliDecompressSync, gunzip, gunzipSync } from 'node:zlib';
import { ServiceError, refuseInvalidRequest } from '../services/service-error.ts';

/**
 * Packed bodies up to this size are unpacked on the event loop, where a small one costs
 * less than the pool's round trip costs the loop (a push of a centre's day packs to a few
 * kB). The worst case is bounded by the limit: unpacking stops past 1 MB, and 1 MB of
 * case JSON packed to 24 kB unpacked in ~3.5 ms on the shared 2-CPU machine under load.
 * Above this size, libuv's pool.
 */
export const UNPACK_ON_LOOP_BYTES = 32 * 1024;

/** Output chunk of the pool's call: a whole body in one trip for all but the largest. */
const POOL_CHUNK_BYTES = 256 * 1024;

const gunzipOnPool = promisify(gunzip);
const brotliOnPool = promisify(brotliDecompress);

/**
 * The body's bytes with `encoding` undone; `encoding` as the request's header gave it
 * (undefined: sent as it is). Throws a ServiceError for a refused body.
 */
export async function decodeRequestBody(
  encoding: string | undefined,
  body: Buffer,
  limitBytes: number,
): Promise<Buffer> {
  if (encoding === undefined) return body;
  if (encoding !== 'gzip' && encoding !== 'br') throw new ServiceError('unsupported_media_type');
  // One byte past the limit: a body of exactly the limit is allowed, one byte more is not.
  const options = { maxOutputLength: limitBytes + 1 };
  try {
    const unpacked =
      body.length <= UNPACK_ON_LOOP_BYTES
        ? encoding === 'gzip'
          ? gunzipSync(body, options)
          : brotliDecompressSync(body, options)
        : await (encoding === 'gzip' ? gunzipOnPool : brotliOnPool)(body, {
            ...options,
            chunkSize: POOL_CHUNK_BYTES,
          });
    if (unpacked.length > limitBytes) throw new ServiceError('payload_too_large');
    return unpacked;
  } catch (error) {
    if (error instanceof ServiceError) throw error;
    if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new ServiceError('payload_too_large');
    }
    throw refuseInvalidRequest(`the body is not valid ${encoding === 'br' ? 'brotli' : 'gzip'}`);
  }
}
