/**
 * How request bodies are read: JSON only, as UTF-8 that decodes without loss, with no
 * NUL character and no lone surrogate in any string or key.
 *
 * What must hold: text the server stores is exactly the text the tablet sent, on SQLite
 * and PostgreSQL alike. A lenient decoder would store invalid bytes as U+FFFD; PostgreSQL
 * refuses NUL in text (a 500 at the insert, after the throttle had been passed) and
 * cannot hold a lone surrogate. So each is refused here, 400, before any service runs.
 * `text/plain` is not a body this API reads: it is refused 415 like any other type.
 */
import type { FastifyInstance } from 'fastify';
import { refuseInvalidRequest } from '../services/service-error.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a parsed string cannot be stored as sent; undefined when it can. */
export function findTextProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'a NUL character';
  if (LONE_SURROGATE.test(text)) return 'a lone surrogate';
  return undefined;
}

function findProblemIn(value: unknown): string | undefined {
  if (typeof value === 'string') return findTextProblem(value);
  if (typeof value !== 'object' || value === null) return undefined;
  if (Array.isArray(value)) {
    for (const element of value) {
      const problem = findProblemIn(element);
      if (problem) return problem;
    }
    return undefined;
  }
  for (const [key, element] of Object.entries(value)) {
    const problem = findTextProblem(key) ?? findProblemIn(element);
    if (problem) return problem;
  }
  return undefined;
}

export function registerJsonBodies(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = utf8.decode(body as Buffer);
    } catch {
      done(refuseInvalidRequest('the body is not valid UTF-8'), undefined);
      return;
    }
    void parseJson(request, text, (error, parsed: unknown) => {
      if (error) {
        done(error, undefined);
        return;
      }
      const problem = findProblemIn(parsed);
      if (problem) done(refuseInvalidRequest(`a text holds ${problem}`), undefined);
      else done(null, parsed);
    });
  });
}
