/**
 * Runs every bench/*.bench.ts, each in its own Node process so one benchmark's JIT
 * warm-up and garbage never skew the next. `npm run bench -- sync` runs only files whose
 * name contains "sync". Benchmarks print their own tables.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = fileURLToPath(new URL('.', import.meta.url));
const filters = process.argv.slice(2);

const files = readdirSync(benchDir)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => filters.length === 0 || filters.some((filter) => name.includes(filter)))
  .sort();

if (files.length === 0) {
  console.log(
    filters.length === 0 ? 'no benchmarks yet' : `no benchmark matches ${filters.join(', ')}`,
  );
}

let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const code = await runBenchmark(join(benchDir, file));
  if (code !== 0) {
    failed++;
    console.error(`${file} failed (exit code ${code})`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;

function runBenchmark(file: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file], { stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
