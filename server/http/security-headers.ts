/**
 * Security headers, through @fastify/helmet, and `no-store` on every API answer.
 *
 * The Content-Security-Policy is written out in full (no helmet defaults) so a reader
 * sees all of it: the app, its service worker and its API all come from this one
 * origin, and nothing may load from anywhere else. That also keeps a ₹8,000 tablet on 2G
 * from ever waiting on a third-party host.
 *
 * Which answer carries which headers. Helmet's full set is ~0.9 kB, and a first visit
 * makes ~90 requests before the app works offline: on a 50 kbit/s link that set alone
 * would be ~14 s. Most of it only means something on a document or a worker script:
 * - Content-Security-Policy governs the document (or worker) that a response creates; a
 *   script, style sheet, image or manifest that a page loads runs under the page's
 *   policy, and the policy on its own response is ignored. A worker's policy comes with
 *   its script, so `sw.js` keeps it.
 * - X-Frame-Options, Cross-Origin-Opener-Policy, Origin-Agent-Cluster, Referrer-Policy,
 *   X-DNS-Prefetch-Control, X-Download-Options and X-XSS-Protection act on a document
 *   (framing it, its browsing context, the requests it makes, a download of it);
 *   X-Permitted-Cross-Domain-Policies on policy files for Flash and PDF readers.
 * - Strict-Transport-Security is noted from any answer over HTTPS, and answers that keep
 *   it keep coming: the first visit's page, then on every visit the worker's update check
 *   of `sw.js` and each sync (/api/*). Production's TLS proxy sends it too.
 * So every document (index.html, at / and at every deep link), `sw.js` and every API
 * answer carries the full set. The app's static files (the types in `SUBRESOURCE_TYPES`)
 * keep what acts on a subresource: `X-Content-Type-Options: nosniff` (a script or a
 * style sheet runs only with its own type) and `Cross-Origin-Resource-Policy:
 * same-origin` (no other site may load them into its own process). A file type not in
 * that list, HTML or SVG say, can be opened as a document, and gets the full set.
 */
import helmet from '@fastify/helmet';
import type { FastifyInstance, FastifyRequest } from 'fastify';

export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  // Preact sets inline styles through the CSSOM (element.style), which CSP does not
  // govern, so no 'unsafe-inline' is needed; the browser test fails if that changes.
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'worker-src': ["'self'"],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'script-src-attr': ["'none'"],
  // No 'upgrade-insecure-requests': the demo runs on plain http://127.0.0.1, and
  // production TLS is the reverse proxy's job (which also sends HSTS to browsers).
} as const satisfies Record<string, readonly string[]>;

/** File types a page only ever loads as subresources: none of them can become a document. */
const SUBRESOURCE_TYPES = ['.js', '.css', '.png', '.webp', '.ico', '.woff2', '.webmanifest'];

/** The service worker's script: a worker takes its policy from its script's answer. */
const WORKER_SCRIPT_PATH = '/sw.js';

/** Answers that carry only the subresource headers (see the header of this file). */
export function isSubresourceRequest(request: Pick<FastifyRequest, 'url'>): boolean {
  const path = request.url.split('?', 1)[0] ?? '/';
  if (path === '/api' || path.startsWith('/api/') || path === WORKER_SCRIPT_PATH) return false;
  const lastSegment = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  return SUBRESOURCE_TYPES.some((type) => lastSegment.endsWith(type));
}

export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    // Applied per answer below, not to every route.
    global: false,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: Object.fromEntries(
        Object.entries(CONTENT_SECURITY_POLICY).map(([name, sources]) => [name, [...sources]]),
      ),
    },
  });
  // Registered after helmet, whose own onRequest hook gives the reply its `helmet()`.
  app.addHook('onRequest', async (request, reply) => {
    if (isSubresourceRequest(request)) {
      void reply.header('x-content-type-options', 'nosniff');
      void reply.header('cross-origin-resource-policy', 'same-origin');
    } else {
      reply.helmet();
    }
  });
  // API answers carry her case and staff's names: no browser or proxy cache may keep a
  // copy, errors included. The app shell has its own caching rules.
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/')) void reply.header('cache-control', 'no-store');
  });
}
