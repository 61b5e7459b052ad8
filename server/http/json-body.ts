/**
 * How request bodies are read: JSON only, as UTF-8 that decodes without loss, with no
 * NUL character and no lone surrogate in any string or key.
 *
 * What must hold: text the server stores is exactly the text the tablet sent, on SQLite
 * and PostgreSQL alike. A lenient decoder would store invalid bytes as U+FFFD; PostgreSQL
 * refuses NUL in text (a 500 at the insert, after the throttle had been passed) and
 * cannot hold a lone surrogate (server/services/stored-text.ts). So each is refused here,
 * 400, before any service runs. A gzip or brotli body is unpacked first (body-encoding.ts),
 * the route's body limit counting the unpacked bytes. Only a `\u` escape can bring either into strict UTF-8 JSON,
 * so the parsed body is walked only when its bytes hold one (`findJsonTextProblem`). `text/plain` is not a body this API reads: it is refused
 * 415 like any other type.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { refuseInvalidRequest } from '../services/service-error.ts';
import { decodeRequestBody } from './body-encoding.ts';
import { findJsonTextProblem } from '../services/stored-text.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Bodies kept as received, for routes that verify a signature over their bytes. */
const rawBodies = new WeakMap<FastifyRequest, Buffer>();

export interface JsonBodyOptions {
  /**
   * Keep each body's bytes (after any Content-Encoding is undone) for `rawBodyOf`. Only
   * in the plugin of a route that needs them: they double the body's memory.
   */
  keepRawBody?: boolean;
}

export function registerJsonBodies(app: FastifyInstance, options: JsonBodyOptions = {}): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, packed, done) => {
    const encoding = request.headers['content-encoding'];
    if (encoding === undefined) {
      parseBody(request, packed as Buffer, done);
      return;
    }
    decodeRequestBody(encoding, packed as Buffer, request.routeOptions.bodyLimit).then(
      (body) => parseBody(request, body, done),
      (error: unknown) => done(error as Error, undefined),
    );
  });

  function parseBody(
    request: FastifyRequest,
    body: Buffer,
    done: (error: Error | null, parsed: unknown) => void,
  ): void {
    let text: string;
    try {
      text = utf8.decode(body);
    } catch {
      done(refuseInvalidRequest('the body is not valid UTF-8'), undefined);
      return;
    }
    void parseJson(request, text, (error, parsed: unknown) => {
      if (error) {
        done(error, undefined);
        return;
      }
      const problem = findJsonTextProblem(body, parsed);
      if (problem) {
        done(refuseInvalidRequest(`a text holds ${problem}`), undefined);
        return;
      }
      if (options.keepRawBody) rawBodies.set(request, body);
      done(null, parsed);
    });
  }
}

/** The body's bytes as parsed, in a plugin registered with `keepRawBody`; null without a body. */
export function rawBodyOf(request: FastifyRequest): Buffer | null {
  return rawBodies.get(request) ?? null;
}
