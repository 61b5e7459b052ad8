/**
 * Serves the built app (Vite's dist/) and its caching rules:
 * - `sw.js`, `index.html`, the manifest and icons: `no-cache` (revalidate every time), so
 *   an update reaches tablets on their next visit; the service worker then decides
 *   when to apply it.
 * - `assets/*`: hashed file names, so the content at a name never changes: cached a year,
 *   `immutable`. A page never asks for them again, but Chromium revalidates every import
 *   of a module worker when it installs, even one its HTTP cache holds: so they keep their
 *   ETag (~30 bytes), and that revalidation is a 304 instead of the whole file again (the
 *   store and zod alone are ~65 kB, ~11 s over 2G). They lose Last-Modified, which the
 *   ETag makes redundant: on 2G every header crosses the link with each of ~80 files.
 * No `Accept-Ranges`: nothing here is large enough to fetch in pieces.
 * Any other GET that is not a file and not under /api is a deep link into the app and
 * gets index.html, where the app's router takes over.
 */
import { relative, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_BY_CODE, errorBody } from './api-errors.ts';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

export async function registerAppShell(app: FastifyInstance, staticDir: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: staticDir,
    cacheControl: false,
    // Vite's output is all we serve: no directory listings, no dotfiles.
    list: false,
    dotfiles: 'ignore',
    acceptRanges: false,
    // The build writes a brotli copy of each script and style at the best quality
    // (scripts/precompress-assets.ts): sent as it is to a browser that accepts brotli, it
    // is ~15% smaller than compressing on the fly. Other files and encodings are
    // compressed per request as before.
    preCompressed: true,
    setHeaders: (reply, filePath) => {
      const isHashedAsset = relative(staticDir, filePath).split(sep)[0] === 'assets';
      reply.header('cache-control', isHashedAsset ? IMMUTABLE : REVALIDATE);
      if (isHashedAsset) reply.removeHeader('last-modified');
    },
  });
}

export function handleNotFound(
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> | FastifyReply {
  if (isAppRoute(request)) return reply.sendFile('index.html');
  return reply.code(STATUS_BY_CODE.not_found).send(errorBody('not_found'));
}

function isAppRoute(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const path = request.url.split('?', 1)[0] ?? '/';
  if (path === '/api' || path.startsWith('/api/')) return false;
  // A missing file (say, an old hashed bundle) must be a real 404: answered with
  // index.html, the service worker would precache HTML under a script's name.
  const lastSegment = path.slice(path.lastIndexOf('/') + 1);
  return !lastSegment.includes('.');
}
