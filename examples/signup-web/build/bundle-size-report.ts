// Prints what the built page weighs: the page itself (everything it can load
// without a lazy vendor chunk) against its recorded baseline, and each lazy
// vendor chunk with everything only it pulls in (JS, CSS, WASM).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** Bytes and gzip bytes of a set of files. */
export interface Weight {
  files: number;
  bytes: number;
  gzipBytes: number;
}

/** The recorded size of the page before vendor chunks (build/page-size-baseline.json). */
interface Baseline {
  bytes: number;
  gzipBytes: number;
}

/** Weigh file contents (the gzip figure is what a compressing server sends). */
export function weigh(contents: Iterable<string | Uint8Array>): Weight {
  const weight: Weight = { files: 0, bytes: 0, gzipBytes: 0 };
  for (const content of contents) {
    const bytes = typeof content === 'string' ? Buffer.from(content) : content;
    weight.files += 1;
    weight.bytes += bytes.byteLength;
    weight.gzipBytes += gzipSync(bytes).byteLength;
  }
  return weight;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;

interface ChunkLike {
  type: 'chunk';
  fileName: string;
  code: string;
  isEntry: boolean;
  facadeModuleId: string | null;
  imports: string[];
  dynamicImports: string[];
  viteMetadata?: { importedCss: Set<string>; importedAssets: Set<string> };
}
interface AssetLike {
  type: 'asset';
  fileName: string;
  source: string | Uint8Array;
}

/**
 * `lazyEntries`: label → module path of a dynamically imported vendor chunk.
 * The page's weight leaves those chunks (and what only they use) out; a page
 * more than 10 % off its baseline is reported as a warning.
 */
export function bundleSizeReport(options: { lazyEntries: Record<string, string>; baselineFile?: string }): Plugin {
  return {
    name: 'facegate-bundle-size-report',
    apply: 'build',
    generateBundle(_output, bundle) {
      const items = bundle as unknown as Record<string, ChunkLike | AssetLike>;
      const chunks = Object.values(items).filter((i): i is ChunkLike => i.type === 'chunk');
      const byName = new Map(chunks.map((c) => [c.fileName, c]));
      const lazyRoots = new Map<string, string>();
      for (const [label, path] of Object.entries(options.lazyEntries)) {
        const wanted = resolve(path);
        const chunk = chunks.find((c) => c.facadeModuleId && resolve(c.facadeModuleId) === wanted);
        if (chunk) lazyRoots.set(chunk.fileName, label);
        else this.warn(`bundle size: no chunk for ${label} (${path})`);
      }
      /** Files reachable from `roots`, not entering `stop`. */
      const reach = (roots: string[], stop: Set<string>): Set<string> => {
        const seen = new Set<string>();
        const walk = (name: string) => {
          if (seen.has(name) || stop.has(name)) return;
          seen.add(name);
          const chunk = byName.get(name);
          if (!chunk) return;
          for (const next of [...chunk.imports, ...chunk.dynamicImports]) walk(next);
          for (const asset of [
            ...(chunk.viteMetadata?.importedCss ?? []),
            ...(chunk.viteMetadata?.importedAssets ?? []),
          ])
            seen.add(asset);
        };
        for (const root of roots) walk(root);
        return seen;
      };
      const contents = (names: Iterable<string>) =>
        [...names].flatMap((n) => {
          const item = items[n];
          if (!item) return [];
          return [item.type === 'chunk' ? item.code : item.source];
        });
      const entries = chunks.filter((c) => c.isEntry).map((c) => c.fileName);
      const lazy = new Set(lazyRoots.keys());
      const page = reach(entries, lazy);
      // Files no chunk claims (index.html, stray assets) belong to the page.
      const claimed = new Set<string>(page);
      const lines: string[] = [];
      for (const [root, label] of lazyRoots) {
        const only = [...reach([root], new Set())].filter((n) => !page.has(n));
        for (const n of only) claimed.add(n);
        const w = weigh(contents(only));
        lines.push(`  ${label} (lazy): ${w.files} files, ${kb(w.bytes)} (gzip ${kb(w.gzipBytes)})`);
      }
      for (const name of Object.keys(items)) if (!claimed.has(name)) page.add(name);
      const pageWeight = weigh(contents(page));
      const baselineFile = options.baselineFile ?? resolve('build/page-size-baseline.json');
      const baseline = JSON.parse(readFileSync(baselineFile, 'utf8')) as Baseline;
      const ratio = pageWeight.bytes / baseline.bytes;
      // index.html is emitted after this hook; add its size from the source as an estimate.
      lines.unshift(
        `  page without lazy vendor chunks: ${pageWeight.files} files, ${kb(pageWeight.bytes)} (gzip ${kb(pageWeight.gzipBytes)}); baseline ${kb(baseline.bytes)} (gzip ${kb(baseline.gzipBytes)}): ×${ratio.toFixed(3)}`,
      );
      console.log(`\nfacegate page bundle sizes:\n${lines.join('\n')}\n`);
      if (Math.abs(ratio - 1) > 0.1)
        this.warn(
          `the page without lazy vendor chunks is ${((ratio - 1) * 100).toFixed(1)} % off its baseline (±10 % allowed)`,
        );
    },
  };
}
