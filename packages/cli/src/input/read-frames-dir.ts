import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Frame, MediaInput } from '@facegate/core';
import { CliError } from '../cli-error';
import type { Progress } from '../output/cli-io';
import { readMediaFile } from './read-media-file';

/** How capture times are given to frames read from a directory. */
export type FrameTiming = 'order' | 'mtime';

/** Options for {@link readFramesDir}. */
export interface ReadFramesOptions {
  /** `order`: file-name order, `intervalMs` apart; `mtime`: modification times, oldest first. */
  timing: FrameTiming;
  /** Spacing of frames in `order` timing, in ms. */
  intervalMs: number;
  progress?: Progress;
}

/** Frames read from a directory, with the files they came from. */
export interface FramesFromDir {
  readonly frames: Frame[];
  readonly files: string[];
  /** Files skipped because their names are not image names. */
  readonly skipped: number;
}

/** Most frames the CLI reads from one directory. */
export const MAX_FRAMES = 120;

const IMAGE_NAME = /\.(jpe?g|png|webp)$/i;

/**
 * Read every JPEG/PNG/WebP in a directory (not recursive, hidden files
 * ignored) as a frame sequence. Frames are ordered by file name with numbers
 * compared as numbers (`frame-2` before `frame-10`), or by modification time.
 */
export async function readFramesDir(dir: string, cwd: string, options: ReadFramesOptions): Promise<FramesFromDir> {
  let names: string[];
  try {
    names = (await readdir(resolve(cwd, dir), { withFileTypes: true }))
      .filter((e) => !e.name.startsWith('.') && (e.isFile() || e.isSymbolicLink()))
      .map((e) => e.name);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new CliError(
      'input_error',
      `${dir}: ${code === 'EACCES' ? 'permission denied' : 'cannot list the directory'}`,
      { cause: error },
    );
  }
  const images = names.filter((n) => IMAGE_NAME.test(n));
  if (images.length === 0)
    throw new CliError('input_error', `${dir} has no frames: expected .jpg, .jpeg, .png or .webp files in it`);
  if (images.length > MAX_FRAMES)
    throw new CliError('input_error', `${dir} has ${images.length} frames; the CLI reads at most ${MAX_FRAMES}`);
  const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
  let ordered = images.sort(collator.compare).map((name) => ({ name, mtimeMs: 0 }));
  if (options.timing === 'mtime') {
    for (const entry of ordered) entry.mtimeMs = (await stat(resolve(cwd, dir, entry.name))).mtimeMs;
    ordered = [...ordered].sort((a, b) => a.mtimeMs - b.mtimeMs || collator.compare(a.name, b.name));
  }
  const first = ordered[0]?.mtimeMs ?? 0;
  const frames: Frame[] = [];
  const files: string[] = [];
  for (const [i, entry] of ordered.entries()) {
    const path = join(dir, entry.name);
    const file = await readMediaFile(path, cwd, 'image');
    const capturedAtMs = options.timing === 'mtime' ? Math.round(entry.mtimeMs - first) : i * options.intervalMs;
    frames.push({ image: file.media as MediaInput, capturedAtMs });
    files.push(path);
    options.progress?.count(`reading frames from ${dir}`, i + 1, ordered.length);
  }
  return { frames, files, skipped: names.length - images.length };
}
