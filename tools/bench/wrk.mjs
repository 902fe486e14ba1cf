// Drives one phase of load with wrk (Debian's `wrk` package): C, multi-threaded and light, so the
// load tool takes little of the CPU the server under test needs on a 2-core machine.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export async function wrkAvailable() {
  return run('wrk', ['--version']).then(
    () => true,
    (error) => error.code !== 'ENOENT',
  );
}

/** @returns {{ rps: number, p50: number, p99: number, total: number, bad: number }} latencies in ms */
export async function wrk({ url, method = 'GET', headers = {}, body, connections, seconds, threads = 2 }) {
  const dir = mkdtempSync(join(tmpdir(), 'taskflow-wrk-'));
  try {
    const script = join(dir, 'request.lua');
    writeFileSync(
      script,
      [
        `wrk.method = ${JSON.stringify(method)}`,
        ...(body === undefined ? [] : [`wrk.body = ${luaString(body)}`]),
        ...Object.entries(headers).map(([name, value]) => `wrk.headers[${luaString(name)}] = ${luaString(value)}`),
      ].join('\n'),
    );
    const args = ['-t', String(threads), '-c', String(connections), '-d', `${seconds}s`, '--latency', '-s', script, url];
    const { stdout } = await run('wrk', args, { maxBuffer: 1 << 20 });
    return parse(stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function parse(out) {
  const number = (pattern) => {
    const match = out.match(pattern);
    if (!match) throw new Error(`wrk output not understood (${pattern}):\n${out}`);
    return match;
  };
  const ms = ([, value, unit]) => Number(value) * { us: 0.001, ms: 1, s: 1000 }[unit];
  const errors = out.match(/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/);
  const non2xx = out.match(/Non-2xx or 3xx responses: (\d+)/);
  return {
    rps: Number(number(/Requests\/sec:\s+([\d.]+)/)[1]),
    p50: ms(number(/\s50%\s+([\d.]+)(us|ms|s)\b/)),
    p99: ms(number(/\s99%\s+([\d.]+)(us|ms|s)\b/)),
    total: Number(number(/(\d+) requests in/)[1]),
    bad: (errors ? errors.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0) + (non2xx ? Number(non2xx[1]) : 0),
  };
}

// JSON string escapes are valid Lua string escapes for the ASCII the bench sends.
const luaString = (value) => JSON.stringify(String(value));
