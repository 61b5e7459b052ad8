import { describe, expect, it } from 'vitest';
import { listChunksInRunOrder, type BuiltChunk } from './service-worker-build.ts';

const graph = (chunks: Record<string, readonly string[]>): Map<string, BuiltChunk> =>
  new Map(Object.entries(chunks).map(([fileName, imports]) => [fileName, { fileName, imports }]));

describe('the chunks /sw.js imports, in the order they run', () => {
  it('lists each chunk after the chunks it imports, in the order of its imports, the worker last', () => {
    const chunks = graph({
      'worker.js': ['zod-config.js', 'store.js', 'sync.js'],
      'store.js': ['dexie.js', 'zod.js'],
      'sync.js': ['zod.js', 'store.js'],
      'zod-config.js': [],
      'dexie.js': [],
      'zod.js': [],
    });
    expect(listChunksInRunOrder('worker.js', chunks)).toEqual([
      'zod-config.js',
      'dexie.js',
      'zod.js',
      'store.js',
      'sync.js',
      'worker.js',
    ]);
  });

  it('lists a chunk imported from several places once, and survives a cycle', () => {
    const chunks = graph({ 'worker.js': ['a.js', 'b.js'], 'a.js': ['b.js'], 'b.js': ['a.js'] });
    expect(listChunksInRunOrder('worker.js', chunks)).toEqual(['b.js', 'a.js', 'worker.js']);
  });

  it('leaves out what the worker does not import', () => {
    const chunks = graph({ 'worker.js': ['a.js'], 'a.js': [], 'page-only.js': ['a.js'] });
    expect(listChunksInRunOrder('worker.js', chunks)).toEqual(['a.js', 'worker.js']);
  });
});
