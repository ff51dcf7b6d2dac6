import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canResolve, repoRoot, runBuiltCli } from '../test-support/run-built-cli';
import {
  livenessOutputSchema,
  matchOutputSchema,
  qualityOutputSchema,
  searchAddOutputSchema,
  searchFindOutputSchema,
} from './output/json-output';

// Enabled once @facegate/adapter-local is installed next to the CLI
// (a devDependency of @facegate/cli at merge). Models load in every process.
const face = (name: string) => `fixtures/faces/${name}`;
const local = { env: { FACEGATE_PROVIDER: 'local' }, timeoutMs: 120_000 };

describe.skipIf(!canResolve('@facegate/adapter-local'))('built CLI on the local engine', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'facegate-cli-local-'));
    for (const [i, name] of ['obama-1.jpg', 'obama-2.jpg', 'obama-4.jpg'].entries())
      copyFileSync(join(repoRoot, face(name)), join(dir, `frame-${i + 1}.jpg`));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('matches two photos of the same person and shows model-loading progress', async () => {
    const run = await runBuiltCli(['match', face('obama-1.jpg'), face('obama-2.jpg'), '--json'], local);
    expect(run.code).toBe(0);
    expect(matchOutputSchema.parse(run.json())).toMatchObject({ provider: 'local', isMatch: true });
    expect(run.stderr).toMatch(/loading local models…\nlocal models ready/);
  }, 120_000);

  it('does not match two different people (exit 1)', async () => {
    const run = await runBuiltCli(['match', face('obama-1.jpg'), face('biden-1.jpg'), '--json', '--quiet'], local);
    expect(run.code).toBe(1);
    expect(matchOutputSchema.parse(run.json()).isMatch).toBe(false);
    expect(run.stderr).toBe('');
  }, 120_000);

  it('reports several faces in a group photo (exit 1)', async () => {
    const run = await runBuiltCli(['quality', face('multi-two-people.jpg'), '--json'], local);
    expect(run.code).toBe(1);
    const out = qualityOutputSchema.parse(run.json());
    expect(out.faces.length).toBeGreaterThan(1);
    expect(out.reasons).toContain('multiple_faces');
  }, 120_000);

  it('passes a clear single portrait', async () => {
    const run = await runBuiltCli(['quality', face('obama-1.jpg'), '--json'], local);
    expect(qualityOutputSchema.parse(run.json()).faces).toHaveLength(1);
  }, 120_000);

  it('checks a directory of photos as frames answering the stated challenge', async () => {
    const run = await runBuiltCli(['liveness', dir, '--challenge', 'turn_left', '--json'], local);
    // Three unrelated stills: whatever the verdict, it is a verdict (0/1), not an error.
    expect([0, 1]).toContain(run.code);
    const out = livenessOutputSchema.parse(run.json());
    expect(out.input.challenge?.steps).toEqual(['look_straight', 'turn_left']);
    expect(out.isLive).toBe(run.code === 0);
    expect(run.stderr).toContain('checking 3 frames with local');
  }, 120_000);

  it('keeps a gallery across runs with --store: add, find a duplicate, remove', async () => {
    const store = join(dir, 'gallery-db');
    const search = (...args: string[]) =>
      runBuiltCli(['search', '-c', 'users', '--store', store, ...args, '--json'], local);
    const added = await search('add', '--id', 'obama', face('obama-1.jpg'));
    expect(added.code).toBe(0);
    expect(searchAddOutputSchema.parse(added.json()).externalId).toBe('obama');
    const dup = await search('find', face('obama-2.jpg'));
    expect(dup.code).toBe(1);
    expect(searchFindOutputSchema.parse(dup.json()).matches[0]?.externalId).toBe('obama');
    const other = await search('find', face('biden-1.jpg'));
    expect(other.code).toBe(0);
    expect((await search('remove', '--id', 'obama')).code).toBe(0);
    expect((await search('find', face('obama-2.jpg'))).code).toBe(0);
    // The store file is the only place embeddings go; the output never has them.
    expect(dup.stdout).not.toMatch(/embedding|descriptor/i);
  }, 300_000);
});
