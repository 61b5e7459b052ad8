/**
 * Loaded into a server process by the load bench (`SAKHI_LOAD_STATEMENT_TIMES=<dir>`):
 * times every SQLite statement the server runs, by its text, and when the process exits
 * writes to `<dir>/statements-<pid>.txt` the statements that took the most time in all
 * (count, mean, text), how long its commits took (p50 to max, and those over 30 ms), and
 * how many pages each commit wrote into the WAL.
 *
 * Why: better-sqlite3 runs every statement on the server's event loop, so a CPU profile
 * shows all of them as one native call; this tells which statement the loop waited for.
 * A bench-only probe: it wraps better-sqlite3's statement methods in this process only.
 * The pages a commit wrote are read from the WAL index's header in the `-shm` file
 * (mxFrame: the frames in the WAL; sqlite.org/walformat.html), before and after it.
 */
import { closeSync, openSync, readSync, writeFileSync } from 'node:fs';
import { endianness } from 'node:os';
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
  const commitPages: number[] = [];
  const walFrames = walFrameReader();
  for (const method of ['run', 'all', 'get', 'iterate']) {
    const original = statementMethods[method]!;
    statementMethods[method] = function timed(this: Database.Statement, ...args: unknown[]) {
      const isCommit = this.source.trim().toLowerCase() === 'commit';
      const framesBefore = isCommit ? walFrames(this.database.name) : null;
      const started = performance.now();
      try {
        return original.apply(this, args);
      } finally {
        const ms = performance.now() - started;
        const text = this.source.replace(/\s+/g, ' ').trim().slice(0, 140);
        if (isCommit) {
          commitMs.push(ms);
          const framesAfter = walFrames(this.database.name);
          if (framesBefore !== null && framesAfter !== null) {
            // A WAL started again from its beginning holds only this commit's frames.
            commitPages.push(
              framesAfter >= framesBefore ? framesAfter - framesBefore : framesAfter,
            );
          }
        }
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
    const pages = [...commitPages].sort((a, b) => a - b);
    const pagesAt = (share: number) => pages[Math.floor(share * (pages.length - 1))] ?? 0;
    const lines = [
      `pages a commit wrote into the WAL: p50 ${pagesAt(0.5)} / p90 ${pagesAt(0.9)} / ` +
        `max ${pagesAt(1)}; ${pages.reduce((sum, count) => sum + count, 0)} in all`,
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

/** The frames the WAL holds now, from the WAL index's header; null where it cannot be read. */
function walFrameReader(): (databaseFile: string) => number | null {
  const header = Buffer.alloc(4);
  const files = new Map<string, number>();
  return (databaseFile) => {
    try {
      let fd = files.get(databaseFile);
      if (fd === undefined) {
        fd = openSync(`${databaseFile}-shm`, 'r');
        files.set(databaseFile, fd);
        process.once('exit', () => closeSync(fd!));
      }
      // mxFrame, a 32-bit number at byte 16, in the machine's own byte order.
      if (readSync(fd, header, 0, 4, 16) < 4) return null;
      return endianness() === 'LE' ? header.readUInt32LE(0) : header.readUInt32BE(0);
    } catch {
      return null;
    }
  };
}
