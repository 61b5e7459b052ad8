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
  it('takes the marked entries out of the install, as absolute URLs', () => {
    const { install, laterUrls } = splitManifest([
      { url: 'index.html', revision: 'abc' },
      { url: 'assets/CaseFilePage-1.js', revision: null, later: true } as {
        url: string;
        revision: null;
      },
      'assets/index-2.js',
    ]);
    expect(install).toEqual([{ url: 'index.html', revision: 'abc' }, 'assets/index-2.js']);
    expect(laterUrls).toEqual([at('assets/CaseFilePage-1.js')]);
  });

  it('stores each later file once, keeps going past a failure, and drops an old build’s', async () => {
    const cache = createCache();
    await cache.put(at('assets/CaseFilePage-old.js'), new Response('old'));
    await cache.put(at('assets/IntakePage-1.js'), new Response('stored before'));
    const fetched: string[] = [];
    const fetchOne = (url: string) => {
      fetched.push(url);
      return url.includes('Audit')
        ? Promise.reject(new TypeError('link down'))
        : Promise.resolve(new Response(`code of ${url}`));
    };
    const later = ['CaseFilePage-1', 'IntakePage-1', 'AuditPage-1'].map((name) =>
      at(`assets/${name}.js`),
    );
    await storeLaterFiles(later, cache, fetchOne);
    expect(cache.urls()).toEqual([at('assets/CaseFilePage-1.js'), at('assets/IntakePage-1.js')]);
    expect(fetched.sort()).toEqual([at('assets/AuditPage-1.js'), at('assets/CaseFilePage-1.js')]);
  });

  it('answers from the cache, else from the network and stores what came', async () => {
    const cache = createCache();
    const request = new Request(at('assets/TodayPage-1.js'));
    let fetches = 0;
    const fetchOne = () => {
      fetches++;
      return Promise.resolve(new Response('today'));
    };
    expect(await (await answerLaterFile(request, cache, fetchOne)).text()).toBe('today');
    expect(await (await answerLaterFile(request, cache, fetchOne)).text()).toBe('today');
    expect(fetches).toBe(1);
  });

  it('does not store a failed answer', async () => {
    const cache = createCache();
    const request = new Request(at('assets/TodayPage-1.js'));
    const response = await answerLaterFile(request, cache, () =>
      Promise.resolve(new Response('', { status: 503 })),
    );
    expect(response.status).toBe(503);
    expect(cache.urls()).toEqual([]);
  });
});
