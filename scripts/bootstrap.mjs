#!/usr/bin/env node
// One command from a fresh clone with only Node 20 and npm:
//   npm test       → system packages, install, build, lint, type-check, docs, every test
//   npm run demo   → install, build, start the demo
// pnpm is fetched with npx at the pinned version (corepack is not used: its
// signature check fails on machines without network access to its keys).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pinned = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager; // "pnpm@x.y.z"
const task = process.argv[2];
const tasks = {
  test: ['system', 'install', 'build', 'verify'],
  demo: ['install', 'build', 'demo'],
};
if (!tasks[task]) {
  console.error(`usage: node scripts/bootstrap.mjs <${Object.keys(tasks).join('|')}>`);
  process.exit(2);
}

const runningUnderPinnedPnpm = (process.env.npm_config_user_agent ?? '').startsWith(`${pinned.replace('@', '/')} `);

function pnpm(...args) {
  const [command, commandArgs] =
    runningUnderPinnedPnpm && process.env.npm_execpath
      ? [process.execPath, [process.env.npm_execpath, ...args]]
      : ['npx', ['-y', pinned, ...args]];
  const result = spawnSync(command, commandArgs, {
    cwd: root,
    stdio: 'inherit',
    // Two glibc malloc arenas instead of 8 per core: the engine's worker threads and libvips otherwise keep
    // ~70 MB of freed memory in per-thread arenas. Blocks of 64 kB and more (tensors, decoded pixels) mapped
    // and unmapped on their own, so a freed one goes back to the system instead of growing the heap
    // (docs/adapters/local.md#memory).
    env: {
      ...process.env,
      CI: process.env.CI ?? 'true',
      MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2',
      MALLOC_MMAP_THRESHOLD_: process.env.MALLOC_MMAP_THRESHOLD_ ?? '65536',
    },
  });
  if (result.status !== 0) {
    console.error(`\n✗ pnpm ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

// Debian packages the tests use: a real PostgreSQL server (started by the
// tests themselves in a temp dir), Chromium and ffmpeg for the browser tests,
// Jackson and JUnit jars for the eSignet Java plugin's build (javac + JDK 17
// come with the machine; Maven cannot reach a repository).
// Installed when missing and we may (root with apt-get); otherwise the tests
// that need them fail with the command to run.
const DEBIAN_PACKAGES = {
  'postgresql-15': '/usr/lib/postgresql/15/bin/initdb',
  chromium: '/usr/bin/chromium',
  ffmpeg: '/usr/bin/ffmpeg',
  'libjackson2-databind-java': '/usr/share/java/jackson-databind.jar',
  junit4: '/usr/share/java/junit4.jar',
};

function installSystemPackages() {
  const missing = Object.entries(DEBIAN_PACKAGES)
    .filter(([, file]) => !existsSync(file))
    .map(([pkg]) => pkg);
  if (missing.length === 0) return;
  const canInstall = process.getuid?.() === 0 && spawnSync('sh', ['-c', 'command -v apt-get']).status === 0;
  if (!canInstall) {
    console.warn(
      `! missing Debian packages the tests need: ${missing.join(' ')} (apt-get install -y ${missing.join(' ')})`,
    );
    return;
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', '--no-install-recommends', ...missing],
  ]) {
    const result = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (result.status !== 0) {
      console.error(`\n✗ apt-get ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
      process.exit(result.status ?? 1);
    }
  }
}

const steps = {
  system: installSystemPackages,
  install: () => pnpm('install', '--frozen-lockfile'),
  build: () => pnpm('run', 'build'),
  verify: () => pnpm('run', 'verify'),
  demo: () => pnpm('run', 'demo:start'),
};
for (const step of tasks[task]) {
  console.log(`\n▶ ${step}`);
  steps[step]();
}
