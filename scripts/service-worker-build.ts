/**
 * The service worker, built as a second entry of the app's own build.
 *
 * Built on its own (as vite-plugin-pwa does by default), the worker carried its own copy
 * of Dexie, zod and the sync code: 74 kB gzip that a first visit downloaded over 2G on top
 * of the same code in the page's chunks. As an entry of the app's build (`sw/worker.ts`),
 * it imports the page's hashed chunks, which the page has mostly fetched by then.
 *
 * The browser registers a file with a fixed name, /sw.js, so vite-plugin-pwa still builds
 * that: `sw/sw.ts`, whose one import (`./worker.ts`) this points at the app build's chunk,
 * and into which Workbox injects the precache manifest. /sw.js also imports every chunk the
 * worker's chunk needs, in the order they run: the browser then asks for them all at once,
 * where following the imports chunk by chunk would cost a round trip per level (over a
 * second each on 2G). Each chunk still runs after the chunks it imports, so the order in
 * which modules run is the one the worker's own imports give.
 */
import type { InlineConfig, Plugin } from 'vite';

const workerSource = 'sw/worker.ts';
const registeredScript = 'sw/sw.ts';

/** A built chunk as Rollup describes it, only what this reads. */
export interface BuiltChunk {
  readonly fileName: string;
  readonly imports: readonly string[];
}

/**
 * The chunks `entry` imports, directly or not, in the order they run (each after the
 * chunks it imports, in the order of its imports), `entry` last.
 */
export function listChunksInRunOrder(
  entry: string,
  chunks: ReadonlyMap<string, BuiltChunk>,
): string[] {
  const order: string[] = [];
  const seen = new Set<string>();
  const visit = (fileName: string) => {
    if (seen.has(fileName)) return;
    seen.add(fileName);
    for (const imported of chunks.get(fileName)?.imports ?? []) visit(imported);
    order.push(fileName);
  };
  visit(entry);
  return order;
}

export function createServiceWorkerBuild(): {
  /** For the app's build: adds the worker as an entry and notes its chunks. */
  readonly plugin: Plugin;
  /** For vite-plugin-pwa's build of /sw.js: its imports are the app's chunks. */
  readonly configureRegisteredScriptBuild: (config: InlineConfig) => void;
} {
  let workerChunks: string[] = [];
  return {
    plugin: {
      name: 'sakhi-service-worker-entry',
      apply: 'build',
      config: () => ({
        build: {
          rollupOptions: {
            input: { index: 'index.html', 'service-worker': workerSource },
            // The worker's entry chunk keeps its export, which /sw.js calls (other exports
            // may join it: the grouping of chunks by stage, chunk-groups.ts, needs that).
            preserveEntrySignatures: 'allow-extension',
          },
        },
      }),
      generateBundle(_options, bundle) {
        const chunks = new Map<string, BuiltChunk>();
        let entry: string | null = null;
        for (const output of Object.values(bundle)) {
          if (output.type !== 'chunk') continue;
          chunks.set(output.fileName, output);
          if (output.facadeModuleId?.endsWith(workerSource)) entry = output.fileName;
        }
        if (entry !== null) workerChunks = listChunksInRunOrder(entry, chunks);
      },
    },
    configureRegisteredScriptBuild(config) {
      config.plugins = [
        ...(config.plugins ?? []),
        {
          name: 'sakhi-service-worker-chunks',
          enforce: 'pre',
          resolveId(source, importer) {
            if (source.startsWith('/assets/')) return { id: source, external: 'absolute' };
            if (source !== './worker.ts' || !importer?.endsWith(registeredScript)) return null;
            const workerChunk = workerChunks.at(-1);
            if (workerChunk === undefined)
              throw new Error(`The app's build has no chunk for ${workerSource}.`);
            return { id: `/${workerChunk}`, external: 'absolute' };
          },
          transform(code, id) {
            if (!id.endsWith(registeredScript)) return null;
            const chunkImports = workerChunks
              .slice(0, -1)
              .map((fileName) => `import '/${fileName}';\n`);
            return { code: chunkImports.join('') + code, map: null };
          },
        },
      ];
    },
  };
}
