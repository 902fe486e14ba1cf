// The fan-out phase of `npm run bench`: many open GET /api/events streams on one API process
// (members of many projects) while a writer creates tasks. Reports response-to-arrival latency
// of the events and the process's resident memory per idle stream.
import { request as httpRequest } from 'node:http';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';

/** VmRSS of a process, in bytes (Linux). */
export function rssBytes(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) * 1024;
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
};

/** One stream read with node:http (no fetch overhead per chunk); calls onEvent(data, arrivedAt) per message. */
function openStream(base, token, onEvent) {
  const url = new URL('/api/events', base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path: url.pathname, agent: false, headers: { authorization: `Bearer ${token}` } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`stream: ${res.statusCode}`));
      res.setEncoding('utf8');
      let buffer = '';
      res.on('data', (text) => {
        const at = Date.now();
        buffer += text;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split('\n').find((line) => line.startsWith('data: '));
          if (data) onEvent(JSON.parse(data.slice(6)), at);
        }
      });
      res.on('error', () => undefined);
      resolve(() => req.destroy());
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Opens `streams` streams, spread over `projects` projects of the owner (one member per project,
 * each with streams/projects streams), and leaves them idle. The result measures the fan-out of
 * `writes` task creations (`deliver`) and closes the streams (`close`); in between, the other
 * phases can be run again with the streams open.
 */
export async function openFanOut({ base, apiPid, ownerToken, streams = 1_000, projects = 50 }) {
  const json = (path, body, token) =>
    fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
  const boards = [];
  for (let p = 0; p < projects; p++) {
    const project = await (await json('/api/projects', { name: `Fan-out ${p}` }, ownerToken)).json();
    const username = `fan_${p}_${randomBytes(3).toString('hex')}`;
    const password = 'benchmark password';
    const registered = await json('/api/users', { username, email: `${username}@example.com`, password });
    if (registered.status !== 201) throw new Error(`register: ${registered.status} ${await registered.text()}`);
    const added = await json(`/api/projects/${project.id}/members`, { username, role: 'viewer' }, ownerToken);
    if (added.status !== 201) throw new Error(`add member: ${added.status}`);
    const tokens = await (await json('/api/token', { grant_type: 'password', username, password })).json();
    boards.push({ projectId: project.id, token: tokens.access_token });
  }

  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const rssBefore = rssBytes(apiPid);
  const answeredAt = new Map();
  const arrivals = [];
  const closers = [];
  const perProject = Math.ceil(streams / projects);
  for (let i = 0; i < streams; i++) {
    const board = boards[Math.floor(i / perProject) % boards.length];
    closers.push(await openStream(base, board.token, (data, at) => arrivals.push({ taskId: data.taskId, at })));
  }
  // Let allocations settle (and a GC run) before reading the memory the idle streams hold.
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  const rssIdle = rssBytes(apiPid);

  async function deliver({ writes = 200, writeConcurrency = 4 } = {}) {
    arrivals.length = 0;
    let next = 0;
    const writer = async () => {
      while (next < writes) {
        const n = next++;
        const board = boards[n % boards.length];
        const response = await json('/api/tasks', { title: `Fan-out task ${n}`, projectId: board.projectId }, ownerToken);
        const at = Date.now();
        const task = await response.json();
        answeredAt.set(task.id, at);
      }
    };
    const started = Date.now();
    await Promise.all(Array.from({ length: writeConcurrency }, writer));
    const writeSeconds = (Date.now() - started) / 1000;
    // The last events are on their way.
    const expected = writes * perProject;
    const deadline = Date.now() + 10_000;
    while (arrivals.length < expected && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));

    const latencies = arrivals.filter((a) => answeredAt.has(a.taskId)).map((a) => Math.max(0, a.at - answeredAt.get(a.taskId)));
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
      rssPerStreamBytes: (rssIdle - rssBefore) / streams,
    };
  }

  return {
    deliver,
    close: () => {
      for (const close of closers) close();
    },
  };
}
