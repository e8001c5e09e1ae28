import { readdirSync, readFileSync } from "node:fs";

/** Linux reports process times in clock ticks of 1/100 s (USER_HZ). */
const MS_PER_TICK = 10;

type ProcessTime = { ppid: number; comm: string; ms: number };

function processTimes(): Map<number, ProcessTime> {
  const times = new Map<number, ProcessTime>();
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return times; // not Linux: no CPU figures
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name sits in parentheses and may itself hold spaces or parentheses.
      const close = stat.lastIndexOf(")");
      const fields = stat.slice(close + 2).split(" ");
      const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime
      times.set(Number(entry), { ppid: Number(fields[1]), comm: stat.slice(stat.indexOf("(") + 1, close), ms: ticks * MS_PER_TICK });
    } catch {
      // the process ended meanwhile
    }
  }
  return times;
}

function descendants(root: number, times: Map<number, ProcessTime>): Set<number> {
  const found = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, { ppid }] of times) {
      if (!found.has(pid) && found.has(ppid)) {
        found.add(pid);
        grew = true;
      }
    }
  }
  return found;
}

export type CpuShare = { app: number; postgres: number; loadGenerator: number };

/**
 * CPU time spent during `work`, split between the app server (the given
 * process and its descendants), Postgres (every `postgres` process on the
 * machine) and this process (the load generator, and the Pusher server it
 * hosts). On a shared machine this tells where the cores went, which
 * wall-clock figures alone cannot.
 */
export async function measureCpu<T>(appPid: number, work: () => Promise<T>): Promise<{ result: T; cpuMs: CpuShare }> {
  const before = processTimes();
  const result = await work();
  const after = processTimes();
  const app = descendants(appPid, after);
  const cpuMs: CpuShare = { app: 0, postgres: 0, loadGenerator: 0 };
  for (const [pid, now] of after) {
    const spent = now.ms - (before.get(pid)?.ms ?? 0);
    if (spent <= 0) continue;
    if (app.has(pid)) cpuMs.app += spent;
    else if (now.comm === "postgres") cpuMs.postgres += spent;
    else if (pid === process.pid) cpuMs.loadGenerator += spent;
  }
  return { result, cpuMs };
}
