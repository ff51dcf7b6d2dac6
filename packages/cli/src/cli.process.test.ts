import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canResolve, repoRoot, runBuiltCli } from '../test-support/run-built-cli';
import {
  errorOutputSchema,
  livenessOutputSchema,
  matchOutputSchema,
  providersOutputSchema,
  qualityOutputSchema,
  searchAddOutputSchema,
  searchFindOutputSchema,
  searchRemoveOutputSchema,
} from './output/json-output';

const face = (name: string) => `fixtures/faces/${name}`;
const scenario = (extra: Record<string, string> = {}) => ({
  env: { FACEGATE_PROVIDER: 'scenario', FACEGATE_MAX_RETRIES: '0', ...extra },
});
/** Base64 of a fixture's first bytes: must never appear in any output. */
const bytesOf = (name: string) =>
  Buffer.from(readFileSync(join(repoRoot, face(name))))
    .toString('base64')
    .slice(0, 40);

let frames: string;
beforeAll(() => {
  frames = mkdtempSync(join(tmpdir(), 'facegate-cli-frames-'));
  // Names that sort wrongly as plain strings: frame-10 must come last.
  copyFileSync(join(repoRoot, face('obama-1.jpg')), join(frames, 'frame-1.jpg'));
  copyFileSync(join(repoRoot, face('obama-2.jpg')), join(frames, 'frame-2.jpg'));
  copyFileSync(join(repoRoot, face('obama-4.jpg')), join(frames, 'frame-10.jpg'));
  writeFileSync(join(frames, 'notes.txt'), 'not a frame');
});
afterAll(() => rmSync(frames, { recursive: true, force: true }));

describe('facegate match (built CLI, scenario provider)', () => {
  it('passes two photos of the same person: exit 0, human output', async () => {
    const run = await runBuiltCli(['match', face('obama-1.jpg'), face('obama-2.jpg')], scenario());
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^match: PASS/);
    expect(run.stdout).toMatch(/similarity\s+0\.950/);
    expect(run.stderr).toBe('');
  });

  it('prints the documented JSON schema, with no image bytes', async () => {
    const run = await runBuiltCli(['match', face('obama-1.jpg'), face('obama-2.jpg'), '--json'], scenario());
    const out = matchOutputSchema.parse(run.json());
    expect(out).toMatchObject({ ok: true, exitCode: 0, provider: 'scenario', isMatch: true, similarity: 0.95 });
    expect(run.stdout).not.toContain(bytesOf('obama-1.jpg'));
  });

  it('exits 1 when the faces do not match', async () => {
    const run = await runBuiltCli(
      ['match', face('obama-1.jpg'), face('biden-1.jpg'), '--json'],
      scenario({ FACEGATE_SCENARIO: 'mismatch' }),
    );
    expect(run.code).toBe(1);
    expect(matchOutputSchema.parse(run.json())).toMatchObject({
      ok: false,
      isMatch: false,
      decision: { outcome: 'reject' },
    });
  });

  it('applies --threshold (the review band follows it down)', async () => {
    const strict = await runBuiltCli(
      ['match', face('obama-1.jpg'), face('obama-2.jpg'), '--threshold', '0.97', '--json'],
      scenario(),
    );
    expect(strict.code).toBe(1);
    expect(matchOutputSchema.parse(strict.json())).toMatchObject({
      threshold: { passAt: 0.97, reviewAt: 0.8 },
      decision: { outcome: 'review', reasons: ['low_similarity'] },
    });
    const lax = await runBuiltCli(
      ['match', face('obama-1.jpg'), face('obama-2.jpg'), '--threshold', '0.5', '--json'],
      scenario(),
    );
    expect(matchOutputSchema.parse(lax.json()).threshold).toEqual({ passAt: 0.5, reviewAt: 0.5 });
  });

  it('takes thresholds from FACEGATE_* variables', async () => {
    const run = await runBuiltCli(
      ['match', face('obama-1.jpg'), face('obama-2.jpg'), '--json'],
      scenario({ FACEGATE_MATCH_PASS_AT: '0.96' }),
    );
    expect(run.code).toBe(1);
  });
});

describe('facegate liveness (built CLI, scenario provider)', () => {
  it('checks a still image', async () => {
    const run = await runBuiltCli(['liveness', face('obama-1.jpg'), '--json'], scenario());
    expect(run.code).toBe(0);
    const out = livenessOutputSchema.parse(run.json());
    expect(out).toMatchObject({ isLive: true, input: { kind: 'image' }, confidence: 0.97 });
    // The reference image is described, never printed.
    expect(out.referenceImage?.byteLength).toBeGreaterThan(1000);
    expect(run.stdout).not.toContain(bytesOf('obama-1.jpg'));
  });

  it('exits 1 with the reasons for a spoof', async () => {
    const run = await runBuiltCli(['liveness', face('obama-1.jpg')], scenario({ FACEGATE_SCENARIO: 'spoof' }));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^liveness: REJECT/);
    expect(run.stdout).toContain('spoof_suspected: The face appears to be a presentation attack');
  });

  it('checks a video clip', async () => {
    const run = await runBuiltCli(['liveness', 'fixtures/media/clip-2s.webm', '--json'], scenario());
    expect(livenessOutputSchema.parse(run.json()).input.kind).toBe('video');
  });

  it('reads a directory as frames in natural name order, with the given challenge, progress on stderr', async () => {
    const run = await runBuiltCli(
      ['liveness', frames, '--challenge', 'turn_left,blink', '--frame-interval', '300', '--json'],
      scenario(),
    );
    expect(run.code).toBe(0);
    const out = livenessOutputSchema.parse(run.json());
    expect(out.input.kind).toBe('frames');
    expect(out.input.frames?.map((f) => [f.file.split(/[\\/]/).pop(), f.capturedAtMs])).toEqual([
      ['frame-1.jpg', 0],
      ['frame-2.jpg', 300],
      ['frame-10.jpg', 600],
    ]);
    expect(out.input.challenge).toEqual({ steps: ['look_straight', 'turn_left', 'blink'], stepTimeoutMs: 5000 });
    expect(run.stderr).toContain('reading frames from');
    expect(run.stderr).toContain('skipped 1 file(s)');
  });

  it('is silent on stderr with --quiet', async () => {
    const run = await runBuiltCli(['liveness', frames, '--quiet'], scenario());
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^liveness: PASS/);
  });

  it('refuses frame options for a single file', async () => {
    const run = await runBuiltCli(['liveness', face('obama-1.jpg'), '--challenge', 'blink'], scenario());
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--challenge applies to a directory of frames/);
  });
});

describe('facegate quality (built CLI, scenario provider)', () => {
  it('reports faces with boxes and metrics', async () => {
    const run = await runBuiltCli(['quality', face('obama-1.jpg'), '--json'], scenario());
    expect(run.code).toBe(0);
    const out = qualityOutputSchema.parse(run.json());
    expect(out.faces).toHaveLength(1);
    expect(out.faces[0]?.box).toEqual({ left: 0.3, top: 0.2, width: 0.4, height: 0.5 });
  });

  it('exits 1 with feedback codes when the photo should be retaken', async () => {
    const run = await runBuiltCli(
      ['quality', face('multi-group.jpg')],
      scenario({ FACEGATE_SCENARIO: 'multiple_faces' }),
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^quality: RETRY/);
    expect(run.stdout).toContain('multiple_faces');
  });
});

describe('facegate search (built CLI, scenario provider)', () => {
  it('adds a face, warning that the scenario gallery lives only for this run', async () => {
    const run = await runBuiltCli(
      ['search', '--collection', 'users', 'add', '--id', 'user-1', face('obama-1.jpg'), '--json'],
      scenario(),
    );
    expect(run.code).toBe(0);
    expect(searchAddOutputSchema.parse(run.json())).toMatchObject({
      action: 'add',
      externalId: 'user-1',
      collection: 'users',
    });
    expect(run.stderr).toMatch(/keeps collections in memory/);
  });

  it('find exits 0 for a unique face and 1 for a duplicate', async () => {
    const unique = await runBuiltCli(['search', '-c', 'users', 'find', face('obama-1.jpg'), '--json'], scenario());
    expect(unique.code).toBe(0);
    expect(searchFindOutputSchema.parse(unique.json())).toMatchObject({ isDuplicate: false, matches: [] });
    const dup = await runBuiltCli(
      ['search', '-c', 'users', 'find', face('obama-1.jpg'), '--json'],
      scenario({ FACEGATE_SCENARIO: 'duplicate' }),
    );
    expect(dup.code).toBe(1);
    expect(searchFindOutputSchema.parse(dup.json())).toMatchObject({
      isDuplicate: true,
      decision: { outcome: 'reject' },
    });
  });

  it('removes by external id', async () => {
    const run = await runBuiltCli(['search', '-c', 'users', 'remove', '--id', 'user-1', '--json'], scenario());
    expect(run.code).toBe(0);
    expect(searchRemoveOutputSchema.parse(run.json()).removedFaceIds).toEqual([]);
  });

  it('warns that --store does not apply to the scenario provider', async () => {
    const run = await runBuiltCli(
      ['search', '-c', 'users', '--store', join(frames, 'store-db'), 'find', face('obama-1.jpg'), '--json'],
      scenario(),
    );
    expect(run.stderr).toMatch(/--store is ignored/);
    expect(searchFindOutputSchema.parse(run.json()).warnings[0]).toMatchObject({ type: 'unsupported_option' });
  });

  it.each([
    [['search', 'add', '--id', 'x', face('obama-1.jpg')], /--collection NAME is required/],
    [['search', '-c', 'users', 'add', face('obama-1.jpg')], /needs exactly one --id/],
    [['search', '-c', 'bad/name', 'find', face('obama-1.jpg')], /--collection 'bad\/name': use 1–255 letters/],
    [['search', '-c', 'users', 'frob'], /unknown search action 'frob'/],
  ])('usage errors exit 2: %j', async (args, message) => {
    const run = await runBuiltCli(args, scenario());
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});

describe('facegate providers (built CLI)', () => {
  it('lists providers, installed or not, and what each supports', async () => {
    const run = await runBuiltCli(['providers', '--json'], scenario());
    expect(run.code).toBe(0);
    const out = providersOutputSchema.parse(run.json());
    expect(out.selected).toBe('scenario');
    expect(out.providers.map((p) => p.id)).toEqual(['local', 'aws', 'azure', 'decentro', 'facia', 'scenario']);
    expect(out.providers.find((p) => p.id === 'scenario')).toMatchObject({
      installed: true,
      configured: true,
      package: null,
    });
    for (const p of out.providers.filter((x) => x.package)) expect(p.installed).toBe(canResolve(p.package as string));
  });

  it('prints a table by default, marking the selected provider', async () => {
    const run = await runBuiltCli(['providers'], scenario());
    expect(run.stdout).toMatch(/^\* scenario\s+configured/m);
  });
});

describe('errors: one clear line, the right exit code, no stack trace', () => {
  it.each([
    [
      'a missing file',
      ['match', 'nope.jpg', face('obama-1.jpg')],
      2,
      /^facegate: nope\.jpg: no such file or directory\n$/,
    ],
    [
      'a non-image file',
      ['quality', 'package.json'],
      2,
      /^facegate: package\.json is not an image \(JPEG, PNG or WebP\)\n$/,
    ],
    [
      'a directory where a file is expected',
      ['match', 'fixtures/faces', face('obama-1.jpg')],
      2,
      /is a directory; expected an image file/,
    ],
    [
      'a video where a still is expected',
      ['quality', 'fixtures/media/clip-2s.mp4'],
      2,
      /is a video; this command needs a still image/,
    ],
    ['an unknown command', ['frob'], 2, /^facegate: unknown command 'frob'/],
    [
      'an unknown option',
      ['match', '--frob', 'a', 'b'],
      2,
      /^facegate: unknown option '--frob'; see `facegate --help`\n$/,
    ],
    [
      'an option of another command',
      ['quality', face('obama-1.jpg'), '--threshold', '0.5'],
      2,
      /--threshold is not an option of `facegate quality`/,
    ],
    [
      'a malformed number',
      ['match', face('obama-1.jpg'), face('obama-2.jpg'), '--threshold', 'high'],
      2,
      /--threshold must be a number from 0 to 1/,
    ],
    ['missing arguments', ['match', face('obama-1.jpg')], 2, /missing arguments; usage: facegate match/],
    [
      'an unknown provider',
      ['--provider', 'nope', 'quality', face('obama-1.jpg')],
      2,
      /unknown provider 'nope'; known providers: local, aws/,
    ],
  ])('%s', async (_name, args, code, message) => {
    const run = await runBuiltCli(args as string[], scenario());
    expect(run.code).toBe(code);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stdout).toBe('');
  });

  it('a malformed FACEGATE_* setting is a configuration error (exit 3) naming the variable', async () => {
    const run = await runBuiltCli(
      ['match', face('obama-1.jpg'), face('obama-2.jpg')],
      scenario({ FACEGATE_MATCH_PASS_AT: '2' }),
    );
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/^facegate: FACEGATE_MATCH_PASS_AT="2" is invalid/);
  });

  it('a provider outage is exit 3, with a JSON error document under --json', async () => {
    const run = await runBuiltCli(
      ['match', face('obama-1.jpg'), face('obama-2.jpg'), '--json'],
      scenario({ FACEGATE_SCENARIO: 'outage' }),
    );
    expect(run.code).toBe(3);
    const out = errorOutputSchema.parse(run.json());
    expect(out).toMatchObject({
      ok: false,
      exitCode: 3,
      command: 'match',
      error: { code: 'provider_unavailable', retryable: true, provider: 'scenario' },
    });
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('prints the stack trace only with --debug', async () => {
    const run = await runBuiltCli(
      ['match', face('obama-1.jpg'), face('obama-2.jpg'), '--debug'],
      scenario({ FACEGATE_SCENARIO: 'outage' }),
    );
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/\n\s+at /);
  });

  it.skipIf(canResolve('@facegate/adapter-aws'))(
    'a provider whose adapter is not installed → exit 3 with the install command',
    async () => {
      const run = await runBuiltCli(
        ['--provider', 'aws', 'match', face('obama-1.jpg'), face('obama-2.jpg'), '--json'],
        scenario(),
      );
      expect(run.code).toBe(3);
      expect(run.stderr).toBe(
        "facegate: provider 'aws' needs @facegate/adapter-aws, which is not installed: run `npm install @facegate/adapter-aws` next to @facegate/cli\n",
      );
      expect(errorOutputSchema.parse(run.json()).error.code).toBe('adapter_not_installed');
    },
  );

  it('help and version exit 0; no command prints help and exits 2', async () => {
    expect((await runBuiltCli(['--help'])).code).toBe(0);
    expect((await runBuiltCli(['help', 'liveness'])).stdout).toContain('--challenge turn_left,blink');
    expect((await runBuiltCli(['search', '--help'])).stdout).toContain('--store DIR');
    expect((await runBuiltCli(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect((await runBuiltCli([])).code).toBe(2);
  });
});
