/**
 * Which text the server can store exactly as sent, on SQLite and PostgreSQL alike: no NUL
 * character (PostgreSQL refuses it in text) and no lone surrogate (neither engine can hold
 * one, and a lenient encoder would store U+FFFD instead). Request bodies are checked with
 * it before any service runs (server/http/json-body.ts); a sealed push's boxes are checked
 * with it once opened (sealed-box.ts), since their text never passed the body check.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a parsed string cannot be stored as sent; undefined when it can. */
export function findTextProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'a NUL character';
  if (LONE_SURROGATE.test(text)) return 'a lone surrogate';
  return undefined;
}

/** The first problem in any string or key of parsed JSON; undefined when there is none. */
export function findTextProblemIn(value: unknown): string | undefined {
  if (typeof value === 'string') return findTextProblem(value);
  if (typeof value !== 'object' || value === null) return undefined;
  if (Array.isArray(value)) {
    for (const element of value) {
      const problem = findTextProblemIn(element);
      if (problem) return problem;
    }
    return undefined;
  }
  for (const [key, element] of Object.entries(value)) {
    const problem = findTextProblem(key) ?? findTextProblemIn(element);
    if (problem) return problem;
  }
  return undefined;
}

/**
 * `findTextProblemIn` of JSON that was read from strict UTF-8 (`json`, as bytes or text)
 * and parsed (`parsed`), without walking it when it cannot hold a problem. Neither can
 * arrive unescaped: strict UTF-8 has no encoding of a surrogate, and JSON allows no raw
 * NUL (a control character) in a string, nor anywhere outside one. Only a `\u` escape can
 * put either into a parsed string or key, so a body without the two characters `\u` is
 * free of both (a `\\u`, an escaped backslash before a u, only makes the walk run).
 */
export function findJsonTextProblem(json: Buffer | string, parsed: unknown): string | undefined {
  return json.includes('\\u') ? findTextProblemIn(parsed) : undefined;
}
