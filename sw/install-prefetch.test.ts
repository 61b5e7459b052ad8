// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createInstallPrefetch } from './install-prefetch.ts';

const base = 'https://sakhi.test/sw.js';
const at = (path: string) => new URL(path, base).href;

/** Workbox's call of the plugin for one of its install fetches (or another event's). */
function askAsWorkbox(
  prefetch: ReturnType<typeof createInstallPrefetch>,
  request: Request,
  eventType = 'install',
): Promise<Request> {
  const willFetch = prefetch.plugin.requestWillFetch as unknown as (param: {
    request: Request;
    event: { type: string };
  }) => Promise<Request>;
  return willFetch({ request, event: { type: eventType } });
}

describe('the install, all at once', () => {
  it('fetches every file not stored, several at once, in order, each once, past a failure', async () => {
    const manifest = [
      { url: 'index.html', revision: 'abc' },
      ...Array.from({ length: 14 }, (_, i) => ({ url: `assets/chunk-${i}.js`, revision: null })),
      'assets/stored-1.js',
    ];
    const fetched: { url: string; cache: RequestCache }[] = [];
    let inFlight = 0;
    let mostInFlight = 0;
    const prefetch = createInstallPrefetch(manifest, base, async (url, cache) => {
      inFlight++;
      mostInFlight = Math.max(mostInFlight, inFlight);
      fetched.push({ url, cache });
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      if (url.endsWith('-3.js')) throw new TypeError('link cut');
      return true;
    });
    await prefetch.run((url) => Promise.resolve(url.includes('stored-')));
    expect(fetched.map((file) => file.url)).toEqual(
      [manifest[0]!, ...manifest.slice(1, 15)].map((entry) =>
        at(typeof entry === 'string' ? entry : entry.url),
      ),
    );
    expect(fetched[0]).toEqual({ url: at('index.html'), cache: 'reload' });
    expect(fetched.slice(1).every((file) => file.cache === 'default')).toBe(true);
    expect(mostInFlight).toBe(6);
  });

  it('holds Workbox’s fetch of a file until its early fetch is done, then takes that copy', async () => {
    let finishEarly: (isOk: boolean) => void = () => undefined;
    const prefetch = createInstallPrefetch([{ url: 'index.html', revision: 'abc' }], base, () => {
      return new Promise<boolean>((resolve) => (finishEarly = resolve));
    });
    const running = prefetch.run(() => Promise.resolve(false));
    let asked: Request | undefined;
    const workbox = askAsWorkbox(prefetch, new Request(at('index.html'), { cache: 'reload' })).then(
      (request) => (asked = request),
    );
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(asked).toBeUndefined();
    finishEarly(true);
    await workbox;
    await running;
    expect(asked?.url).toBe(at('index.html'));
    expect(asked?.cache).toBe('force-cache');
  });

  it('never takes a copy this install did not fetch fresh', async () => {
    const prefetch = createInstallPrefetch(
      [
        { url: 'index.html', revision: 'abc' },
        { url: 'boot.css', revision: 'def' },
      ],
      base,
      (url) => (url.endsWith('.html') ? Promise.resolve(false) : Promise.reject(new TypeError())),
    );
    await prefetch.run(() => Promise.resolve(false));
    for (const path of ['index.html', 'boot.css']) {
      const asked = await askAsWorkbox(prefetch, new Request(at(path), { cache: 'reload' }));
      expect(asked.cache, path).toBe('reload');
    }
  });

  it('leaves a hashed file’s fetch to the HTTP cache, and fetches outside the install alone', async () => {
    let early = 0;
    const prefetch = createInstallPrefetch(['assets/index-1.js'], base, () => {
      early++;
      return Promise.resolve(true);
    });
    // Another event's fetch, before any install: answered at once, unchanged.
    const outside = await askAsWorkbox(prefetch, new Request(at('index.html')), 'fetch');
    expect(outside.cache).toBe('default');
    await prefetch.run(() => Promise.resolve(false));
    const asked = await askAsWorkbox(prefetch, new Request(at('assets/index-1.js')));
    expect(asked.cache).toBe('default');
    expect(early).toBe(1);
  });
});
