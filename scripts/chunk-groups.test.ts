import { describe, expect, it } from 'vitest';
import { planChunkGroups, type ChunkGroupPlan, type ModuleLinks } from './chunk-groups.ts';

const root = '/app';
const links = (importedIds: string[] = [], dynamicallyImportedIds: string[] = []) => ({
  importedIds: importedIds.map((id) => `${root}/${id}`),
  dynamicallyImportedIds: dynamicallyImportedIds.map((id) => `${root}/${id}`),
});

// A small app shaped like Sakhi's: the entry shows the form and loads the app behind it;
// the app loads its screens on first use; the worker shares the store and zod.
const modules: Record<string, ModuleLinks> = {
  'src/main.tsx': links(
    ['src/zod-config.ts', 'src/SignIn.tsx', 'node_modules/preact/index.js'],
    ['src/App.tsx', 'node_modules/workbox-window/index.js'],
  ),
  'src/zod-config.ts': links(),
  'src/SignIn.tsx': links(['node_modules/preact/index.js'], ['src/sign-in-client.ts']),
  'node_modules/preact/index.js': links(),
  'node_modules/workbox-window/index.js': links(),
  'src/sign-in-client.ts': links(['src/protocol.ts']),
  'src/protocol.ts': links(['node_modules/zod/index.js']),
  'node_modules/zod/index.js': links(),
  'src/App.tsx': links(
    ['src/store.ts', 'src/protocol.ts', 'node_modules/preact/index.js'],
    ['src/CaseFile.tsx', 'src/Report.tsx', 'src/idle-watch.ts'],
  ),
  'src/idle-watch.ts': links(),
  'src/store.ts': links(['node_modules/dexie/index.js', 'src/zod-config.ts']),
  'node_modules/dexie/index.js': links(),
  'src/CaseFile.tsx': links(['src/DateField.tsx']),
  'src/DateField.tsx': links(),
  'src/Report.tsx': links(['src/DateField.tsx'], ['node_modules/chartist/index.js']),
  'node_modules/chartist/index.js': links(),
  'sw/worker.ts': links([
    'src/zod-config.ts',
    'src/store.ts',
    'src/protocol.ts',
    'node_modules/workbox-precaching/index.js',
  ]),
  'node_modules/workbox-precaching/index.js': links(),
};
const readModule = (id: string) => modules[id.slice(root.length + 1)] ?? null;

const plan: ChunkGroupPlan = {
  stages: [
    { name: 'first-screen', roots: ['src/main.tsx'], lazyImportsGoTo: 'app' },
    { name: 'sign-in', roots: ['src/sign-in-client.ts'] },
    { name: 'app', roots: [] },
    { name: 'casework', roots: ['src/CaseFile.tsx'] },
    { name: 'later', roots: ['src/Report.tsx'] },
  ],
  worker: 'sw/worker.ts',
};

function groupsOf(groups: Map<string, string>): Record<string, string> {
  const entries = [...groups].map(([id, group]): [string, string] => [
    id.slice(root.length + 1),
    group,
  ]);
  return Object.fromEntries(entries);
}

describe('chunk groups by loading stage', () => {
  it('puts each module in the first stage that loads it, apart from what the worker also runs', () => {
    expect(groupsOf(planChunkGroups(plan, readModule, root))).toEqual({
      'node_modules/chartist/index.js': 'later-libraries',
      'node_modules/dexie/index.js': 'app-and-worker-libraries',
      'node_modules/preact/index.js': 'first-screen-libraries',
      // The first screen's import()s load behind it, with the app.
      'node_modules/workbox-window/index.js': 'app-libraries',
      'node_modules/workbox-precaching/index.js': 'worker',
      'node_modules/zod/index.js': 'sign-in-and-worker-libraries',
      'src/App.tsx': 'app',
      // Shared by two later stages: it goes with the first of them.
      'src/DateField.tsx': 'casework',
      'src/CaseFile.tsx': 'casework',
      'src/Report.tsx': 'later',
      // A module only the app imports through import(), and no stage names, loads with the app.
      'src/idle-watch.ts': 'app',
      'src/main.tsx': 'first-screen',
      'src/protocol.ts': 'sign-in-and-worker',
      'src/sign-in-client.ts': 'sign-in',
      'src/SignIn.tsx': 'first-screen',
      'src/store.ts': 'app-and-worker',
      'src/zod-config.ts': 'first-screen-and-worker',
      'sw/worker.ts': 'worker',
    });
  });

  it('never puts page code in a group whose file the worker runs', () => {
    const groups = planChunkGroups(plan, readModule, root);
    const workerRuns = new Set(
      [
        'sw/worker.ts',
        'src/zod-config.ts',
        'src/store.ts',
        'src/protocol.ts',
        'node_modules/dexie/index.js',
        'node_modules/zod/index.js',
        'node_modules/workbox-precaching/index.js',
      ].map((id) => `${root}/${id}`),
    );
    const workerGroups = new Set([...workerRuns].map((id) => groups.get(id)));
    for (const [id, group] of groups) {
      if (!workerRuns.has(id)) expect(workerGroups.has(group), id).toBe(false);
    }
  });

  it("keeps a later stage's root out of an earlier stage that imports it", () => {
    const groups = planChunkGroups(plan, readModule, root);
    expect(groups.get(`${root}/src/Report.tsx`)).toBe('later');
    expect(groups.get(`${root}/src/CaseFile.tsx`)).toBe('casework');
  });
});
