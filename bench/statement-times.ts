/**
 * Loaded into a server process by the load bench (`SAKHI_LOAD_STATEMENT_TIMES=<dir>`):
 * times every SQLite statement the server runs, by its text, and when the process exits
 * writes to `<dir>/statements-<pid>.txt` the statements that took the most time in all
 * (count, mean, text), and how long its commits took (p50 to max, and those over 30 ms,
 * where SQLite's own checkpoint ran inside one).
 *
 * Why: better-sqlite3 runs every statement on the server's event loop, so a CPU profile
 * shows all of them as one native call; this tells which statement the loop waited for.
 * A bench-only probe: it wraps better-sqlite3's statement methods in this process only.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

const outputDir = process.env.SAKHI_LOAD_STATEMENT_TIMES;
/** Commits slower than this are counted apart: most of them ran a checkpoint. */
const slowCommitMs = 30;
const shownStatements = 20;

if (outputDir) {
  const probe = new Database(':memory:');
  const statementMethods = Object.getPrototypeOf(probe.prepare('select 1')) as Record<
    string,
    (...args: unknown[]) => unknown
  >;
  probe.close();
  const byText = new Map<string, { ms: number; count: number }>();
  const commitMs: number[] = [];
  for (const method of ['run', 'all', 'get', 'iterate']) {
    const original = statementMethods[method]!;
    statementMethods[method] = function timed(this: Database.Statement, ...args: unknown[]) {
      const started = performance.now();
      try {
        return original.apply(this, args);
      } finally {
        const ms = performance.now() - started;
        const text = this.source.replace(/\s+/g, ' ').trim().slice(0, 140);
        if (text === 'commit') commitMs.push(ms);
        const sum = byText.get(text) ?? { ms: 0, count: 0 };
        sum.ms += ms;
        sum.count++;
        byText.set(text, sum);
      }
    };
  }
  process.once('exit', () => {
    const sorted = [...commitMs].sort((a, b) => a - b);
    const at = (share: number) => (sorted[Math.floor(share * (sorted.length - 1))] ?? 0).toFixed(1);
    const slow = sorted.filter((ms) => ms > slowCommitMs);
    const total = (list: readonly number[]) => list.reduce((sum, ms) => sum + ms, 0).toFixed(0);
    const lines = [
      `commits: ${sorted.length}, ${total(sorted)} ms in all; p50 ${at(0.5)} / p90 ${at(0.9)} / ` +
        `p99 ${at(0.99)} / max ${at(1)} ms; over ${slowCommitMs} ms: ${slow.length}, ` +
        `${total(slow)} ms in all`,
      'ms in all | count | ms each | statement',
      ...[...byText]
        .sort((a, b) => b[1].ms - a[1].ms)
        .slice(0, shownStatements)
        .map(
          ([text, { ms, count }]) =>
            `${ms.toFixed(0)} | ${count} | ${(ms / count).toFixed(3)} | ${text}`,
        ),
    ];
    writeFileSync(join(outputDir, `statements-${process.pid}.txt`), `${lines.join('\n')}\n`);
  });
}
