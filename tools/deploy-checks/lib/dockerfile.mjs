// A small Dockerfile reader and the rules TaskFlow's images must follow.
// No Docker engine and no offline Dockerfile linter exist on our CI machines, so the few rules
// that matter to us are checked here by reading the files:
//   1. dependencies are installed before the sources are copied (layer caching),
//   2. the final stage does not run as root,
//   3. every path COPY/ADD takes from the build context exists and is not excluded by .dockerignore.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';

/** Split a Dockerfile into instructions: { line, keyword, args, flags, raw }. */
export function parseDockerfile(text) {
  const instructions = [];
  const lines = text.split(/\r?\n/);
  let i = 0;
  while (i < lines.length) {
    const startLine = i + 1;
    let current = lines[i];
    i += 1;
    if (/^\s*(#.*)?$/.test(current)) continue; // blank line, comment or parser directive
    // Line continuations; comment lines inside a continued instruction are dropped, as Docker does.
    while (/\\\s*$/.test(current) && i < lines.length) {
      current = current.replace(/\\\s*$/, ' ');
      const next = lines[i];
      i += 1;
      if (/^\s*#/.test(next)) continue;
      current += next;
    }
    const match = /^\s*([A-Za-z]+)\s*(.*)$/.exec(current);
    if (!match) throw new Error(`line ${startLine}: cannot parse "${current.trim()}"`);
    const keyword = match[1].toUpperCase();
    let rest = match[2].trim();
    // Heredoc bodies (RUN <<EOF ... EOF) are skipped: we never use them, but do not choke on them.
    const heredoc = /<<-?\s*["']?([A-Za-z_][A-Za-z0-9_]*)["']?/.exec(rest);
    if (heredoc && ['RUN', 'COPY', 'ADD'].includes(keyword)) {
      while (i < lines.length && lines[i].trim() !== heredoc[1]) i += 1;
      i += 1;
    }
    const flags = {};
    if (['COPY', 'ADD', 'FROM', 'RUN'].includes(keyword)) {
      let flag;
      while ((flag = /^--([a-z-]+)(?:=(\S*))?\s*/.exec(rest))) {
        flags[flag[1]] = flag[2] ?? true;
        rest = rest.slice(flag[0].length);
      }
    }
    instructions.push({ line: startLine, keyword, args: rest, flags, raw: current.trim() });
  }
  return instructions;
}

/** Arguments of COPY/ADD: JSON array form or whitespace separated. Returns { sources, dest }. */
export function copyArguments(args) {
  let parts;
  if (args.startsWith('[')) parts = JSON.parse(args);
  else parts = args.split(/\s+/).filter(Boolean);
  if (parts.length < 2) throw new Error(`COPY needs a source and a destination: "${args}"`);
  return { sources: parts.slice(0, -1), dest: parts[parts.length - 1] };
}

/** Group instructions into stages: { index, name, base, instructions }. */
export function stages(instructions) {
  const result = [];
  for (const ins of instructions) {
    if (ins.keyword === 'FROM') {
      const m = /^(\S+)(?:\s+AS\s+(\S+))?\s*$/i.exec(ins.args);
      if (!m) throw new Error(`line ${ins.line}: cannot parse FROM "${ins.args}"`);
      result.push({ index: result.length, name: m[2]?.toLowerCase() ?? null, base: m[1], line: ins.line, instructions: [] });
    } else if (result.length > 0) {
      result[result.length - 1].instructions.push(ins);
    } else if (ins.keyword !== 'ARG') {
      throw new Error(`line ${ins.line}: ${ins.keyword} before the first FROM`);
    }
  }
  if (result.length === 0) throw new Error('no FROM instruction');
  return result;
}

const MANIFESTS = new Set(['package.json', 'package-lock.json', 'npm-shrinkwrap.json', '.npmrc', 'yarn.lock', 'pnpm-lock.yaml', '.yarnrc.yml']);
const INSTALL = /(^|[;&|(]|\s)(npm\s+(ci|install|i|add)|yarn\s+(install|add)|yarn\s*($|&&|;)|pnpm\s+(install|i|add)|bun\s+install)(\s|$|;|&)/;

/** Is this RUN installing JavaScript dependencies? */
export function installsDependencies(runArgs) {
  const shell = runArgs.startsWith('[') ? JSON.parse(runArgs).join(' ') : runArgs;
  return INSTALL.test(shell);
}

function parentStage(stageList, stage) {
  const base = stage.base.toLowerCase();
  return stageList.find((s) => s.index < stage.index && (s.name === base || String(s.index) === base)) ?? null;
}

/** Rule 1: in every stage (including what it inherits from an earlier stage), no install after sources. */
export function checkInstallOrder(stageList) {
  const problems = [];
  const sourcesCopiedAt = new Map(); // stage index -> line where sources were first copied, or null
  for (const stage of stageList) {
    const parent = parentStage(stageList, stage);
    let copiedAt = parent ? sourcesCopiedAt.get(parent.index) : null;
    for (const ins of stage.instructions) {
      if ((ins.keyword === 'COPY' || ins.keyword === 'ADD') && !ins.flags.from) {
        const { sources } = copyArguments(ins.args);
        const onlyManifests = sources.every((src) => MANIFESTS.has(posix.basename(src.replace(/\/+$/, ''))));
        if (!onlyManifests && copiedAt == null) copiedAt = ins.line;
      }
      if (ins.keyword === 'RUN' && installsDependencies(ins.args) && copiedAt != null) {
        problems.push(`line ${ins.line}: dependencies installed after the sources were copied (line ${copiedAt}); copy only package.json and package-lock.json before installing, so a code change does not reinstall everything`);
      }
    }
    sourcesCopiedAt.set(stage.index, copiedAt);
  }
  return problems;
}

/** Rule 2: the final stage sets USER (itself or through an earlier stage it builds on) and it is not root. */
export function checkFinalUser(stageList) {
  let stage = stageList[stageList.length - 1];
  const chain = [];
  while (stage) {
    chain.push(stage);
    stage = parentStage(stageList, stage);
  }
  for (const s of chain) {
    const users = s.instructions.filter((ins) => ins.keyword === 'USER');
    if (users.length > 0) {
      const last = users[users.length - 1];
      const user = last.args.split(':')[0].trim();
      if (user === 'root' || user === '0') {
        return [`line ${last.line}: the final stage runs as root (USER ${last.args}); switch to an unprivileged user`];
      }
      return [];
    }
  }
  const final = stageList[stageList.length - 1];
  return [`line ${final.line}: the final stage has no USER instruction, so it runs as root`];
}

/** Docker's .dockerignore rules, enough for our file: globs with *, ?, ** and ! exceptions. */
export function readDockerignore(contextDir) {
  const file = join(contextDir, '.dockerignore');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const negate = l.startsWith('!');
      const pattern = posix.normalize((negate ? l.slice(1) : l).trim().replace(/^\/+/, ''));
      return { negate, pattern, regex: globToRegex(pattern) };
    });
}

function globToRegex(pattern) {
  let re = '';
  for (let i = 0; i < pattern.length; i += 1) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      // "**/" matches any number of directories, including none
      if (pattern[i + 2] === '/') { re += '(?:.*/)?'; i += 2; } else { re += '.*'; i += 1; }
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Is a context-relative path excluded? A path is excluded when it or one of its parents matches. */
export function isIgnored(relPath, rules) {
  const parts = posix.normalize(relPath).split('/').filter((p) => p && p !== '.');
  let ignored = false;
  for (const rule of rules) {
    for (let n = 1; n <= parts.length; n += 1) {
      if (rule.regex.test(parts.slice(0, n).join('/'))) {
        ignored = !rule.negate;
        break;
      }
    }
  }
  return ignored;
}

function expandGlob(contextDir, src) {
  if (!/[*?[]/.test(src)) return [src];
  const dir = posix.dirname(src);
  const re = globToRegex(posix.basename(src));
  const abs = join(contextDir, dir);
  if (!existsSync(abs) || !statSync(abs).isDirectory()) return [];
  return readdirSync(abs).filter((f) => re.test(f)).map((f) => posix.join(dir, f));
}

/** Rule 3: every build-context source exists and survives .dockerignore; --from names a known stage. */
export function checkCopySources(stageList, contextDir) {
  const problems = [];
  const rules = readDockerignore(contextDir);
  const names = new Set(stageList.map((s) => s.name).filter(Boolean));
  for (const stage of stageList) {
    for (const ins of stage.instructions) {
      if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') continue;
      const { sources } = copyArguments(ins.args);
      if (ins.flags.from) {
        const from = String(ins.flags.from).toLowerCase();
        const isImage = /[:/@]/.test(from);
        const isIndex = /^\d+$/.test(from) && Number(from) < stage.index;
        if (!names.has(from) && !isImage && !isIndex) {
          problems.push(`line ${ins.line}: COPY --from=${ins.flags.from} names no earlier stage`);
        }
        continue;
      }
      for (const src of sources) {
        if (/^[a-z]+:\/\//i.test(src)) continue; // ADD <url>
        if (src.includes('$')) {
          problems.push(`line ${ins.line}: cannot check a source path built from a variable: ${src}`);
          continue;
        }
        const rel = posix.normalize(src).replace(/^\/+/, '');
        if (rel.startsWith('..')) {
          problems.push(`line ${ins.line}: ${src} is outside the build context`);
          continue;
        }
        const matches = expandGlob(contextDir, rel).filter((p) => existsSync(join(contextDir, p)));
        if (matches.length === 0) {
          problems.push(`line ${ins.line}: ${src} does not exist in the build context (${contextDir})`);
        } else if (rel !== '.' && matches.every((p) => isIgnored(p, rules))) {
          problems.push(`line ${ins.line}: ${src} is excluded by .dockerignore, so the build would not see it`);
        }
      }
    }
  }
  return problems;
}

/** All three rules on one Dockerfile text. Returns a list of problems (empty = fine). */
export function checkDockerfile(text, contextDir) {
  const stageList = stages(parseDockerfile(text));
  return [...checkInstallOrder(stageList), ...checkFinalUser(stageList), ...checkCopySources(stageList, contextDir)];
}
