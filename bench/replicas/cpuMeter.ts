import { readdirSync, readFileSync } from 'node:fs';

/** Linux's USER_HZ: /proc/<pid>/stat counts CPU time in these ticks. */
const TICKS_PER_SECOND = 100;

/** utime + stime of a process and of its reaped children, in seconds (0 once it is gone). */
function cpuSeconds(pid: number): number {
  try {
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

function parentOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return -1;
  }
}

const allPids = () => readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);

/** The PostgreSQL server listening on `port` and its backends (children of the postmaster). */
export function postgresPids(databaseUrl: string): number[] {
  const port = new URL(databaseUrl).port;
  const postmaster = allPids().find((pid) => {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      return cmd.some((a) => /postgres$/.test(a)) && cmd.includes('-p') && cmd[cmd.indexOf('-p') + 1] === port;
    } catch {
      return false;
    }
  });
  if (postmaster === undefined) return [];
  return [postmaster, ...allPids().filter((pid) => parentOf(pid) === postmaster)];
}

/** CPU seconds used by these processes (hub replicas, PostgreSQL) between start and stop: where the load's time goes. */
export function startCpuMeter(groups: Record<string, () => number[]>): () => Record<string, number> {
  const sample = () => Object.fromEntries(Object.entries(groups).map(([name, pids]) => [name, new Map(pids().map((pid) => [pid, cpuSeconds(pid)]))]));
  const before = sample();
  return () => {
    const after = sample();
    // Per process, so a backend that appeared during the run counts from 0.
    return Object.fromEntries(Object.entries(after).map(([name, pids]) => [name, [...pids].reduce((sum, [pid, s]) => sum + s - (before[name]!.get(pid) ?? 0), 0)]));
  };
}
