import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = fileURLToPath(new URL('..', import.meta.url));

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/**
 * Process tests run `node dist/cli.js`. Build it (and core, which it imports
 * from node_modules) when missing or older than its sources, so a stale build
 * is never what gets tested.
 */
export default function setup(): void {
  const core = join(pkg, '../core');
  if (!existsSync(join(core, 'dist/index.js')) || !existsSync(join(core, 'dist/testing/index.js'))) run(core, 'core');
  const cli = join(pkg, 'dist/cli.js');
  if (
    !existsSync(cli) ||
    statSync(cli).mtimeMs < Math.max(newest(join(pkg, 'src')), statSync(join(pkg, 'tsup.config.ts')).mtimeMs)
  )
    run(pkg, 'cli');
}

function run(cwd: string, name: string): void {
  const result = spawnSync('npx', ['tsup'], { cwd, encoding: 'utf8', shell: process.platform === 'win32' });
  if (result.status !== 0) throw new Error(`building ${name} for the process tests failed:\n${result.stderr}`);
}
