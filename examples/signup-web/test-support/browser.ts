// Test support for the real-browser tests (not shipped): Chromium check, fake
// camera files made from the fixture photos, the built page, the server.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixturePath } from '../../../test-support/fixtures';

/** Debian's Chromium (the tests drive it with playwright-core). */
export const CHROMIUM = process.env.FACEGATE_CHROMIUM ?? '/usr/bin/chromium';
/** Set to 1 to skip the browser tests deliberately (never silently). */
export const SKIP_BROWSER = process.env.FACEGATE_SKIP_BROWSER_TESTS === '1';
/** This package's folder. */
export const WEB_DIR = fileURLToPath(new URL('..', import.meta.url));
/** Where screenshots go (gitignored). */
export const ARTIFACTS = join(WEB_DIR, 'test-artifacts');

/** Fail loudly when Chromium (or ffmpeg, which makes the fake camera files) is missing, unless the skip is asked for. */
export function requireChromium(): void {
  if (SKIP_BROWSER) return;
  try {
    execFileSync('ffmpeg', ['-version'], { stdio: 'pipe' });
  } catch {
    throw new Error('ffmpeg is missing: install it with `apt-get install -y ffmpeg` (it makes the fake camera files).');
  }
  if (existsSync(CHROMIUM)) return;
  throw new Error(
    `Chromium is missing at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (Debian), ` +
      'or set FACEGATE_SKIP_BROWSER_TESTS=1 to skip the browser tests on purpose.',
  );
}

/** Whether a package resolves from this package (e.g. an adapter being built in parallel). */
export function canResolve(name: string): boolean {
  try {
    createRequire(join(WEB_DIR, 'package.json')).resolve(name);
    return true;
  } catch {
    return existsSync(join(WEB_DIR, '../../packages', name.replace('@facegate/', ''), 'src/index.ts'));
  }
}

let tmp: string | undefined;
/** A temp dir for this run (y4m files). */
export function tempDir(): string {
  tmp ??= mkdtempSync(join(tmpdir(), 'facegate-web-'));
  return tmp;
}

/**
 * A y4m fake-camera file from a fixture photo: fitted into 640×480 on a grey
 * background (or zoomed on the head), `seconds` long at `fps` (default 10; Chromium loops it). `brightness`
 * (−1…1) darkens or lightens it, for the lighting hints.
 */
export function y4mFromFixture(
  photo: string,
  options: { seconds?: number; brightness?: number; zoom?: boolean; fps?: number } = {},
): string {
  const out = join(
    tempDir(),
    `${photo.replace(/\W+/g, '_')}_${options.brightness ?? 0}_${options.zoom ? 'z' : 'f'}_${options.fps ?? 10}.y4m`,
  );
  if (existsSync(out)) return out;
  const filters = [
    // Zoom: the upper middle of a portrait photo, where the head is, so the face fills the oval.
    options.zoom ? 'crop=iw*0.9:iw*0.675:iw*0.05:ih*0.02' : '',
    'scale=640:480:force_original_aspect_ratio=decrease',
    'pad=640:480:(ow-iw)/2:(oh-ih)/2:color=0x808080',
    options.brightness ? `eq=brightness=${options.brightness}` : '',
    'format=yuv420p',
  ].filter(Boolean);
  execFileSync(
    'ffmpeg',
    [
      '-v',
      'error',
      '-y',
      '-loop',
      '1',
      '-i',
      fixturePath(`faces/${photo}`),
      '-t',
      String(options.seconds ?? 2),
      '-r',
      String(options.fps ?? 10),
      '-vf',
      filters.join(','),
      '-pix_fmt',
      'yuv420p',
      out,
    ],
    { stdio: 'pipe' },
  );
  return out;
}

/** A JPEG too small for the server's document limits (120×90), made from a fixture. */
export function tinyJpeg(): string {
  const out = join(tempDir(), 'tiny.jpg');
  if (!existsSync(out))
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', fixturePath('faces/obama-1.jpg'), '-vf', 'scale=120:90', out], {
      stdio: 'pipe',
    });
  return out;
}

/** Build the page once per run (vite, into dist/). */
export function buildPage(): string {
  const dist = join(WEB_DIR, 'dist');
  const vitePackage = createRequire(join(WEB_DIR, 'package.json')).resolve('vite/package.json');
  const vite = join(dirname(vitePackage), 'bin/vite.js');
  execFileSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: WEB_DIR, stdio: 'pipe' });
  return dist;
}

/** Make sure the artifacts folder exists. */
export function artifactsDir(): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return ARTIFACTS;
}
