#!/usr/bin/env node
// `npm start`: the API and the web app together, on embedded defaults unless .env says otherwise.
import { spawn } from 'node:child_process';

const apiPort = process.env.PORT ?? '3000';
console.log(`
  TaskFlow is starting (the first build takes a minute):
    web app     http://localhost:4200
    API         http://localhost:${apiPort}/api
    Swagger UI  http://localhost:${apiPort}/docs
  Without DATABASE_URL, MONGODB_URI, REDIS_URL or SMTP_URL, embedded stores are used (data in .data/).
`);

const child = spawn(
  'npx',
  ['nx', 'run-many', '-t', 'serve', '-p', 'api', 'web', '--parallel=2', '--outputStyle=stream'],
  { stdio: 'inherit', env: { ...process.env, NX_DAEMON: process.env.NX_DAEMON ?? 'false' } },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
