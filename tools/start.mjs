#!/usr/bin/env node
// `npm start`: the API and the web app together, on embedded defaults unless .env says otherwise.
// PORT moves the API (and the web app's proxy follows it), WEB_PORT the web app.
import { spawn } from 'node:child_process';

const apiPort = process.env.PORT || '3000';
const webPort = process.env.WEB_PORT || '4200';
const env = {
  ...process.env,
  PORT: apiPort,
  NX_DAEMON: process.env.NX_DAEMON ?? 'false',
  NX_TUI: 'false',
  // Nx falls back to ts-node without swc and warns once per project; ts-node is our choice.
  NX_PREFER_TS_NODE: process.env.NX_PREFER_TS_NODE ?? 'true',
};

console.log(`
  TaskFlow is starting… (the first build takes a minute; the addresses are printed again once the API is ready)
  Without DATABASE_URL, MONGODB_URI, REDIS_URL or SMTP_URL, embedded stores are used (data in .data/).
`);

// Each in a process group of its own, so stopping one stops everything it started (nx, webpack, node).
const children = [
  spawn('npx', ['nx', 'serve', 'api', '--outputStyle=stream'], { stdio: 'inherit', env, detached: true }),
  spawn('npx', ['nx', 'serve', 'web', `--port=${webPort}`, '--outputStyle=stream'], { stdio: 'inherit', env, detached: true }),
];
const stopAll = (signal) => {
  for (const child of children) {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  }
};
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stopAll(signal));
for (const child of children) {
  child.on('exit', (code) => {
    stopAll('SIGTERM');
    process.exit(code ?? 1);
  });
}

// Says when it is worth opening the browser: the API answers ready (migrations done, stores up).
const ready = `http://localhost:${apiPort}/api/health/ready`;
const waitForApi = setInterval(async () => {
  try {
    if (!(await fetch(ready)).ok) return;
  } catch {
    return;
  }
  clearInterval(waitForApi);
  console.log(`
  TaskFlow is ready:
    web app     http://localhost:${webPort}
    Swagger UI  http://localhost:${apiPort}/docs
`);
}, 2000);
