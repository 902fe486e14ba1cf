// Reads docker/*.Dockerfile and checks the rules in lib/dockerfile.mjs, plus what issue 6 asks of
// each image. The negative cases prove each rule can fail.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  checkDockerfile,
  copyArguments,
  installsDependencies,
  isIgnored,
  parseDockerfile,
  readDockerignore,
  stages,
} from './lib/dockerfile.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const read = (p) => readFileSync(join(ROOT, p), 'utf8');

describe('the project Dockerfiles', () => {
  for (const file of ['docker/api.Dockerfile', 'docker/web.Dockerfile']) {
    test(`${file} follows the rules`, () => {
      assert.deepEqual(checkDockerfile(read(file), ROOT), []);
    });
  }

  test('api image: production runtime with a health check and the built bundle', () => {
    const list = stages(parseDockerfile(read('docker/api.Dockerfile')));
    const final = list[list.length - 1];
    const text = final.instructions.map((i) => i.raw).join('\n');
    assert.match(text, /ENV .*NODE_ENV=production/);
    assert.match(text, /HEALTHCHECK .*\/api\/health\/live/);
    assert.match(text, /CMD \["node", "dist\/apps\/api\/main\.js"\]/);
    assert.match(text, /USER node/);
    // The runtime gets production dependencies only: from a stage that ran npm ci --omit=dev.
    const nodeModules = final.instructions.find((i) => i.keyword === 'COPY' && /node_modules/.test(i.args));
    const from = list.find((s) => s.name === String(nodeModules.flags.from));
    assert.ok(from.instructions.some((i) => i.keyword === 'RUN' && /npm ci .*--omit=dev/.test(i.args)));
  });

  test('web image: nginx template and built browser bundle, non-root', () => {
    const list = stages(parseDockerfile(read('docker/web.Dockerfile')));
    const final = list[list.length - 1];
    const copies = final.instructions.filter((i) => i.keyword === 'COPY').map((i) => copyArguments(i.args));
    assert.ok(copies.some((c) => c.sources.includes('docker/nginx/templates/default.conf.template') && c.dest === '/etc/nginx/templates/default.conf.template'));
    assert.ok(copies.some((c) => c.sources.includes('/app/dist/apps/web/browser')));
    const users = final.instructions.filter((i) => i.keyword === 'USER');
    assert.equal(users.at(-1).args, '101');
  });

  test('.dockerignore keeps node_modules, dist, .data, .env and git out of the context', () => {
    const rules = readDockerignore(ROOT);
    for (const p of ['node_modules/x', 'apps/api/node_modules/y', 'dist/apps/api/main.js', '.data/pg', '.env', '.env.production', '.git/HEAD', '.nx/cache/a']) {
      assert.equal(isIgnored(p, rules), true, `${p} should be ignored`);
    }
    for (const p of ['package.json', 'package-lock.json', 'apps/api/src/main.ts', 'libs/shared/contracts/src/index.ts', '.env.example', 'docker/nginx/templates/default.conf.template']) {
      assert.equal(isIgnored(p, rules), false, `${p} should be in the context`);
    }
  });
});

describe('the checker catches bad Dockerfiles', () => {
  const ctx = mkdtempSync(join(tmpdir(), 'tf-dockerfile-'));
  after(() => rmSync(ctx, { recursive: true, force: true }));
  mkdirSync(join(ctx, 'src'));
  writeFileSync(join(ctx, 'package.json'), '{}');
  writeFileSync(join(ctx, 'package-lock.json'), '{}');
  writeFileSync(join(ctx, 'src', 'main.js'), '');
  writeFileSync(join(ctx, '.env'), 'SECRET_KEY=x');
  writeFileSync(join(ctx, '.dockerignore'), '.env\nnode_modules\n');

  const good = `FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
FROM deps AS build
COPY src ./src
RUN node src/main.js
FROM node:20-bookworm-slim
COPY --from=build /app/src ./src
USER node
CMD ["node", "src/main.js"]
`;

  test('a good Dockerfile passes', () => {
    assert.deepEqual(checkDockerfile(good, ctx), []);
  });

  test('install after COPY . . is caught', () => {
    const bad = `FROM node:20-bookworm-slim
WORKDIR /app
COPY . .
RUN npm ci
USER node
`;
    const problems = checkDockerfile(bad, ctx);
    assert.equal(problems.length, 1);
    assert.match(problems[0], /line 4: dependencies installed after the sources were copied \(line 3\)/);
  });

  test('install after sources in a parent stage is caught, across line continuations', () => {
    const bad = `FROM node:20-bookworm-slim AS base
COPY src ./src
FROM base AS deps
COPY package.json ./
RUN apt-get update \\
 && npm install --omit=dev
FROM deps
USER node
`;
    const problems = checkDockerfile(bad, ctx);
    assert.equal(problems.length, 1);
    assert.match(problems[0], /line 5: dependencies installed after/);
  });

  test('a final stage without USER is caught', () => {
    const bad = good.replace('USER node\n', '');
    const problems = checkDockerfile(bad, ctx);
    assert.deepEqual(problems.length, 1);
    assert.match(problems[0], /no USER instruction, so it runs as root/);
  });

  test('USER root (or 0) at the end of the final stage is caught', () => {
    assert.match(checkDockerfile(good.replace('USER node', 'USER node\nUSER root'), ctx)[0], /runs as root \(USER root\)/);
    assert.match(checkDockerfile(good.replace('USER node', 'USER 0:0'), ctx)[0], /runs as root \(USER 0:0\)/);
  });

  test('USER in an earlier stage counts only if the final stage builds on it', () => {
    const inherits = `FROM node:20-bookworm-slim AS base
USER node
FROM base
CMD ["node"]
`;
    assert.deepEqual(checkDockerfile(inherits, ctx), []);
    const unrelated = `FROM node:20-bookworm-slim AS base
USER node
FROM node:20-bookworm-slim
CMD ["node"]
`;
    assert.match(checkDockerfile(unrelated, ctx)[0], /no USER instruction/);
  });

  test('a COPY of a missing path is caught', () => {
    const bad = good.replace('COPY src ./src', 'COPY src ./src\nCOPY apps/missing ./apps/missing');
    const problems = checkDockerfile(bad, ctx);
    assert.equal(problems.length, 1);
    assert.match(problems[0], /apps\/missing does not exist in the build context/);
  });

  test('a COPY of a path excluded by .dockerignore is caught', () => {
    const bad = good.replace('USER node', 'COPY .env ./\nUSER node');
    const problems = checkDockerfile(bad, ctx);
    assert.equal(problems.length, 1);
    assert.match(problems[0], /\.env is excluded by \.dockerignore/);
  });

  test('COPY --from an unknown stage is caught', () => {
    const bad = good.replace('--from=build', '--from=biuld');
    assert.match(checkDockerfile(bad, ctx)[0], /--from=biuld names no earlier stage/);
  });

  test('installs are recognised in their usual spellings, and only those', () => {
    for (const cmd of ['npm ci', 'npm ci --omit=dev && npm cache clean --force', 'npm install', 'npm i -g nx', 'yarn install --frozen-lockfile', 'yarn', 'pnpm install', '["npm","ci"]']) {
      assert.equal(installsDependencies(cmd), true, cmd);
    }
    for (const cmd of ['npx nx build api', 'npm run build', 'npm cache clean --force', 'yarn build', 'node -e "1"', 'npm init -y']) {
      assert.equal(installsDependencies(cmd), false, cmd);
    }
  });
});
