import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { manifestPairs, readPairList } from './pair-list';

describe('readPairList', () => {
  const dir = mkdtempSync(join(tmpdir(), 'facegate-pairs-'));
  it('reads a CSV with a header, comments and relative paths', () => {
    const file = join(dir, 'pairs.csv');
    writeFileSync(file, 'imageA,imageB,same\n# a comment\na.jpg,b.jpg,1\nc.jpg,/abs/d.jpg,different\n');
    expect(readPairList(file)).toEqual([
      { a: join(dir, 'a.jpg'), b: join(dir, 'b.jpg'), same: true },
      { a: join(dir, 'c.jpg'), b: '/abs/d.jpg', same: false },
    ]);
  });
  it('reads JSON objects and triples', () => {
    const file = join(dir, 'pairs.json');
    writeFileSync(file, JSON.stringify([{ a: 'a.jpg', b: 'b.jpg', same: false }, ['x.png', 'y.png', 'true']]));
    expect(readPairList(file).map((p) => p.same)).toEqual([false, true]);
  });
  it('refuses an unreadable label', () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'a.jpg,b.jpg,1\na.jpg,b.jpg,maybe\n');
    expect(() => readPairList(file)).toThrow(/maybe/);
  });
});

describe('manifestPairs', () => {
  it('pairs every single-face photo with an identity', () => {
    const pairs = manifestPairs();
    expect(pairs.length).toBeGreaterThan(100);
    expect(pairs.some((p) => p.same)).toBe(true);
    expect(pairs.some((p) => !p.same)).toBe(true);
    expect(pairs.every((p) => !p.a.includes('multi-') && !p.b.includes('spoof'))).toBe(true);
  });
});
