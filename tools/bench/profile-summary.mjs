// Summarises a .cpuprofile by package: `node tools/bench/profile-summary.mjs <file>`.
import { readFileSync } from 'node:fs';
const p = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = p.timeDeltas; let total = 0;
for (let i = 0; i < p.samples.length; i++) { const n = byId.get(p.samples[i]); const t = dt[i] ?? 0; total += t;
  const f = n.callFrame; const pkg = (f.url.match(/node_modules\/((@[^/]+\/)?[^/]+)/)?.[1]) ?? (f.url.includes('main.js') ? 'app' : f.url ? 'node' : f.functionName || '(native)');
  self.set(pkg, (self.get(pkg) ?? 0) + t); }
const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 18);
for (const [k, v] of rows) console.log(`${(100 * v / total).toFixed(1).padStart(5)}%  ${k}`);
