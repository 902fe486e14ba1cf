#!/usr/bin/env node
// The crash case of the evaluation (README.md, "crash"): each engine's worker killed with SIGKILL
// in the middle of a job, on the PostgreSQL server. Prints a Markdown table, each run's JSON on stderr.
import { writeFileSync } from 'node:fs';
import { runCrash } from './lib/crash.mjs';

const VARIANTS = (process.env.JOBEVAL_CRASH_ENGINES ?? 'graphile-worker,graphile-worker+aged-lock,pg-boss,pg-boss+expire60').split(',');

const results = [];
for (const variant of VARIANTS) {
  console.error(`jobeval crash: ${variant}…`);
  const result = await runCrash(variant);
  console.error(JSON.stringify(result));
  results.push(result);
}
if (process.env.JOBEVAL_OUT) writeFileSync(process.env.JOBEVAL_OUT, JSON.stringify(results, null, 2));

const rerun = (r) => (r.hungJobRerunAfterKillS === null || r.hungJobRerunAfterKillS === undefined ? `not within ${r.waitedS ?? '?'} s` : `${r.hungJobRerunAfterKillS} s`);
const header = ['engine', 'settings', 'hung job runs again after kill -9', 'ran behind it before the kill', 'ordered jobs after the kill', 'ran twice', 'other job on B after kill', 'errors'];
console.log(`| ${header.join(' | ')} |\n|${header.map(() => ' --- ').join('|')}|`);
for (const r of results) {
  console.log(
    `| ${[
      `${r.engine} ${r.version}`,
      r.settings,
      rerun(r),
      r.ranBehindHungJobBeforeKill?.join(', ') || 'nothing',
      r.orderedRunAfterKill?.join(', ') || 'none',
      r.ranTwice?.join(', ') || 'nothing',
      r.freeJobPickupMs == null ? 'never' : `${r.freeJobPickupMs} ms`,
      r.errors.join('; ').slice(0, 200),
    ].join(' | ')} |`,
  );
}
