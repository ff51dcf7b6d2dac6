import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Absolute path of a file under the repo's `fixtures/` folder. */
export function fixturePath(relative: string): string {
  return fileURLToPath(new URL(`../fixtures/${relative}`, import.meta.url));
}

/** Bytes of a fixture file, e.g. `faces/obama-1.jpg`. */
export function readFixture(relative: string): Uint8Array {
  return new Uint8Array(readFileSync(fixturePath(relative)));
}

/** One entry of `fixtures/faces/manifest.json`. */
export interface FaceFixture {
  file: string;
  identity: string | null;
  faces?: string;
  presentation?: string;
  note?: string;
}

/** The face fixtures with their labels. */
export function faceManifest(): FaceFixture[] {
  const manifest = JSON.parse(readFileSync(fixturePath('faces/manifest.json'), 'utf8')) as {
    files: Record<string, Omit<FaceFixture, 'file'>>;
  };
  return Object.entries(manifest.files).map(([file, entry]) => ({ ...entry, file, identity: entry.identity ?? null }));
}
