/**
 * Which built files a first install may store after the service worker activates.
 *
 * What must stay true: everything the app needs to open again without the network,
 * signed in — the shell, sign-in, the PIN screens, the store, sync and the case list — is
 * in the worker's install (its precache), so "ready to work offline" is true the moment it
 * shows. Only code reachable solely through the screens named in `laterScreens` (opened
 * after the case list, by a tap) is left for afterwards: a file that any other path
 * reaches stays in the install. So do the web app manifest and its icons (the PWA plugin
 * adds them to the manifest after this transform has run): every page load asks for them,
 * so left out they would fail to load on a tablet that went offline just after "ready".
 */
import type { Plugin } from 'vite';
import type { ManifestTransform } from 'workbox-build';

/** A built chunk as the bundler describes it, only what the split reads. */
export interface BuiltChunk {
  readonly fileName: string;
  readonly isEntry: boolean;
  readonly facadeModuleId: string | null;
  readonly moduleIds: readonly string[];
  readonly imports: readonly string[];
  /** The styles Vite split off this chunk (`viteMetadata.importedCss`). */
  readonly importedCss?: readonly string[];
}

/** A module's imports, as the bundler's `getModuleInfo` gives them. */
export interface ModuleLinks {
  readonly importedIds: readonly string[];
  readonly dynamicallyImportedIds: readonly string[];
}

/**
 * The files of `chunks` (scripts and their styles) that only the later screens reach.
 *
 * Read module by module, not chunk by chunk: one built file may hold several screens and
 * what only they use (scripts/chunk-groups.ts groups modules by when they are needed), so
 * a file is left for later only when none of its modules is reached without opening a
 * later screen, and neither is any file that a file of the install imports.
 */
export function listLaterFiles(
  chunks: readonly BuiltChunk[],
  readModule: (id: string) => ModuleLinks | null,
  laterScreens: readonly string[],
): Set<string> {
  const isLaterScreen = (id: string) => laterScreens.some((screen) => id.endsWith(screen));
  const neededModules = new Set<string>();
  const moduleQueue = chunks.flatMap((chunk) =>
    chunk.isEntry && chunk.facadeModuleId !== null ? [chunk.facadeModuleId] : [],
  );
  for (let id = moduleQueue.shift(); id !== undefined; id = moduleQueue.shift()) {
    if (neededModules.has(id) || isLaterScreen(id)) continue;
    neededModules.add(id);
    const links = readModule(id);
    if (links) moduleQueue.push(...links.importedIds, ...links.dynamicallyImportedIds);
  }

  const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const neededFiles = new Set<string>();
  const chunkQueue = chunks.filter(
    (chunk) =>
      chunk.isEntry ||
      chunk.moduleIds.length === 0 ||
      chunk.moduleIds.some((id) => neededModules.has(id)),
  );
  for (let chunk = chunkQueue.shift(); chunk; chunk = chunkQueue.shift()) {
    if (neededFiles.has(chunk.fileName)) continue;
    neededFiles.add(chunk.fileName);
    for (const css of chunk.importedCss ?? []) neededFiles.add(css);
    for (const file of chunk.imports) {
      const next = byFile.get(file);
      if (next) chunkQueue.push(next);
    }
  }
  const allFiles = chunks.flatMap((chunk) => [chunk.fileName, ...(chunk.importedCss ?? [])]);
  return new Set(allFiles.filter((file) => !neededFiles.has(file)));
}

/**
 * The Vite plugin that reads the app's chunks, and the manifest transform that marks the
 * later files in the service worker's manifest (`later: true`, read by sw/later-files.ts).
 * The worker is built after the app, so the transform sees the plugin's result.
 */
export function createPrecacheSplit(laterScreens: readonly string[]): {
  readonly plugin: Plugin;
  readonly markLaterFiles: ManifestTransform;
} {
  let laterFiles = new Set<string>();
  return {
    plugin: {
      name: 'sakhi-precache-split',
      apply: 'build',
      generateBundle(_options, bundle) {
        const chunks = Object.values(bundle).flatMap((output) =>
          output.type === 'chunk'
            ? [{ ...output, importedCss: [...(output.viteMetadata?.importedCss ?? [])] }]
            : [],
        );
        if (chunks.some((chunk) => chunk.isEntry)) {
          laterFiles = listLaterFiles(chunks, (id) => this.getModuleInfo(id), laterScreens);
        }
      },
    },
    markLaterFiles: (entries) => ({
      manifest: entries.map((entry) =>
        laterFiles.has(entry.url) ? Object.assign({}, entry, { later: true }) : entry,
      ),
    }),
  };
}
