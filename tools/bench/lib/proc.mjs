// What /proc tells about a process: CPU time and resident memory (Linux).
import { readdirSync, readFileSync } from 'node:fs';

/** USER_HZ: what /proc/<pid>/stat counts CPU time in, 100 on Linux. */
export const CLOCK_TICKS_PER_SECOND = 100;

/**
 * CPU ticks (user + system, all threads) a process has used, or undefined when /proc cannot tell
 * (it ended, or runs elsewhere). Fields after the command name (which may hold spaces): utime and
 * stime are the 12th and 13th.
 */
export function processTicks(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined;
  }
}

/** VmRSS of a process, in bytes. */
export function rssBytes(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) * 1024;
}

/**
 * VmRSS once it has stopped moving: within 1% over `quietMs`, read every 500 ms, for at most
 * `maxMs`. Right after load a Node process holds garbage that V8's memory reducer collects once
 * allocation stays low for some seconds; a reading taken before that (and one after, when a GC has
 * run in between) measures the collector, not what was allocated: the per-stream figure read
 * -93 KB that way.
 */
export async function settledRssBytes(pid, { quietMs = 5_000, maxMs = 30_000 } = {}) {
  const started = Date.now();
  let window = [rssBytes(pid)];
  while (Date.now() - started < maxMs) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    window.push(rssBytes(pid));
    window = window.slice(-Math.ceil(quietMs / 500) - 1);
    const low = Math.min(...window);
    if (window.length > quietMs / 500 && Math.max(...window) - low <= low * 0.01) return { bytes: window.at(-1), settled: true };
  }
  return { bytes: window.at(-1), settled: false };
}

/** Pids of the processes whose command name is `comm` (e.g. `redis-server`, `wrk`). */
export function pidsNamed(comm) {
  const pids = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === comm) pids.push(Number(entry));
    } catch {
      // ended in between
    }
  }
  return pids;
}

/** Ticks of each pid, for cpuMsPerRequest. */
export function ticksOf(pids) {
  return new Map(pids.map((pid) => [pid, processTicks(pid)]));
}

/**
 * Milliseconds of CPU per request between two ticksOf readings. A pid that ended during the phase
 * makes the figure unknown (undefined) rather than too small.
 */
export function cpuMsPerRequest(before, after, requests) {
  if (!before || !after || requests === 0) return undefined;
  let ticks = 0;
  for (const [pid, now] of after) {
    if (now === undefined) return undefined;
    ticks += now - (before.get(pid) ?? 0);
  }
  return (ticks * (1000 / CLOCK_TICKS_PER_SECOND)) / requests;
}
