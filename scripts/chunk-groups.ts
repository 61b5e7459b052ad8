/**
 * Which built file each module goes into: grouped by when a tablet needs it, not one file
 * per module.
 *
 * Left to itself the bundler makes a chunk for every set of dynamic imports that share a
 * module: 80 files, ~40 of them under 1 kB gzip. Over 2G each is a request (~450 B up at
 * 25 kbit/s), ~400 B of headers down and a round trip, and they arrive in waves, one per
 * level of imports; the module worker's imports cost a round trip each again when it
 * installs (Chromium revalidates them). So modules are grouped by *stage*, the moment the
 * page first needs them (the first screen, the sign-in behind the form, the app and its
 * store, what she needs once signed in, casework, the later screens: the list is in
 * vite.config.ts), each stage one file, and what the service worker also runs is split off
 * its stage into a file of its own.
 *
 * What must stay true:
 * - A file holds the modules of one stage only, and a stage's modules import (statically) only
 *   those of its own and earlier stages, so a stage loads its files and earlier stages',
 *   never a later stage's: the first screen stays within its budget
 *   (tests/bundle-budget.browser.test.ts) and carries no zod; the later screens stay out of
 *   the install (precache-split.ts reads the result).
 * - The worker never runs page code: a file the worker imports holds only modules the
 *   worker itself imports (a page module at load time may touch `document`, which a worker
 *   has not). Page and worker share those files, as they shared the smaller chunks before.
 * - Libraries (node_modules) the page loads go to a file of their own per group, so an
 *   update of the app's own code does not send Preact, Dexie or zod again to every tablet.
 */
import { resolve } from 'node:path';

/** A module as the bundler's chunking context describes it, only what the grouping reads. */
export interface ModuleLinks {
  readonly importedIds: readonly string[];
  readonly dynamicallyImportedIds: readonly string[];
}

export type ReadModule = (id: string) => ModuleLinks | null;

/**
 * One moment of the page's life, in the order they come. `roots` are modules (paths from
 * the project's root) that start the stage; the stage holds them and every module they
 * import, statically or through import(), that no earlier stage holds and no stage names.
 */
export interface LoadingStage {
  readonly name: string;
  readonly roots: readonly string[];
  /**
   * The stage that takes this one's import()s instead of this one (a later stage): the
   * first screen's import()s are exactly what loads behind it.
   */
  readonly lazyImportsGoTo?: string;
}

export interface ChunkGroupPlan {
  readonly stages: readonly LoadingStage[];
  /** The service worker's entry module, a path from the project's root. */
  readonly worker: string;
}

const libraryPath = /[\\/]node_modules[\\/]/;

/**
 * The file name (before its hash) each module goes into, for every module the stages or
 * the worker reach; a module it leaves out is left to the bundler.
 */
export function planChunkGroups(
  plan: ChunkGroupPlan,
  readModule: ReadModule,
  root: string,
): Map<string, string> {
  const toId = (path: string) => resolve(root, path);
  const stageRoots = new Set(plan.stages.flatMap((stage) => stage.roots.map(toId)));
  const stageOf = new Map<string, string>();
  const handedOn = new Map<string, string[]>();
  for (const stage of plan.stages) {
    const queue = [...stage.roots.map(toId), ...(handedOn.get(stage.name) ?? [])];
    const lazyQueue = stage.lazyImportsGoTo === undefined ? queue : [];
    if (stage.lazyImportsGoTo !== undefined) handedOn.set(stage.lazyImportsGoTo, lazyQueue);
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      if (stageOf.has(id)) continue;
      const links = readModule(id);
      if (links === null) continue;
      stageOf.set(id, stage.name);
      queue.push(...links.importedIds);
      for (const lazy of links.dynamicallyImportedIds) {
        if (stageRoots.has(lazy) || stageOf.has(lazy)) continue;
        lazyQueue.push(lazy);
      }
    }
  }

  // The worker runs its static imports only (a service worker may not import()).
  const workerRuns = new Set<string>();
  const workerQueue = [toId(plan.worker)];
  for (let id = workerQueue.shift(); id !== undefined; id = workerQueue.shift()) {
    if (workerRuns.has(id)) continue;
    const links = readModule(id);
    if (links === null) continue;
    workerRuns.add(id);
    workerQueue.push(...links.importedIds);
  }

  const groups = new Map<string, string>();
  for (const id of new Set([...stageOf.keys(), ...workerRuns])) {
    const stage = stageOf.get(id);
    const group =
      stage === undefined ? 'worker' : workerRuns.has(id) ? `${stage}-and-worker` : stage;
    // The worker's own libraries stay in its own file: one import less in the chain of
    // round trips before its install starts, and that file changes with a new worker anyway.
    const isPageLibrary = stage !== undefined && libraryPath.test(id);
    groups.set(id, isPageLibrary ? `${group}-libraries` : group);
  }
  return groups;
}

/**
 * The bundler's `codeSplitting` option for `plan`. Each module's group is read from the
 * whole module graph once, on the bundler's first question. A group does not pull the
 * modules it imports in with it (they have groups of their own, or stay where the bundler
 * puts them), which the bundler allows only when an entry's exports may grow: see
 * service-worker-build.ts.
 */
export function chunkGroups(plan: ChunkGroupPlan, root: string) {
  let groups: Map<string, string> | null = null;
  return {
    includeDependenciesRecursively: false,
    groups: [
      {
        debugName: 'loading stages',
        name(id: string, context: { getModuleInfo(id: string): ModuleLinks | null }) {
          groups ??= planChunkGroups(plan, (module) => context.getModuleInfo(module), root);
          return groups.get(id) ?? null;
        },
      },
    ],
  };
}
