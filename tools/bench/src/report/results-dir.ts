import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../fixtures';

/** `bench-results/` at the repository root; it ignores itself in git (a `.gitignore` of `*` inside). */
export function resultsDir(): string {
  const dir = join(REPO_ROOT, 'bench-results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, '.gitignore'), '*\n');
  return dir;
}

/** A file name stamp, e.g. `2026-05-14T12-03-11`. */
export function stamp(date = new Date()): string {
  return date.toISOString().slice(0, 19).replace(/:/g, '-');
}
