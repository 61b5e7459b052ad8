import { describe, expect, it } from 'vitest';
import {
  createPrecacheSplit,
  listLaterFiles,
  type BuiltChunk,
  type ModuleLinks,
} from './precache-split.ts';

const modules: Record<string, ModuleLinks> = {
  '/src/app/main.tsx': {
    importedIds: ['/preact.js'],
    dynamicallyImportedIds: [
      '/src/features/unlock/UnlockPage.tsx',
      '/src/features/case-file/CaseFilePage.tsx',
      '/src/features/intake/IntakePage.tsx',
    ],
  },
  '/preact.js': { importedIds: [], dynamicallyImportedIds: [] },
  '/src/features/unlock/UnlockPage.tsx': {
    importedIds: ['/src/data/unsealed-store.ts'],
    dynamicallyImportedIds: [],
  },
  '/src/data/unsealed-store.ts': { importedIds: ['/zod.js'], dynamicallyImportedIds: [] },
  '/zod.js': { importedIds: [], dynamicallyImportedIds: [] },
  '/src/features/case-file/CaseFilePage.tsx': {
    importedIds: ['/zod.js', '/chart.js'],
    dynamicallyImportedIds: [],
  },
  '/chart.js': { importedIds: [], dynamicallyImportedIds: [] },
  '/src/features/intake/IntakePage.tsx': {
    importedIds: [],
    dynamicallyImportedIds: ['/chart.js'],
  },
};
const readModule = (id: string) => modules[id] ?? null;

function chunk(fileName: string, moduleIds: string[], links: Partial<BuiltChunk> = {}) {
  return {
    fileName,
    isEntry: false,
    facadeModuleId: moduleIds[0] ?? null,
    moduleIds,
    imports: [],
    ...links,
  };
}

// One file per module, as the bundler makes them by default.
const app: BuiltChunk[] = [
  chunk('index.js', ['/src/app/main.tsx'], { isEntry: true, imports: ['preact.js'] }),
  chunk('preact.js', ['/preact.js']),
  chunk('Unlock.js', ['/src/features/unlock/UnlockPage.tsx'], { imports: ['store.js'] }),
  chunk('store.js', ['/src/data/unsealed-store.ts'], { imports: ['zod.js'] }),
  chunk('zod.js', ['/zod.js']),
  chunk('CaseFile.js', ['/src/features/case-file/CaseFilePage.tsx'], {
    imports: ['zod.js', 'chart.js'],
    importedCss: ['CaseFile.css'],
  }),
  chunk('chart.js', ['/chart.js'], { importedCss: ['chart.css'] }),
  chunk('Intake.js', ['/src/features/intake/IntakePage.tsx']),
];

describe('precache split', () => {
  it('leaves for later only what the later screens alone reach, with their styles', () => {
    const later = listLaterFiles(app, readModule, ['/CaseFilePage.tsx', '/IntakePage.tsx']);
    expect([...later].sort()).toEqual([
      'CaseFile.css',
      'CaseFile.js',
      'Intake.js',
      'chart.css',
      'chart.js',
    ]);
  });

  it('keeps a file in the install when another path reaches it too', () => {
    const later = listLaterFiles(app, readModule, ['/CaseFilePage.tsx']);
    expect([...later].sort()).toEqual(['CaseFile.css', 'CaseFile.js']);
  });

  it('keeps everything in the install when no screen is named', () => {
    expect(listLaterFiles(app, readModule, []).size).toBe(0);
  });

  it('leaves a file holding several later screens for later, and keeps one that holds any other module', () => {
    const grouped: BuiltChunk[] = [
      chunk('index.js', ['/src/app/main.tsx'], { isEntry: true, imports: ['app.js'] }),
      chunk('app.js', [
        '/preact.js',
        '/src/features/unlock/UnlockPage.tsx',
        '/src/data/unsealed-store.ts',
        '/zod.js',
      ]),
      chunk(
        'later.js',
        [
          '/src/features/case-file/CaseFilePage.tsx',
          '/src/features/intake/IntakePage.tsx',
          '/chart.js',
        ],
        { imports: ['app.js'], importedCss: ['later.css'] },
      ),
    ];
    const bothLater = ['/CaseFilePage.tsx', '/IntakePage.tsx'];
    expect([...listLaterFiles(grouped, readModule, bothLater)].sort()).toEqual([
      'later.css',
      'later.js',
    ]);
    // With the intake in the install, the chart it imports is too, and so is their file.
    expect(listLaterFiles(grouped, readModule, ['/CaseFilePage.tsx']).size).toBe(0);
  });

  it('keeps in the install every file that a file of the install imports', () => {
    // The case file's module sits in a file the unlock screen's file imports: both stay.
    const tangled: BuiltChunk[] = [
      chunk('index.js', ['/src/app/main.tsx'], { isEntry: true }),
      chunk('Unlock.js', ['/src/features/unlock/UnlockPage.tsx'], { imports: ['mixed.js'] }),
      chunk('mixed.js', ['/src/features/case-file/CaseFilePage.tsx']),
    ];
    expect(listLaterFiles(tangled, readModule, ['/CaseFilePage.tsx']).size).toBe(0);
  });

  it('marks the later files of the worker manifest, and only them', async () => {
    const split = createPrecacheSplit(['/CaseFilePage.tsx']);
    const bundle = Object.fromEntries(
      app.map(({ importedCss, ...built }) => [
        built.fileName,
        {
          type: 'chunk' as const,
          ...built,
          viteMetadata: { importedCss: new Set(importedCss), importedAssets: new Set() },
        },
      ]),
    );
    const generate = split.plugin.generateBundle as (
      this: { getModuleInfo: typeof readModule },
      options: unknown,
      bundle: unknown,
    ) => void;
    generate.call({ getModuleInfo: readModule }, {}, bundle);
    const files = ['index.js', 'CaseFile.js', 'CaseFile.css', 'index.html'];
    const entries = files.map((url) => ({
      url,
      revision: null,
      size: 1,
    }));
    const { manifest } = await split.markLaterFiles(entries);
    expect(manifest.map((entry) => 'later' in entry)).toEqual([false, true, true, false]);
  });
});
