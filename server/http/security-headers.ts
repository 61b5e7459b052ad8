/**
 * Security headers for every response, through @fastify/helmet, and `no-store` on
 * every API answer.
 *
 * The Content-Security-Policy is written out in full (no helmet defaults) so a reader
 * sees all of it: the app, its service worker and its API all come from this one
 * origin, and nothing may load from anywhere else. That also keeps a ₹8,000 tablet on 2G
 * from ever waiting on a third-party host.
 */
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

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

export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: Object.fromEntries(
        Object.entries(CONTENT_SECURITY_POLICY).map(([name, sources]) => [name, [...sources]]),
      ),
    },
  });
  // API answers carry her case and staff's names: no browser or proxy cache may keep a
  // copy, errors included. The app shell has its own caching rules.
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/')) void reply.header('cache-control', 'no-store');
  });
}
