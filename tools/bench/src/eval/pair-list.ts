import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fixturePath } from '../fixtures';

/** One labeled comparison: two image paths and whether they show the same person. */
export interface LabeledPair {
  a: string;
  b: string;
  same: boolean;
}

const TRUE = new Set(['1', 'true', 'yes', 'same', 'y', 'genuine', 'match']);
const FALSE = new Set(['0', 'false', 'no', 'different', 'n', 'impostor', 'nonmatch', 'non-match']);

function label(value: unknown, where: string): boolean {
  if (typeof value === 'boolean') return value;
  const text = String(value).trim().toLowerCase();
  if (TRUE.has(text)) return true;
  if (FALSE.has(text)) return false;
  throw new Error(`${where}: "same?" must be true/false, 1/0, yes/no or same/different, got "${String(value)}"`);
}

/**
 * Read a pair list: a CSV (`imageA,imageB,same` per line, an optional header
 * line, `#` comments) or a JSON array of `{a,b,same}` objects or `[a,b,same]`
 * triples. Relative image paths are taken from the list file's folder.
 */
export function readPairList(file: string): LabeledPair[] {
  const base = dirname(resolve(file));
  const at = (p: string) => (isAbsolute(p) ? p : resolve(base, p));
  const text = readFileSync(file, 'utf8');
  if (file.toLowerCase().endsWith('.json')) {
    const data = JSON.parse(text) as unknown;
    if (!Array.isArray(data)) throw new Error(`${file}: expected a JSON array of pairs`);
    return data.map((entry, i) => {
      const where = `${file}[${i}]`;
      if (Array.isArray(entry))
        return { a: at(String(entry[0])), b: at(String(entry[1])), same: label(entry[2], where) };
      const e = entry as Record<string, unknown>;
      const a = e.a ?? e.imageA ?? e.image_a;
      const b = e.b ?? e.imageB ?? e.image_b;
      if (typeof a !== 'string' || typeof b !== 'string') throw new Error(`${where}: needs a and b image paths`);
      return { a: at(a), b: at(b), same: label(e.same ?? e.label ?? e.genuine, where) };
    });
  }
  const pairs: LabeledPair[] = [];
  let header = false;
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const cells = line.split(/[,;\t]/).map((c) => c.trim().replace(/^"|"$/g, ''));
    if (cells.length < 3) throw new Error(`${file}:${i + 1}: expected imageA,imageB,same`);
    const where = `${file}:${i + 1}`;
    // A header line: the first line, when its first cell names a column rather than a file (no extension).
    if (pairs.length === 0 && !header && !/\.[a-z0-9]+$/i.test(cells[0] as string)) {
      header = true;
      continue;
    }
    pairs.push({ a: at(cells[0] as string), b: at(cells[1] as string), same: label(cells[2], where) });
  }
  return pairs;
}

/** Every pair of single-face photos with an identity in `fixtures/faces/manifest.json`. */
export function manifestPairs(): LabeledPair[] {
  const people = manifestPeople();
  const pairs: LabeledPair[] = [];
  for (let i = 0; i < people.length; i++)
    for (let j = i + 1; j < people.length; j++) {
      const p = people[i] as (typeof people)[number];
      const q = people[j] as (typeof people)[number];
      pairs.push({ a: p.file, b: q.file, same: p.identity === q.identity });
    }
  return pairs;
}

/** Single-face photos with an identity, for building attack sequences. */
export function manifestPeople(): { file: string; identity: string }[] {
  const manifest = JSON.parse(readFileSync(fixturePath('faces/manifest.json'), 'utf8')) as {
    files: Record<string, { identity?: string | null; faces?: string; presentation?: string }>;
  };
  return Object.entries(manifest.files)
    .filter(([, e]) => typeof e.identity === 'string' && e.faces === undefined && e.presentation === undefined)
    .map(([file, e]) => ({ file: fixturePath(`faces/${file}`), identity: e.identity as string }));
}
