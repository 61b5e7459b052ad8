/**
 * The Node side of a benchmark that runs in real Chromium: the page module (which sets
 * `globalThis.sakhiBench` to its functions) is bundled with Vite's build API into one
 * script, served from 127.0.0.1 and opened in a fresh profile, so the timings are real
 * IndexedDB's and WebCrypto's. `call` runs one of the page's functions and returns its
 * result; each takes one argument that survives structured cloning.
 *
 *   const bench = await openBenchPage<PageBench>(new URL('./x-page.ts', import.meta.url));
 *   try { await bench.call('fill', 1000); } finally { await bench.close(); }
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build, type Rolldown } from 'vite';
import {
  CHROMIUM_INSTALL_HINT,
  chromiumExecutable,
  launchChromium,
} from '../tests/support/chromium.ts';

/** What a page module puts on `globalThis.sakhiBench`, as the runner sees it. */
export type PageFunctions = Record<string, (arg: never) => Promise<unknown>>;

export interface BenchPage<Page extends PageFunctions> {
  /** Runs the page's function `name` with `arg`, in the page, and gives its result. */
  readonly call: <Name extends keyof Page & string>(
    name: Name,
    arg: Parameters<Page[Name]>[0],
  ) => Promise<Awaited<ReturnType<Page[Name]>>>;
  /** Closes the browser (deleting its profile) and the server. */
  close(): Promise<void>;
}

/** Exits the process with the install hint when there is no Chromium to run in. */
export async function openBenchPage<Page extends PageFunctions>(
  pageModule: URL,
): Promise<BenchPage<Page>> {
  if (!existsSync(chromiumExecutable())) {
    console.error(`Chromium not found at ${chromiumExecutable()}: ${CHROMIUM_INSTALL_HINT}`);
    process.exit(1);
  }
  const script = await bundlePage(fileURLToPath(pageModule));
  const server = createServer((request, response) => {
    if (request.url === '/bench.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    } else {
      response
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<!doctype html><meta charset="utf-8"><script src="/bench.js"></script>');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const browser = await launchChromium();
  const close = async () => {
    await browser.close();
    server.close();
  };

  try {
    const page = await browser.context.newPage();
    // Filling a store of tens of thousands of cases on a loaded machine takes minutes.
    page.setDefaultTimeout(30 * 60_000);
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => 'sakhiBench' in globalThis);
    const call = <Name extends keyof Page & string>(name: Name, arg: Parameters<Page[Name]>[0]) =>
      page.evaluate(
        ([method, value]) =>
          (globalThis as unknown as { sakhiBench: Record<string, (v: unknown) => unknown> })
            .sakhiBench[method]!(value),
        [name, arg] as const,
      ) as Promise<Awaited<ReturnType<Page[Name]>>>;
    return { call, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The value at fraction `p` (0.5: the median) of unsorted `values`. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

async function bundlePage(entry: string): Promise<string> {
  const output = (await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      write: false,
      minify: true,
      lib: { entry, formats: ['iife'], name: 'sakhiBenchPage', fileName: 'bench' },
    },
  })) as Rolldown.RolldownOutput | Rolldown.RolldownOutput[];
  const outputs = Array.isArray(output) ? output : [output];
  const chunk = outputs.flatMap((o) => o.output).find((file) => file.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error('vite build produced no script');
  return chunk.code;
}
