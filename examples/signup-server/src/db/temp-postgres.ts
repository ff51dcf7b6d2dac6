// Test support (not shipped): a throwaway PostgreSQL server in a temp dir on a
// free local port, from the Debian postgresql binaries. initdb refuses to run
// as root, so as root the cluster runs as the `postgres` system user.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A running temporary cluster. */
export interface TempPostgres {
  url: string;
  stop(): Promise<void>;
}

/** Where initdb and pg_ctl live: PATH first, then Debian's versioned folder. */
export function findPostgresBin(): string | undefined {
  const fromPath = spawnSync('sh', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' }).stdout.trim();
  if (fromPath && existsSync(join(fromPath, '..', 'initdb'))) return join(fromPath, '..');
  const debian = '/usr/lib/postgresql';
  if (!existsSync(debian)) return undefined;
  const versions = readdirSync(debian).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) if (existsSync(join(debian, v, 'bin', 'initdb'))) return join(debian, v, 'bin');
  return undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Run as the postgres user when we are root (initdb insists). */
function runAs(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

/** Start a cluster; throws with an install hint when the binaries are missing. */
export async function startTempPostgres(): Promise<TempPostgres> {
  const bin = findPostgresBin();
  if (!bin) throw new Error('PostgreSQL server binaries not found: install them (apt-get install -y postgresql-15)');
  const dir = mkdtempSync(join(tmpdir(), 'facegate-pg-'));
  const user = runAs();
  if (user.uid !== undefined && user.gid !== undefined) chownSync(dir, user.uid, user.gid);
  const data = join(dir, 'data');
  const port = await freePort();
  const opts = { ...user, stdio: 'pipe' as const, env: { ...process.env, LC_ALL: 'C' } };
  execFileSync(join(bin, 'initdb'), ['-D', data, '-U', 'facegate', '--auth=trust', '-E', 'UTF8'], opts);
  execFileSync(
    join(bin, 'pg_ctl'),
    ['-D', data, '-l', join(dir, 'log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`, 'start'],
    opts,
  );
  return {
    url: `postgres://facegate@127.0.0.1:${port}/postgres`,
    async stop() {
      spawnSync(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], opts);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
