// The engines under evaluation are not dependencies of TaskFlow: they are installed in a scratch
// directory outside the repo (JOBEVAL_MODULES) and loaded from there, never from the workspace.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = process.env.JOBEVAL_MODULES;
if (!dir) throw new Error('JOBEVAL_MODULES is not set: the directory where pg-boss, graphile-worker, pg and PGlite are installed');
const scratchRequire = createRequire(join(dir, 'package.json'));

export const requireModule = (name) => scratchRequire(name);
export const importModule = (name) => import(pathToFileURL(scratchRequire.resolve(name)).href);
export const installedVersion = (name) => scratchRequire(`${name}/package.json`).version;
