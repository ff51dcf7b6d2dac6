import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repository root (tools/bench/src → ../../..). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Absolute path of a file under the repo's `fixtures/` folder. */
export function fixturePath(relative: string): string {
  return fileURLToPath(new URL(`../../../fixtures/${relative}`, import.meta.url));
}

/** Bytes of a fixture, e.g. `faces/obama-1.jpg`. */
export function readFixture(relative: string): Uint8Array {
  return new Uint8Array(readFileSync(fixturePath(relative)));
}
