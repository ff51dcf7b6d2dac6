import { readFile, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { type MediaFormat, sniffFormat } from '@facegate/core';
import { CliError } from '../cli-error';

/** A file read from disk and recognised by its bytes. */
export interface MediaFile {
  /** The path as the user gave it (for messages and `--json`). */
  readonly path: string;
  readonly format: MediaFormat;
  /** Bytes plus the file name, so core can flag a misleading extension. */
  readonly media: { data: Uint8Array; filename: string };
  readonly byteLength: number;
}

/** What a command accepts. */
export type Accept = 'image' | 'image-or-video';

/** Largest file the CLI reads (vendors accept far less; this only guards memory). */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

const IMAGE_FORMATS: readonly MediaFormat[] = ['jpeg', 'png', 'webp'];
const LABELS: Record<string, string> = {
  gif: 'a GIF',
  bmp: 'a BMP',
  tiff: 'a TIFF',
  heic: 'a HEIC/HEIF photo',
  avif: 'an AVIF',
  quicktime: 'a QuickTime (.mov) video',
  matroska: 'a Matroska (.mkv) video',
  pdf: 'a PDF',
};

/** Stat a path, turning file-system errors into one clear input error. */
export async function statInput(path: string, cwd: string) {
  try {
    return await stat(resolve(cwd, path));
  } catch (error) {
    throw fileError(path, error);
  }
}

/**
 * Read an image (or, for `image-or-video`, a video) and check by its bytes
 * that it is one. Every failure is an `input_error` naming the path.
 */
export async function readMediaFile(path: string, cwd: string, accept: Accept = 'image'): Promise<MediaFile> {
  const info = await statInput(path, cwd);
  if (info.isDirectory())
    throw new CliError(
      'input_error',
      accept === 'image'
        ? `${path} is a directory; expected an image file (JPEG, PNG or WebP)`
        : `${path} is a directory; expected an image or video file`,
    );
  if (!info.isFile()) throw new CliError('input_error', `${path} is not a regular file`);
  if (info.size === 0) throw new CliError('input_error', `${path} is empty`);
  if (info.size > MAX_FILE_BYTES)
    throw new CliError(
      'input_error',
      `${path} is ${(info.size / 1048576).toFixed(0)} MB; the CLI reads files up to ${MAX_FILE_BYTES / 1048576} MB`,
    );
  let data: Uint8Array;
  try {
    data = new Uint8Array(await readFile(resolve(cwd, path)));
  } catch (error) {
    throw fileError(path, error);
  }
  const format = sniffFormat(data);
  const wanted =
    accept === 'image' ? 'an image (JPEG, PNG or WebP)' : 'an image (JPEG, PNG, WebP) or a video (MP4, WebM)';
  if (format === 'unknown') throw new CliError('input_error', `${path} is not ${wanted}`);
  if (format in LABELS) throw new CliError('input_error', `${path} is ${LABELS[format]}; convert it to ${wanted}`);
  const known = format as MediaFormat;
  if (accept === 'image' && !IMAGE_FORMATS.includes(known))
    throw new CliError('input_error', `${path} is a video; this command needs a still image (JPEG, PNG or WebP)`);
  return { path, format: known, media: { data, filename: basename(path) }, byteLength: data.byteLength };
}

function fileError(path: string, error: unknown): CliError {
  const code = (error as { code?: unknown } | null)?.code;
  const why =
    code === 'ENOENT'
      ? 'no such file or directory'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'ENOTDIR'
          ? 'a parent of it is not a directory'
          : code === 'EISDIR'
            ? 'it is a directory'
            : `cannot read it (${typeof code === 'string' ? code : 'unknown error'})`;
  return new CliError('input_error', `${path}: ${why}`, { cause: error });
}
