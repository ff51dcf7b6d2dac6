import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryTemplateStore } from '@facegate/adapter-local';
import {
  CAPABILITIES,
  type Capability,
  DEFAULT_IMAGE_CONSTRAINTS,
  FacegateError,
  type FaceProvider,
} from '@facegate/core';
import { toRawResponse } from '@facegate/core/adapter-kit';
import { scenarioProviderFactory } from '@facegate/core/scenario';
import { type ProviderFactory, SPECIFICATION_VERSION } from '@facegate/core/spec';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { fixturePath } from '../../../test-support/fixtures';
import type { CliIo } from './output/cli-io';
import { errorOutputSchema, providersOutputSchema, searchFindOutputSchema } from './output/json-output';
import type { ProviderPackage } from './providers/provider-packages';
import { runCli } from './run-cli';
import type { FaceTemplateStore } from './template-store/face-template-store';

const SECRET = 'sk-live-0123456789abcdef';
const dir = mkdtempSync(join(tmpdir(), 'facegate-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function memoryIo(env: Record<string, string> = {}) {
  const out = { stdout: '', stderr: '' };
  const io: CliIo = {
    stdout: (t) => {
      out.stdout += t;
    },
    stderr: (t) => {
      out.stderr += t;
    },
    stderrIsTTY: false,
    env,
    cwd: dir,
  };
  return { io, out };
}

function entry(factory: ProviderFactory, traits: Partial<ProviderPackage> = {}): ProviderPackage {
  return {
    id: factory.id,
    packageName: `@facegate/adapter-${factory.id}`,
    inProcessGallery: false,
    acceptsTemplateStore: false,
    loadsModels: false,
    load: async () => factory,
    ...traits,
  };
}

function baseProvider(id: string, capabilities: readonly Capability[]): FaceProvider {
  return {
    specificationVersion: SPECIFICATION_VERSION,
    provider: id,
    capabilities,
    mediaConstraints: { image: DEFAULT_IMAGE_CONSTRAINTS },
  };
}

/** A vendor that does liveness only in sessions and needs an API key. */
const sessionOnly: ProviderFactory = {
  id: 'cloudy',
  displayName: 'Session-only vendor',
  capabilities: ['liveness.session', 'match'],
  envVars: [{ name: 'CLOUDY_API_KEY', required: true, secret: true, description: 'API key' }],
  create: vi.fn((_options, env) => {
    if (!env.CLOUDY_API_KEY)
      throw new FacegateError({
        code: 'configuration_error',
        message: 'Cloudy API key is missing: pass `apiKey` or set CLOUDY_API_KEY',
        provider: 'cloudy',
      });
    return {
      ...baseProvider('cloudy', ['liveness.session', 'match']),
      doCompareFaces: async () => ({ similarity: 0.99, reasons: [], raw: toRawResponse({}), warnings: [] }),
    };
  }),
};

/**
 * A local-engine stand-in whose gallery lives only in the template store it
 * is given: identity = the file's first bytes, like a (very bad) embedding.
 */
const galleryEngine: ProviderFactory<{ templateStore?: FaceTemplateStore }> = {
  id: 'gallery',
  displayName: 'Gallery engine',
  capabilities: ['search'],
  envVars: [],
  create(options) {
    const store = options?.templateStore ?? createMemoryTemplateStore();
    const model = 'gallery-bytes-1';
    const embed = (bytes: Uint8Array) => {
      const v = Float32Array.from(bytes.slice(200, 216), (b) => b + 1);
      const n = Math.hypot(...v);
      return v.map((x) => x / n);
    };
    return {
      ...baseProvider('gallery', ['search']),
      doEnsureCollection: async () => {},
      doIndexFace: async (req) => {
        const faceId = `face-${req.externalId}`;
        await store.save({
          collection: req.collection,
          faceId,
          externalId: req.externalId,
          model,
          embedding: embed(req.image.data),
        });
        return { faceId, externalId: req.externalId, reasons: [], raw: toRawResponse({}), warnings: [] };
      },
      doSearchFaces: async (req) => {
        const found = await store.search(req.collection, { model, embedding: embed(req.image.data) }, 10, 1e-5);
        const matches = found.matches.map((t) => ({ faceId: t.faceId, externalId: t.externalId, similarity: 0.99 }));
        return { matches, reasons: [], raw: toRawResponse({ method: found.method }), warnings: [] };
      },
      doRemoveFaces: async (req) => {
        const gone = await store.remove(req.collection, req);
        return { removedFaceIds: gone, raw: toRawResponse({}), warnings: [] };
      },
    };
  },
};

const table = [
  entry(sessionOnly),
  entry(galleryEngine as ProviderFactory, { inProcessGallery: true, acceptsTemplateStore: true }),
  entry(scenarioProviderFactory as ProviderFactory, { packageName: null, inProcessGallery: true }),
];

async function cli(args: string[], env: Record<string, string> = {}) {
  const { io, out } = memoryIo(env);
  const code = await runCli(args, { io, providers: table });
  return { code, ...out };
}

describe('session-only vendors', () => {
  it('explain that liveness needs the browser component, before asking for credentials', async () => {
    vi.mocked(sessionOnly.create).mockClear();
    const run = await cli(['-p', 'cloudy', 'liveness', fixturePath('faces/obama-1.jpg')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^facegate: cloudy does liveness only as a session: the vendor's own browser component/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(sessionOnly.create).not.toHaveBeenCalled();
  });

  it('other unsupported operations are exit 2 naming the capability', async () => {
    const run = await cli(['-p', 'cloudy', 'quality', fixturePath('faces/obama-1.jpg'), '--json']);
    expect(run.code).toBe(2);
    expect(errorOutputSchema.parse(JSON.parse(run.stdout)).error.code).toBe('unsupported_operation');
    expect(run.stderr).toMatch(/needs capability 'quality'; it offers: liveness.session, match/);
  });
});

describe('credentials', () => {
  it('a missing credential is one line naming the env var, exit 3', async () => {
    const run = await cli([
      '-p',
      'cloudy',
      'match',
      fixturePath('faces/obama-1.jpg'),
      fixturePath('faces/obama-2.jpg'),
    ]);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/^facegate: Cloudy API key is missing: pass `apiKey` or set CLOUDY_API_KEY\. /);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('with the credential set the check runs, and the secret is printed nowhere', async () => {
    const env = { CLOUDY_API_KEY: SECRET };
    const match = await cli(
      ['-p', 'cloudy', 'match', fixturePath('faces/obama-1.jpg'), fixturePath('faces/obama-2.jpg'), '--json'],
      env,
    );
    expect(match.code).toBe(0);
    const providers = await cli(['providers', '--json'], env);
    const listed = providersOutputSchema.parse(JSON.parse(providers.stdout)).providers.find((p) => p.id === 'cloudy');
    expect(listed).toMatchObject({ configured: true, envVars: [{ name: 'CLOUDY_API_KEY', set: true, secret: true }] });
    const human = await cli(['providers'], env);
    for (const text of [match.stdout, match.stderr, providers.stdout, human.stdout, human.stderr])
      expect(text).not.toContain(SECRET);
  });
});

describe('--store: a gallery kept in a PGlite database folder across runs', () => {
  const store = join(dir, 'gallery');
  const search = (action: string[], ...rest: string[]) =>
    cli(['-p', 'gallery', 'search', '-c', 'staff', '--store', store, ...action, '--json', ...rest]);

  it('add in one run, find in the next, remove in a third; the folder is private and searched in the database', async () => {
    expect((await search(['add', '--id', 'obama', fixturePath('faces/obama-1.jpg')])).code).toBe(0);
    expect(statSync(store).mode & 0o777).toBe(0o700);
    expect(readdirSync(store)).toContain('PG_VERSION');
    expect((await search(['add', '--id', 'biden', fixturePath('faces/biden-1.jpg')])).code).toBe(0);
    const dup = await search(['find', fixturePath('faces/obama-1.jpg')]);
    expect(dup.code).toBe(1);
    const found = searchFindOutputSchema.parse(JSON.parse(dup.stdout));
    expect(found.matches.map((m) => m.externalId)).toEqual(['obama']);
    expect(dup.stderr).toBe('');
    expect((await search(['remove', '--id', 'obama'])).code).toBe(0);
    expect((await search(['find', fixturePath('faces/obama-1.jpg')])).code).toBe(0);
    const biden = await search(['find', fixturePath('faces/biden-1.jpg')]);
    expect(searchFindOutputSchema.parse(JSON.parse(biden.stdout)).matches.map((m) => m.externalId)).toEqual(['biden']);
    expect(biden.stdout).not.toMatch(/embedding/i);
  }, 120_000);

  it('without --store the in-memory gallery warns it starts empty and suggests --store', async () => {
    const run = await cli(['-p', 'gallery', 'search', '-c', 'staff', 'find', fixturePath('faces/obama-1.jpg')]);
    expect(run.stderr).toMatch(/starts empty on every run; pass --store DIR to keep it between runs/);
    expect(run.code).toBe(0);
  });

  it('a file, or a folder that is not a template store, is exit 3 with a clear line', async () => {
    const find = (path: string) =>
      cli(['-p', 'gallery', 'search', '-c', 'staff', '--store', path, 'find', fixturePath('faces/obama-1.jpg')]);
    const file = await find(fixturePath('faces/manifest.json'));
    expect(file.code).toBe(3);
    expect(file.stderr).toMatch(/manifest\.json: is a file; --store takes a folder/);
    const folder = await find(fixturePath('faces'));
    expect(folder.code).toBe(3);
    expect(folder.stderr).toMatch(/is not a facegate template store/);
  });
});

describe('models', () => {
  it('shows progress while a model-loading provider warms up', async () => {
    const warmUp = vi.fn(async () => {});
    const slow: ProviderFactory = {
      ...scenarioProviderFactory,
      id: 'slow',
      create: (o, env) => ({ ...(scenarioProviderFactory.create(o, env) as FaceProvider), provider: 'slow', warmUp }),
    } as ProviderFactory;
    const { io, out } = memoryIo();
    const code = await runCli(['-p', 'slow', 'quality', fixturePath('faces/obama-1.jpg')], {
      io,
      providers: [entry(slow, { loadsModels: true })],
    });
    expect(code).toBe(0);
    expect(warmUp).toHaveBeenCalledOnce();
    expect(out.stderr).toMatch(
      /^loading slow models…\nslow models ready \(\d+\.\d s, loaded once for this process\)\n$/,
    );
  });

  it('lists every capability of a provider', async () => {
    const run = await cli(['providers', '--json']);
    const scenario = providersOutputSchema.parse(JSON.parse(run.stdout)).providers.find((p) => p.id === 'scenario');
    expect(scenario?.capabilities).toEqual([...CAPABILITIES]);
  });
});
