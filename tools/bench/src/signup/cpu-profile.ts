import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/** Self time by function and by package/area in a V8 `.cpuprofile`. */
export interface ProfileSummary {
  totalMs: number;
  byFunction: { name: string; ms: number; share: number }[];
  byArea: { area: string; ms: number; share: number }[];
}

/** Where a script lives, in words: a package name, a workspace folder, or a V8 category. */
export function areaOf(url: string, functionName: string): string {
  // The only WebAssembly in the signup server process is PGlite's Postgres build.
  if (url.startsWith('wasm://')) return 'PGlite Postgres (wasm)';
  if (!url) return functionName.startsWith('(') ? functionName : '(native/V8)';
  const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1] as string;
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  const ws = /\/(packages\/[^/]+|examples\/[^/]+|tools\/[^/]+)\//.exec(url);
  if (ws) return ws[1] as string;
  return url.split('/').slice(-2).join('/');
}

/** Summarise the newest `.cpuprofile` in `dir`. */
export function summarizeProfile(dir: string, top = 12): ProfileSummary {
  const file = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .sort()
    .at(-1);
  if (!file) throw new Error(`no .cpuprofile in ${dir}`);
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
    nodes: ProfileNode[];
    startTime: number;
    endTime: number;
    samples: number[];
  };
  const totalMs = (profile.endTime - profile.startTime) / 1000;
  const perSample = totalMs / Math.max(1, profile.samples.length);
  const fn = new Map<string, number>();
  const area = new Map<string, number>();
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (hits === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = areaOf(url, functionName);
    const name = `${functionName || '(anonymous)'} ${url ? `${url.split('/').slice(-1)[0]}:${lineNumber + 1}` : ''} [${where}]`;
    fn.set(name, (fn.get(name) ?? 0) + hits * perSample);
    area.set(where, (area.get(where) ?? 0) + hits * perSample);
  }
  const busy = [...area.entries()].filter(([k]) => k !== '(idle)').reduce((n, [, v]) => n + v, 0);
  const rank = (m: Map<string, number>) =>
    [...m.entries()]
      .filter(([k]) => !k.includes('(idle)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top);
  return {
    totalMs,
    byFunction: rank(fn).map(([name, ms]) => ({ name, ms, share: ms / busy })),
    byArea: rank(area).map(([a, ms]) => ({ area: a, ms, share: ms / busy })),
  };
}
