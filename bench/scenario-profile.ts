/**
 * A CPU profile of one timed scenario of the sync comparison, when `SAKHI_BENCH_CPU_PROF`
 * names a folder: the profiler runs only while the scenario does, so each file holds one
 * scenario of one run (`sakhi-1.cpuprofile` is the first run's push of cases, `sakhi-2` its
 * edits, `sakhi-3` its fresh pull, `sakhi-4` the second run's push of cases…).
 * `bench/profile-parts.ts` sums such files into the parts docs/performance.md reads.
 * Profiling slows what it measures: read the parts' shares, not the bench's times, from a
 * profiled run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

const profileDir = process.env.SAKHI_BENCH_CPU_PROF;
/** 200 µs: enough samples in a 250 ms scenario, little enough overhead in a 3 s one. */
const samplingIntervalMicroseconds = 200;

let session: Session | undefined;

export async function startScenarioProfile(): Promise<{
  stop: (name: string) => Promise<void>;
} | null> {
  if (!profileDir) return null;
  if (!session) {
    mkdirSync(profileDir, { recursive: true });
    session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: samplingIntervalMicroseconds });
  }
  const running = session;
  await running.post('Profiler.start');
  return {
    stop: async (name) => {
      const { profile } = await running.post('Profiler.stop');
      writeFileSync(join(profileDir, `${name}.cpuprofile`), JSON.stringify(profile));
    },
  };
}
