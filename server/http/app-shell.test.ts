// @vitest-environment node
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FAKE_ASSET_BODY,
  FAKE_ASSET_PATH,
  FAKE_INDEX_HTML,
  createAppUnderTest,
  fakeAssetBrotli,
  type AppUnderTest,
} from '../../tests/support/app-under-test.ts';

// One server for the file: every test only reads the built app it serves.
let subject: AppUnderTest;

beforeAll(async () => {
  subject = await createAppUnderTest();
});

afterAll(() => subject?.close());

const get = (url: string, method: 'GET' | 'HEAD' = 'GET') =>
  subject.app.inject({ method, url, headers: { 'accept-encoding': 'identity' } });

describe('the built app', () => {
  it('serves index.html at / and never lets a cache keep it unchecked', async () => {
    const response = await get('/');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.body).toBe(FAKE_INDEX_HTML);
  });

  it.each([
    '/cases',
    '/cases/0190b5a4-7c2e-7000-8000-000000000001',
    '/reports/monthly?month=2026-03',
  ])('answers the deep link %s with index.html', async (url) => {
    const response = await get(url);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.body).toBe(FAKE_INDEX_HTML);
  });

  it('answers HEAD on a deep link too', async () => {
    const response = await get('/cases/1', 'HEAD');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
  });

  it('serves sw.js and the manifest with no-cache, so updates are seen at once', async () => {
    for (const url of ['/sw.js', '/manifest.webmanifest']) {
      const response = await get(url);
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe('no-cache');
    }
    expect((await get('/sw.js')).headers['content-type']).toMatch(/javascript/);
  });

  it('lets hashed assets be cached for a year, with one validator and not two', async () => {
    const response = await get(FAKE_ASSET_PATH);
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(typeof response.headers.etag).toBe('string');
    expect(response.headers['last-modified']).toBeUndefined();
    expect(response.body).toBe(FAKE_ASSET_BODY);
  });

  it('offers no byte ranges: every file is small enough to fetch whole', async () => {
    for (const url of ['/', '/sw.js', FAKE_ASSET_PATH]) {
      expect((await get(url)).headers['accept-ranges'], url).toBeUndefined();
    }
  });

  it('answers a missing file with 404, never with index.html', async () => {
    for (const url of ['/assets/index-Old00000.js', '/icon-1024.png']) {
      const response = await get(url);
      expect(response.statusCode).toBe(404);
      expect(response.body).not.toContain('<html');
    }
  });

  it('never serves the database beside the built app', async () => {
    // In a checkout, data/ (the SQLite file) sits next to dist/, as it does here.
    for (const url of [
      '/../data/sakhi.sqlite',
      '/%2e%2e/data/sakhi.sqlite',
      '/..%2fdata%2fsakhi.sqlite',
    ]) {
      const response = await get(url);
      expect(response.statusCode, url).not.toBe(200);
      expect(response.body, url).not.toContain('SQLite format');
    }
  });
});

describe('a script as a browser asks for it', () => {
  const withEncoding = (encoding: string, headers: Record<string, string> = {}) =>
    subject.app.inject({
      method: 'GET',
      url: FAKE_ASSET_PATH,
      headers: { 'accept-encoding': encoding, ...headers },
    });

  it('sends the brotli copy the build wrote, as it is, still cached a year', async () => {
    const response = await withEncoding('gzip, deflate, br');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['content-type']).toMatch(/javascript/);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(String(response.headers.vary)).toMatch(/accept-encoding/i);
    expect(response.rawPayload).toEqual(await fakeAssetBrotli());
    expect(brotliDecompressSync(response.rawPayload).toString()).toBe(FAKE_ASSET_BODY);
  });

  it('answers its revalidation with 304, as the worker install asks', async () => {
    const first = await withEncoding('br');
    const again = await withEncoding('br', { 'if-none-match': String(first.headers.etag) });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
  });

  it('compresses it on the fly for a browser without brotli', async () => {
    const response = await withEncoding('gzip');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(response.rawPayload).toString()).toBe(FAKE_ASSET_BODY);
  });
});

describe('a revisit on a slow link', () => {
  // Compressed as a browser asks: the validators must survive compression, or a revisit
  // downloads sw.js (~90 kB) again instead of a 304 of a few hundred bytes.
  const revisit = (url: string, headers: Record<string, string>) =>
    subject.app.inject({
      method: 'GET',
      url,
      headers: { 'accept-encoding': 'br, gzip', ...headers },
    });

  it.each(['/sw.js', '/', '/manifest.webmanifest'])(
    'answers %s with 304 and no body when nothing changed',
    async (url) => {
      const first = await revisit(url, {});
      expect(first.statusCode).toBe(200);
      const etag = first.headers.etag;
      const lastModified = first.headers['last-modified'];
      expect(typeof etag).toBe('string');
      expect(typeof lastModified).toBe('string');

      const byTag = await revisit(url, { 'if-none-match': String(etag) });
      expect(byTag.statusCode).toBe(304);
      expect(byTag.rawPayload.length).toBe(0);
      const byDate = await revisit(url, { 'if-modified-since': String(lastModified) });
      expect(byDate.statusCode).toBe(304);
    },
  );

  // Chromium asks again for each import of a module worker when it installs, with the
  // ETag the page's copy came with: the store and zod must not cross the link twice.
  it('answers a hashed asset asked for again with its ETag with 304 and no body', async () => {
    const first = await revisit(FAKE_ASSET_PATH, {});
    expect(first.statusCode).toBe(200);
    const again = await revisit(FAKE_ASSET_PATH, { 'if-none-match': String(first.headers.etag) });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
    expect(again.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });
});
