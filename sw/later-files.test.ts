import { describe, expect, it } from 'vitest';
import { answerLaterFile, splitManifest, storeLaterFiles } from './later-files.ts';

/** The few Cache methods later-files.ts uses, over a Map keyed by URL. */
function createCache(): Cache & { readonly urls: () => string[] } {
  const stored = new Map<string, Response>();
  const keyOf = (request: RequestInfo | URL) =>
    new URL(request instanceof Request ? request.url : String(request), 'https://sakhi.test/').href;
  const cache = {
    match: (request: RequestInfo | URL) => Promise.resolve(stored.get(keyOf(request))?.clone()),
    put: (request: RequestInfo | URL, response: Response) => {
      stored.set(keyOf(request), response);
      return Promise.resolve();
    },
    keys: () => Promise.resolve([...stored.keys()].map((url) => new Request(url))),
    delete: (request: RequestInfo | URL) => Promise.resolve(stored.delete(keyOf(request))),
    urls: () => [...stored.keys()].sort(),
  };
  return cache as unknown as Cache & { readonly urls: () => string[] };
}

const base = self.location.href;
const at = (path: string) => new URL(path, base).href;

describe('the later screens of a first install', () => {
  it('takes the marked entries and the home-screen files out of the install', () => {
    const { install, later } = splitManifest([
      { url: 'index.html', revision: 'abc' },
      { url: 'assets/CaseFilePage-1.js', revision: null, later: true } as {
        url: string;
        revision: null;
      },
      'assets/index-2.js',
      { url: 'icon-192.png', revision: 'i1' },
      { url: 'manifest.webmanifest', revision: 'm1' },
    ]);
    expect(install).toEqual([{ url: 'index.html', revision: 'abc' }, 'assets/index-2.js']);
    expect(later).toEqual([
      { url: at('assets/CaseFilePage-1.js'), cacheKey: at('assets/CaseFilePage-1.js') },
      { url: at('icon-192.png'), cacheKey: at('icon-192.png?__later_revision=i1') },
      {
        url: at('manifest.webmanifest'),
        cacheKey: at('manifest.webmanifest?__later_revision=m1'),
      },
    ]);
  });

  it('stores each later file once, keeps going past a failure, and drops an old build’s', async () => {
    const cache = createCache();
    await cache.put(at('assets/CaseFilePage-old.js'), new Response('old'));
    await cache.put(at('assets/IntakePage-1.js'), new Response('stored before'));
    await cache.put(at('icon-192.png?__later_revision=old'), new Response('old icon'));
    const fetched: string[] = [];
    const fetchOne = (url: string) => {
      fetched.push(url);
      return url.includes('Audit')
        ? Promise.reject(new TypeError('link down'))
        : Promise.resolve(new Response(`code of ${url}`));
    };
    const later = [
      ...['CaseFilePage-1', 'IntakePage-1', 'AuditPage-1'].map((name) => ({
        url: at(`assets/${name}.js`),
        cacheKey: at(`assets/${name}.js`),
      })),
      { url: at('icon-192.png'), cacheKey: at('icon-192.png?__later_revision=new') },
    ];
    await storeLaterFiles(later, cache, fetchOne);
    expect(cache.urls()).toEqual([
      at('assets/CaseFilePage-1.js'),
      at('assets/IntakePage-1.js'),
      at('icon-192.png?__later_revision=new'),
    ]);
    expect(fetched.sort()).toEqual([
      at('assets/AuditPage-1.js'),
      at('assets/CaseFilePage-1.js'),
      at('icon-192.png'),
    ]);
    const icon = await cache.match(at('icon-192.png?__later_revision=new'));
    expect(await icon?.text()).toBe(`code of ${at('icon-192.png')}`);
  });

  it('answers from the cache, else from the network and stores what came', async () => {
    const cache = createCache();
    const request = new Request(at('assets/TodayPage-1.js'));
    const file = { url: request.url, cacheKey: request.url };
    let fetches = 0;
    const fetchOne = () => {
      fetches++;
      return Promise.resolve(new Response('today'));
    };
    expect(await (await answerLaterFile(request, file, cache, fetchOne)).text()).toBe('today');
    expect(await (await answerLaterFile(request, file, cache, fetchOne)).text()).toBe('today');
    expect(fetches).toBe(1);
  });

  it('does not store a failed answer', async () => {
    const cache = createCache();
    const request = new Request(at('assets/TodayPage-1.js'));
    const file = { url: request.url, cacheKey: request.url };
    const response = await answerLaterFile(request, file, cache, () =>
      Promise.resolve(new Response('', { status: 503 })),
    );
    expect(response.status).toBe(503);
    expect(cache.urls()).toEqual([]);
  });
});
