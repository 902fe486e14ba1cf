// The fan-out phase of `npm run bench`: many open GET /api/events streams on one API process
// (members of many projects) while a writer creates tasks. Reports response-to-arrival latency
// of the events and the process's resident memory per idle stream.
//
// The projects belong to an owner of their own, never to a user whose reads the other phases
// measure: a cached list's cost grows with its reader's projects (one generation per project is
// checked on every hit), so 50 more projects of the measured owner would slow the cache hit by
// itself, streams or none. The stream clients live in a child process (stream-holders.mjs) whose
// CPU the bench reports, so that their cost on a shared machine is seen, not folded into the API's.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { postJson, registerUser } from './lib/api.mjs';
import { settledRssBytes } from './lib/proc.mjs';

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
};

/**
 * Seeds `projects` projects of a fan-out owner, each shared with one member, and a child process
 * to hold `streams` streams of those members (streams/projects per project). `open()` opens them
 * (and leaves them idle), `closeStreams()` closes them, so that rounds with and without streams
 * can alternate; `deliver()` measures the fan-out of task creations; `stop()` ends the child.
 */
export async function prepareFanOut({ base, apiPid, streams = 1_000, projects = 50 }) {
  const owner = await registerUser(base, 'fan_owner');
  const boards = [];
  for (let p = 0; p < projects; p++) {
    const project = await (await postJson(base, '/api/projects', { name: `Fan-out ${p}` }, owner.token)).json();
    const member = await registerUser(base, `fan_${p}`);
    const added = await postJson(base, `/api/projects/${project.id}/members`, { username: member.username, role: 'viewer' }, owner.token);
    if (added.status !== 201) throw new Error(`add member: ${added.status}`);
    boards.push({ projectId: project.id, token: member.token });
  }
  const perProject = Math.ceil(streams / projects);
  const tokens = Array.from({ length: streams }, (_, i) => boards[Math.floor(i / perProject) % boards.length].token);

  const holders = fork(join(import.meta.dirname, 'stream-holders.mjs'), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ask = async (message, answer) => {
    holders.send(message);
    for (;;) {
      const [reply] = await once(holders, 'message');
      if (answer in reply) return reply[answer];
    }
  };
  let rssPerStreamBytes;
  let rssSettled = false;

  async function open() {
    // Measured on the first opening only, each reading once the process's memory has settled.
    const before = rssPerStreamBytes === undefined ? await settledRssBytes(apiPid) : undefined;
    const opened = await ask({ open: { base, tokens } }, 'opened');
    if (opened !== streams) throw new Error(`fan-out: ${opened} of ${streams} streams opened`);
    if (before) {
      const after = await settledRssBytes(apiPid);
      rssPerStreamBytes = (after.bytes - before.bytes) / streams;
      rssSettled = before.settled && after.settled;
    }
  }

  async function deliver({ writes = 200, writeConcurrency = 4 } = {}) {
    await ask({ record: true }, 'recording');
    const answeredAt = new Map();
    let next = 0;
    const writer = async () => {
      while (next < writes) {
        const n = next++;
        const response = await postJson(base, '/api/tasks', { title: `Fan-out task ${n}`, projectId: boards[n % boards.length].projectId }, owner.token);
        const at = Date.now();
        answeredAt.set((await response.json()).id, at);
      }
    };
    const started = Date.now();
    await Promise.all(Array.from({ length: writeConcurrency }, writer));
    const writeSeconds = (Date.now() - started) / 1000;
    const expected = writes * perProject;
    // The last events are on their way.
    const deadline = Date.now() + 10_000;
    let arrivals = await ask({ arrivals: true }, 'arrivals');
    while (arrivals.length < expected && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      arrivals = await ask({ arrivals: true }, 'arrivals');
    }
    const latencies = arrivals.filter(([taskId]) => answeredAt.has(taskId)).map(([taskId, at]) => Math.max(0, at - answeredAt.get(taskId)));
    return {
      streams,
      projects,
      writes,
      writesPerSecond: writes / writeSeconds,
      delivered: latencies.length,
      expected,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      max: Math.max(...latencies),
      rssPerStreamBytes,
      rssSettled,
    };
  }

  return {
    holdersPid: holders.pid,
    open,
    deliver,
    closeStreams: () => ask({ close: true }, 'closed'),
    stop: () => holders.disconnect(),
  };
}
