// File and line counts per vendor adapter, split by role, at a git ref
// (default: the work tree's HEAD). `node scripts/adapter-size.mjs [ref]`.
// Counts every tracked file under packages/adapter-<vendor>/ except lockfiles.
import { execFileSync } from 'node:child_process';

const ref = process.argv[2] ?? 'HEAD';
const git = (...args) => execFileSync('git', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const files = git('ls-tree', '-r', '--name-only', ref, 'packages/')
  .split('\n')
  .filter((path) => /^packages\/adapter-(aws|azure|decentro|facia)\//.test(path));

const roleOf = (path) => {
  if (/\.test\.ts$/.test(path)) return 'tests';
  if (/\/src\/testing\//.test(path)) return 'mock';
  if (/\/src\/.*\.ts$/.test(path)) return 'source';
  return 'config+docs';
};
const rows = new Map();
for (const path of files) {
  const adapter = path.split('/')[1];
  const lines = git('show', `${ref}:${path}`).split('\n').length - 1;
  const row = rows.get(adapter) ?? { files: 0, lines: 0 };
  row.files += 1;
  row.lines += lines;
  const role = roleOf(path);
  row[role] ??= { files: 0, lines: 0 };
  row[role].files += 1;
  row[role].lines += lines;
  rows.set(adapter, row);
}
const cell = (part) => (part ? `${part.files} / ${part.lines}` : '0 / 0');
console.log(`adapter sizes at ${ref} (files / lines)`);
console.log('| adapter | all | source | tests | mock (src/testing) | config+docs |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const [adapter, row] of [...rows].sort()) {
  console.log(
    `| ${adapter} | ${row.files} / ${row.lines} | ${cell(row.source)} | ${cell(row.tests)} | ${cell(row.mock)} | ${cell(row['config+docs'])} |`,
  );
}
