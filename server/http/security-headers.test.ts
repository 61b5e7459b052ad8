// @vitest-environment node
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  FAKE_ASSET_PATH,
  createAppUnderTest,
  type AppUnderTest,
} from '../../tests/support/app-under-test.ts';

let subject: AppUnderTest;

beforeEach(async () => {
  subject = await createAppUnderTest();
  // Beside the fake build: a style sheet and an icon as Vite's public/ gives them, and an
  // SVG, which a browser can open as a document (with scripts) of its own.
  writeFileSync(join(subject.staticDir, 'boot.css'), 'body{margin:0}\n');
  writeFileSync(join(subject.staticDir, 'icon-192.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  writeFileSync(join(subject.staticDir, 'badge.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
});

afterEach(async () => {
  await subject.close();
});

const get = (url: string, headers: Record<string, string> = {}) =>
  subject.app.inject({
    method: 'GET',
    url,
    headers: { 'accept-encoding': 'br, gzip', ...headers },
  });

/** What only a document or a worker acts on: never needed on a file a page loads. */
const DOCUMENT_HEADERS = [
  'content-security-policy',
  'cross-origin-opener-policy',
  'origin-agent-cluster',
  'referrer-policy',
  'strict-transport-security',
  'x-dns-prefetch-control',
  'x-download-options',
  'x-frame-options',
  'x-permitted-cross-domain-policies',
  'x-xss-protection',
];

function expectFullSet(headers: Record<string, unknown>, url: string): void {
  const csp = String(headers['content-security-policy']);
  for (const directive of [
    "default-src 'self'",
    "script-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "frame-ancestors 'none'",
  ]) {
    expect(csp, url).toContain(directive);
  }
  expect(csp, url).not.toMatch(/https?:|unsafe-eval|\*/);
  for (const name of DOCUMENT_HEADERS) expect(headers[name], `${url}: ${name}`).toBeDefined();
  expect(headers['referrer-policy'], url).toBe('no-referrer');
  expect(headers['x-frame-options'], url).toBe('SAMEORIGIN');
  expect(headers['cross-origin-opener-policy'], url).toBe('same-origin');
  expect(headers['x-content-type-options'], url).toBe('nosniff');
  expect(headers['cross-origin-resource-policy'], url).toBe('same-origin');
}

describe('documents, the worker script and the API', () => {
  it.each([
    '/',
    '/index.html',
    '/cases/0190b5a4-7c2e-7000-8000-000000000001',
    '/reports/monthly?month=2026-03',
    '/sw.js',
    '/badge.svg',
    '/api/health',
    '/api/missing',
    '/api/sync/pull',
  ])('%s carries the full set, with a same-origin-only CSP', async (url) => {
    const response = await get(url);
    expectFullSet(response.headers, url);
  });

  it.each(['/', '/sw.js'])('%s keeps the full set on a 304 as well', async (url) => {
    const first = await get(url);
    const revisit = await get(url, { 'if-none-match': String(first.headers.etag) });
    expect(revisit.statusCode).toBe(304);
    expectFullSet(revisit.headers, url);
  });
});

describe('files a page loads', () => {
  it.each([FAKE_ASSET_PATH, '/boot.css', '/icon-192.png', '/manifest.webmanifest'])(
    '%s carries only what acts on a subresource',
    async (url) => {
      const response = await get(url);
      expect(response.statusCode, url).toBe(200);
      for (const name of DOCUMENT_HEADERS)
        expect(response.headers[name], `${url}: ${name}`).toBe(undefined);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['cross-origin-resource-policy']).toBe('same-origin');
      expect(response.headers['content-type']).toBeDefined();
      expect(response.headers['cache-control']).toBeDefined();
    },
  );

  it('saves most of a kilobyte on each of them', async () => {
    const headerBytes = (headers: Record<string, unknown>) =>
      Object.entries(headers).reduce(
        (total, [name, value]) => total + `${name}: ${String(value)}\r\n`.length,
        0,
      );
    const asset = headerBytes((await get(FAKE_ASSET_PATH)).headers);
    const page = headerBytes((await get('/')).headers);
    expect(asset).toBeLessThan(400);
    expect(page - asset).toBeGreaterThan(500);
  });

  it('keeps nosniff on a missing file too', async () => {
    const response = await get('/assets/index-Old00000.js');
    expect(response.statusCode).toBe(404);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });
});
