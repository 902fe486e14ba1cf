#!/usr/bin/env node
// `nx serve api`: one webpack build in watch mode, and the built API run with `node --watch`, so
// a change in any library rebuilds once and restarts the server. No debugger port is opened
// (set NODE_INSPECT=1 for one on 127.0.0.1:9229).
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const bundle = resolve(root, 'dist/apps/api/main.js');
const children = [];
const run = (command, args, options) => {
  const child = spawn(command, args, { stdio: 'inherit', cwd: root, ...options });
  children.push(child);
  child.on('exit', (code) => {
    for (const other of children) if (other !== child) other.kill('SIGTERM');
    process.exit(code ?? 0);
  });
  return child;
};

const startedAt = Date.now();
run('npx', ['webpack-cli', 'build', '--watch', '--no-stats'], {
  cwd: resolve(root, 'apps/api'),
  env: { ...process.env, NODE_ENV: 'development' },
});

// Start the server once the first build of this run has written the bundle (fs events would
// be neater; one check a second for the few seconds of the first build is enough).
const waitForBundle = setInterval(() => {
  if (!existsSync(bundle) || statSync(bundle).mtimeMs < startedAt) return;
  clearInterval(waitForBundle);
  const inspect = process.env.NODE_INSPECT ? ['--inspect=127.0.0.1:9229'] : [];
  run(process.execPath, ['--watch-path=dist/apps/api', '--enable-source-maps', ...inspect, bundle], {});
}, 1000);

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of children) child.kill(signal);
  });
}
