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

/** A built chunk as Rollup describes it, only what the split reads. */
export interface BuiltChunk {
  readonly fileName: string;
  readonly isEntry: boolean;
  readonly facadeModuleId: string | null;
  readonly imports: readonly string[];
  readonly dynamicImports: readonly string[];
}

/** The files of `chunks` that only the later screens reach. */
export function listLaterFiles(
  chunks: readonly BuiltChunk[],
  laterScreens: readonly string[],
): Set<string> {
  const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const isLaterScreen = (chunk: BuiltChunk) =>
    laterScreens.some((screen) => chunk.facadeModuleId?.endsWith(screen) ?? false);
  const needed = new Set<string>();
  const queue = chunks.filter((chunk) => chunk.isEntry);
  for (let chunk = queue.shift(); chunk; chunk = queue.shift()) {
    if (needed.has(chunk.fileName)) continue;
    needed.add(chunk.fileName);
    for (const file of [...chunk.imports, ...chunk.dynamicImports]) {
      const next = byFile.get(file);
      if (next && !needed.has(file) && !isLaterScreen(next)) queue.push(next);
    }
  }
  return new Set(chunks.map((chunk) => chunk.fileName).filter((file) => !needed.has(file)));
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
          output.type === 'chunk' ? [output] : [],
        );
        if (chunks.some((chunk) => chunk.isEntry))
          laterFiles = listLaterFiles(chunks, laterScreens);
      },
    },
    markLaterFiles: (entries) => ({
      manifest: entries.map((entry) =>
        laterFiles.has(entry.url) ? Object.assign({}, entry, { later: true }) : entry,
      ),
    }),
  };
}
