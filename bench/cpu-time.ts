/**
 * Where the machine's CPU went during a load run, read from Linux's /proc: the whole
 * machine's busy time, and the CPU time of chosen processes (the server processes). The
 * load bench runs its tablets, its servers and PostgreSQL on one machine, so a request's
 * time there is also a wait for a core: this tells whether the cores were full, and whose
 * work filled them. Elsewhere than Linux it measures nothing and says so.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

interface Reading {
  readonly at: number;
  /** Clock ticks of all cores: all, and not idle. */
  readonly machine: { readonly total: number; readonly busy: number } | null;
  /** Clock ticks of user and system time per process id. */
  readonly processes: ReadonlyMap<number, number>;
  /** This process's own user and system time, in microseconds. */
  readonly self: NodeJS.CpuUsage;
}

export interface CpuSplit {
  readonly wallSeconds: number;
  readonly cores: number;
  /** Share of all cores' time that was not idle, 0–1. */
  readonly machineBusy: number;
  /** Seconds of CPU: this process, the chosen processes together, and all the rest. */
  readonly self: number;
  readonly chosen: number;
  readonly rest: number;
}

export interface CpuMeter {
  /** The split since the meter was made; null where /proc cannot be read. */
  finish(): CpuSplit | null;
}

/** Starts measuring now, for this process and the processes `pids` returns. */
export function meterCpu(pids: () => readonly number[]): CpuMeter {
  const start = read(pids());
  return {
    finish() {
      const end = read(pids());
      if (!start.machine || !end.machine) return null;
      const wallSeconds = (end.at - start.at) / 1000;
      const cores = availableParallelism();
      const totalTicks = end.machine.total - start.machine.total;
      // Ticks per second per core (USER_HZ, usually 100), from the machine's own count.
      const ticksPerSecond = totalTicks / (wallSeconds * cores);
      const busyTicks = end.machine.busy - start.machine.busy;
      let chosenTicks = 0;
      for (const [pid, ticks] of end.processes)
        chosenTicks += ticks - (start.processes.get(pid) ?? 0);
      const self = (end.self.user - start.self.user + end.self.system - start.self.system) / 1e6;
      const chosen = chosenTicks / ticksPerSecond;
      return {
        wallSeconds,
        cores,
        machineBusy: busyTicks / totalTicks,
        self,
        chosen,
        rest: Math.max(0, busyTicks / ticksPerSecond - self - chosen),
      };
    },
  };
}

function read(pids: readonly number[]): Reading {
  const processes = new Map<number, number>();
  for (const pid of pids) {
    const ticks = processTicks(pid);
    if (ticks !== null) processes.set(pid, ticks);
  }
  return { at: performance.now(), machine: machineTicks(), processes, self: process.cpuUsage() };
}

/** The first line of /proc/stat: user nice system idle iowait irq softirq steal … */
function machineTicks(): { total: number; busy: number } | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
    const fields = line.trim().split(/\s+/).slice(1, 9).map(Number);
    const total = fields.reduce((sum, n) => sum + n, 0);
    const idle = fields[3]! + fields[4]!;
    return { total, busy: total - idle };
  } catch {
    return null;
  }
}

/** utime + stime of /proc/<pid>/stat (fields 14 and 15, counted after the name's ")"). */
function processTicks(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}
