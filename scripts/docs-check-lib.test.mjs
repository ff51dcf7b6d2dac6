import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { anchorsOf, checkLinks, extractLinks, extractTsSamples, fsAccess, slugify } from './docs-check-lib.mjs';

describe('slugify (GitHub heading anchors)', () => {
  it.each([
    ['IAM permissions (server, least privilege)', 'iam-permissions-server-least-privilege'],
    ['Amazon Rekognition — `@facegate/adapter-aws`', 'amazon-rekognition--facegateadapter-aws'],
    ['Retries, timeouts, cancel', 'retries-timeouts-cancel'],
    ['`liveness.frames` over [frames](x.md)', 'livenessframes-over-frames'],
    ['snake_case stays', 'snake_case-stays'],
    ['Assumptions beyond Decentro’s docs (ASSUMED)', 'assumptions-beyond-decentros-docs-assumed'],
  ])('%s → %s', (heading, slug) => {
    expect(slugify(heading)).toBe(slug);
  });

  it('numbers repeated headings and ignores headings inside code blocks', () => {
    const anchors = anchorsOf('# A\n## Setup\n```sh\n# not a heading\n```\n## Setup\n<a id="custom"></a>\n');
    expect([...anchors]).toEqual(['a', 'setup', 'setup-1', 'custom']);
  });
});

describe('extractLinks', () => {
  it('finds inline, image, reference and html links, not those in code', () => {
    const md = [
      'See [a](a.md#x) and ![img](i.png "t") and `[no](code.md)`.',
      '[ref]: ./b.md',
      '<a href="c.md">c</a>',
      '```md',
      '[in fence](d.md)',
      '```',
    ].join('\n');
    expect(extractLinks(md).map((l) => l.target)).toEqual(['a.md#x', 'i.png', './b.md', 'c.md']);
  });
});

describe('checkLinks', () => {
  const root = mkdtempSync(join(tmpdir(), 'docs-check-'));
  mkdirSync(join(root, 'docs'));
  writeFileSync(join(root, 'docs/target.md'), '# Target\n\n## Real heading\n');
  writeFileSync(join(root, 'code.ts'), 'export {};\n');

  it('accepts existing files, existing anchors, own anchors and URLs', () => {
    const md = '# Top\n[t](target.md#real-heading) [c](../code.ts) [self](#top) [web](https://example.org/x.md#nope)';
    expect(checkLinks(root, 'docs/page.md', md, fsAccess)).toEqual([]);
  });

  it('reports missing files, missing anchors, anchors on non-markdown files and escapes', () => {
    const md = '[a](missing.md)\n[b](target.md#nope)\n[c](../code.ts#x)\n[d](../../outside.md)\n[e](#nowhere)';
    const problems = checkLinks(root, 'docs/page.md', md, fsAccess).map((p) => `${p.line} ${p.problem}`);
    expect(problems).toEqual([
      '1 docs/missing.md does not exist',
      '2 docs/target.md has no heading for #nope',
      '3 #x on a file that is not markdown',
      '4 points outside the repository',
      '5 no heading for #nowhere in this file',
    ]);
  });

  it('skips generated paths (docs/api)', () => {
    expect(checkLinks(root, 'docs/page.md', '[api](api/index.html)', fsAccess)).toEqual([]);
  });
});

describe('extractTsSamples', () => {
  it('takes ts/typescript blocks with their first line, and flags nocheck', () => {
    const md =
      '# x\n```ts\nconst a = 1;\n```\n```sh\nls\n```\n```ts nocheck\npartial(\n```\n```typescript\nlet b;\n```\n';
    expect(extractTsSamples(md)).toEqual([
      { line: 3, code: 'const a = 1;', nocheck: false },
      { line: 9, code: 'partial(', nocheck: true },
      { line: 12, code: 'let b;', nocheck: false },
    ]);
  });
});
