import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync } from 'fastify';

/** The detector package whose weights the webcam page loads. */
export const DETECTOR_PACKAGE = '@vladmandic/face-api';

/**
 * The only files the page needs: the tiny face detector and the tiny 68-point
 * landmark model (about 0.27 MB together). Everything else in the package stays unserved.
 */
export const DETECTOR_MODEL_FILES = [
  'tiny_face_detector_model-weights_manifest.json',
  'tiny_face_detector_model.bin',
  'face_landmark_68_tiny_model-weights_manifest.json',
  'face_landmark_68_tiny_model.bin',
] as const;

/** Where the installed detector package lives, or undefined when it is not installed. */
export function findDetectorPackage(): { dir: string; version: string } | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  // The server's own dependencies first; then the page's package (a sibling in this repo), from src/ or dist/.
  const bases = [
    import.meta.url,
    join(here, '../../../../signup-web/package.json'),
    join(here, '../../signup-web/package.json'),
  ];
  for (const base of bases) {
    try {
      const manifest = createRequire(base).resolve(`${DETECTOR_PACKAGE}/package.json`);
      const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
      return { dir: dirname(manifest), version };
    } catch {
      // not resolvable from here; try the next base
    }
  }
  return undefined;
}

/**
 * The in-browser detector's weights, served from the installed npm package (no
 * CDN): `GET /models/face-api/<version>/<file>`. The version is in the path, so
 * the files can be cached as immutable; another version is a 404.
 */
export const modelRoutes: FastifyPluginAsync = async (app) => {
  const found = findDetectorPackage();
  if (!found) {
    app.log.warn(`${DETECTOR_PACKAGE} is not installed: the webcam page will run without live feedback`);
    return;
  }
  const files = new Map<string, Buffer>();
  for (const name of DETECTOR_MODEL_FILES) {
    const path = join(found.dir, 'model', name);
    if (existsSync(path)) files.set(name, readFileSync(path));
  }
  app.get<{ Params: { version: string; file: string } }>(
    '/face-api/:version/:file',
    { schema: { hide: true } },
    async (request, reply) => {
      const body = request.params.version === found.version ? files.get(request.params.file) : undefined;
      if (!body) return reply.code(404).send({ error: { code: 'not_found', message: 'No such model file.' } });
      return reply
        .header('cache-control', 'public, max-age=31536000, immutable')
        .type(request.params.file.endsWith('.json') ? 'application/json' : 'application/octet-stream')
        .send(body);
    },
  );
};
