// `pnpm eval [pairs.csv|pairs.json …]`: face match accuracy (ROC, AUC,
// TAR@FAR, accuracy at the shipped threshold) and liveness attack resistance
// (APCER per attack species; BPCER where bona fide material exists), as a text
// summary on stdout and an HTML report with inline SVG curves in bench-results/.
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { basename, join, relative } from 'node:path';
import { type Challenge, createChallenge, createFacegate, type Facegate } from '@facegate/core';
import { PAGE_CAPTURE, PLAIN_10FPS, readClipWindows } from '../../../../test-support/clip-windows';
import { ATTACK_SPECIES, attackSequences, photoSetSequences } from '../eval/attack-sequences';
import { loadLocalProvider } from '../eval/local-engine';
import { type LabeledPair, manifestPairs, manifestPeople, readPairList } from '../eval/pair-list';
import { attackWindow, type VideoPresentation } from '../eval/video-attacks';
import { evaluateWindows, summariseWindows, type WindowOutcome } from '../eval/video-eval';
import { REPO_ROOT, readFixture } from '../fixtures';
import { type PadReport, type Presentation, padMetrics } from '../metrics/pad';
import {
  atThreshold,
  auc,
  equalErrorRate,
  type RocPoint,
  rocCurve,
  type ScoredPair,
  type TarAtFar,
  type ThresholdOutcome,
  tarAtFar,
} from '../metrics/roc';
import { progressBar } from '../report/progress';
import { resultsDir, stamp } from '../report/results-dir';
import { detAxis, lineChart, logAxis, unitAxis } from '../report/svg-charts';
import { textTable } from '../report/text-table';
import { readArgs } from './args';

const { values: args, positionals } = readArgs({
  photos: 6,
  'max-pairs': 0,
  sections: 'match,liveness,video',
  windows: '',
});
const sections = new Set(String(args.sections).split(','));
const log = (s: string) => process.stderr.write(`${s}\n`);
const pct = (v: number | null | undefined, d = 1) =>
  v === null || v === undefined || !Number.isFinite(v) ? 'n/a' : `${(v * 100).toFixed(d)} %`;
const startedAt = new Date();

interface MatchEval {
  dataset: string;
  matcher: string;
  pairs: number;
  genuine: number;
  impostor: number;
  /** Pairs where a side had no usable face (scored 0, i.e. rejected). */
  noFace: number;
  errors: number;
  auc: number;
  eer: number;
  tar: TarAtFar[];
  defaultThreshold: number;
  atDefault: ThresholdOutcome;
  curve: RocPoint[];
  scores: ScoredPair[];
}

async function evaluateMatcher(
  client: Facegate,
  matcher: string,
  dataset: string,
  pairs: LabeledPair[],
): Promise<MatchEval> {
  const scores: ScoredPair[] = [];
  let noFace = 0;
  let errors = 0;
  const bar = progressBar(`match ${matcher} on ${dataset}`, pairs.length);
  const cache = new Map<string, Uint8Array>();
  const bytes = (p: string) => {
    const hit = cache.get(p);
    if (hit) return hit;
    const read = new Uint8Array(readFileSync(p));
    cache.set(p, read);
    return read;
  };
  for (const [i, pair] of pairs.entries()) {
    try {
      const result = await client.compareFaces({ source: bytes(pair.a), target: bytes(pair.b) });
      if (result.similarity === null) noFace += 1;
      scores.push({ score: result.similarity ?? 0, genuine: pair.same });
    } catch (error) {
      // An input the engine refuses (no face, unreadable) is a failure to acquire: scored as a rejection.
      errors += 1;
      scores.push({ score: 0, genuine: pair.same });
      if (errors <= 3) log(`\n  ${basename(pair.a)} × ${basename(pair.b)}: ${(error as Error).message.slice(0, 160)}`);
    }
    bar.tick(i + 1);
  }
  bar.done();
  const threshold = client.policyFor(client.providerIds[0] as string).match.passAt;
  return {
    dataset,
    matcher,
    pairs: pairs.length,
    genuine: scores.filter((s) => s.genuine).length,
    impostor: scores.filter((s) => !s.genuine).length,
    noFace,
    errors,
    auc: auc(scores),
    eer: equalErrorRate(scores),
    tar: [tarAtFar(scores, 0.01), tarAtFar(scores, 0.001)],
    defaultThreshold: threshold,
    atDefault: atThreshold(scores, threshold),
    curve: rocCurve(scores),
    scores,
  };
}

/** The same challenge steps, issued now (fresh nonce, issuedAt and expiresAt). */
function reissued(challenge: Challenge): Challenge {
  const fresh = createChallenge({ stepTimeoutMs: challenge.stepTimeoutMs });
  const lifetime = Date.parse(challenge.expiresAt) - Date.parse(challenge.issuedAt);
  return {
    ...challenge,
    nonce: fresh.nonce,
    issuedAt: fresh.issuedAt,
    expiresAt: new Date(Date.parse(fresh.issuedAt) + lifetime).toISOString(),
  };
}

interface LivenessEval {
  matcher: string;
  sequences: number;
  pad: PadReport;
  details: {
    species: string;
    source: string;
    challenge: string;
    outcome: string;
    reasons: string[];
    confidence: number | null;
  }[];
}

async function evaluateLiveness(client: Facegate, matcher: string, photos: number): Promise<LivenessEval> {
  const people = manifestPeople();
  // One photo per person first, so the sources span people before repeating anyone.
  const seen = new Set<string>();
  const chosen = [...people.filter((p) => !seen.has(p.identity) && seen.add(p.identity)), ...people].slice(0, photos);
  const presentations: Presentation[] = [];
  const details: LivenessEval['details'] = [];
  const bar = progressBar(`liveness attacks on ${matcher}`, chosen.length * (ATTACK_SPECIES.length + 2));
  let done = 0;
  for (const [i, person] of chosen.entries()) {
    const other =
      people.find((p) => p.identity !== person.identity && p.file !== chosen[(i + 1) % chosen.length]?.file) ??
      people[0];
    const source = relative(REPO_ROOT, person.file);
    // The signup server's challenge (look straight, then a blink and one turn, in random order), new per photo.
    const challenge = createChallenge({ actionCount: 2, require: ['blink'] });
    const fixture = (file: string) => readFixture(relative(join(REPO_ROOT, 'fixtures'), file));
    const turnOnly = createChallenge({ pool: ['turn_left', 'turn_right'] });
    const sequences = await attackSequences(
      fixture(person.file),
      fixture((other ?? person).file),
      source,
      challenge,
      turnOnly,
    );
    const sibling = people.find((p) => p.identity === person.identity && p.file !== person.file);
    if (sibling) {
      const [a, b] = [fixture(person.file), fixture(sibling.file)];
      sequences.push(...(await photoSetSequences(a, b, source, turnOnly)));
      sequences.push(...(await photoSetSequences(a, b, source, challenge, 'server')));
    }
    for (const seq of sequences) {
      let outcome = 'error';
      let reasons: string[] = [];
      let confidence: number | null = null;
      try {
        // Generating a sequence takes seconds here; a real attacker answers live. So the challenge is
        // re-issued (same steps, fresh nonce and clock) at submission: expiry must not stop the attack.
        const result = await client.checkLiveness({
          media: { kind: 'frames', frames: seq.frames },
          challenge: reissued(seq.challenge),
        });
        outcome = result.decision.outcome;
        reasons = result.decision.reasons;
        confidence = result.confidence;
      } catch (error) {
        // Refused input stops the attacker as surely as a reject; keep the code.
        outcome = `error:${(error as { code?: string }).code ?? 'unknown'}`;
      }
      presentations.push({ kind: 'attack', species: seq.species, outcome });
      details.push({
        species: seq.species,
        source,
        challenge: seq.challenge.steps.join(' → '),
        outcome,
        reasons,
        confidence,
      });
      bar.tick(++done);
    }
  }
  bar.done();
  return { matcher, sequences: presentations.length, pad: padMetrics(presentations), details };
}

// ---- run ----
const datasets: { name: string; pairs: LabeledPair[] }[] =
  positionals.length > 0
    ? positionals.map((p) => ({ name: basename(p), pairs: readPairList(p) }))
    : [{ name: 'fixtures/faces/manifest.json (all pairs)', pairs: manifestPairs() }];
if (args['max-pairs'] > 0) for (const d of datasets) d.pairs = d.pairs.slice(0, args['max-pairs']);

const local = await loadLocalProvider();
const matchEvals: MatchEval[] = [];
const livenessEvals: LivenessEval[] = [];
let videoOutcomes: WindowOutcome[] = [];
const videoAttacks: VideoPresentation[] = [];
const notes: string[] = [
  'Vendors (AWS, Azure, Decentro, Facia): no recorded vendor responses on labeled data exist in this repository, so they are not evaluated; the harness takes any matcher behind a facegate client once recordings exist.',
];
if ('missing' in local) {
  notes.unshift(
    `local engine not available (${local.missing}); nothing to evaluate until @facegate/adapter-local is in the workspace.`,
  );
} else {
  log('loading the local engine models…');
  const t0 = Date.now();
  await local.provider.warmUp();
  log(`models loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const client = createFacegate({ provider: local.provider, resilience: { timeoutMs: 120_000, maxRetries: 0 } });
  if (sections.has('match'))
    for (const d of datasets) matchEvals.push(await evaluateMatcher(client, 'local', d.name, d.pairs));
  if (sections.has('liveness')) livenessEvals.push(await evaluateLiveness(client, 'local', args.photos));
  if (sections.has('video')) {
    const windows = readClipWindows(args.windows ? String(args.windows) : undefined);
    const profiles = [PAGE_CAPTURE, PLAIN_10FPS];
    const bar = progressBar('video windows', windows.length * profiles.length);
    let done = 0;
    videoOutcomes = await evaluateWindows(client, windows, profiles, () => bar.tick(++done));
    bar.done();
    // Every bona fide window as the server's kind of challenge (prompt times, colours), then attacked.
    const bona = windows.filter((w) => w.truth === 'bona_fide');
    const attackBar = progressBar('video attacks (bound challenges)', bona.length);
    for (const [i, w] of bona.entries()) {
      videoAttacks.push(...(await attackWindow(client, w, i + 1)));
      attackBar.tick(i + 1);
    }
    attackBar.done();
  }
  notes.push(
    'Liveness bona fide material: none. The fixtures are still photos; pose sequences synthesised from them are attacks by construction, not bona fide captures, so BPCER is not measurable here. It needs recorded frame sequences of real people answering challenges.',
  );
}

// ---- text summary ----
const lines: string[] = [
  `facegate eval — ${startedAt.toISOString()} — ${cpus().length} CPUs, Node ${process.versions.node}, load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
  '',
];
if (matchEvals.length > 0) {
  lines.push(
    'Face match (accept when similarity ≥ threshold; TAR = same-person pairs accepted, FAR = different-person pairs accepted)',
  );
  lines.push(
    textTable(
      ['matcher / data', 'pairs (gen/imp)', 'AUC', 'EER', 'TAR@FAR 1 %', 'TAR@FAR 0.1 %', 'at shipped threshold'],
      matchEvals.map((m) => [
        `${m.matcher} / ${m.dataset}`,
        `${m.pairs} (${m.genuine}/${m.impostor})${m.noFace + m.errors ? `, ${m.noFace + m.errors} no face` : ''}`,
        m.auc.toFixed(4),
        pct(m.eer),
        ...m.tar.map((t) => `${pct(t.tar)}${t.resolvable ? '' : ` (FAR 0 of ${t.impostors}: too few impostors)`}`),
        `≥ ${m.defaultThreshold}: accuracy ${pct(m.atDefault.accuracy)}, TAR ${pct(m.atDefault.tar)}, FAR ${pct(m.atDefault.far)} (${m.atDefault.falsePositives} FA, ${m.atDefault.falseNegatives} FR)`,
      ]),
    ),
  );
  lines.push('');
}
if (livenessEvals.length > 0) {
  lines.push('Liveness (ISO/IEC 30107-3): APCER = attack presentations accepted (decision pass) per attack species');
  for (const l of livenessEvals) {
    lines.push(
      textTable(
        ['attack species', 'attacks', 'APCER', 'outcomes'],
        l.pad.species.map((s) => [s.species, String(s.attacks), pct(s.apcer), JSON.stringify(s.outcomes)]),
      ),
    );
    lines.push(
      `APCER_max ${pct(l.pad.apcerMax)}, pooled ${pct(l.pad.apcerPooled)} over ${l.sequences} sequences; BPCER ${l.pad.bpcer === null ? 'not measurable (no bona fide material)' : pct(l.pad.bpcer)}`,
    );
  }
  lines.push('');
}
if (videoOutcomes.length > 0) {
  lines.push(
    'Liveness on real recordings (fixtures/video/windows.json): bona fide windows must pass (BPCER = share refused); no-action windows (the person does not do the last step) must not (a pass is a false blink/turn)',
  );
  lines.push(
    textTable(
      ['capture', 'bona fide passed', 'BPCER', 'no-action windows passed (false actions)'],
      summariseWindows(videoOutcomes).map((s) => [
        `${s.profile}`,
        `${s.bonaFidePassed} of ${s.bonaFide}`,
        pct(s.bpcer),
        `${s.falseActions} of ${s.noAction}`,
      ]),
    ),
  );
  const failures = videoOutcomes.filter((o) => (o.truth === 'bona_fide') !== (o.outcome === 'pass'));
  for (const f of failures)
    lines.push(`  ${f.profile} ${f.id} (${f.truth}): ${f.outcome} ${f.reasons.join(',')} ${f.margins}`);
  lines.push('');
}
const videoPad = padMetrics(
  videoAttacks.map((p) => ({ kind: p.kind, species: p.species, outcome: p.outcome }) satisfies Presentation),
);
if (videoAttacks.length > 0) {
  const bona = videoAttacks.filter((p) => p.kind === 'bona_fide');
  lines.push(
    "Bound challenges on the recordings (server-kind challenge: the window's prompt times, a random colour sequence, the face lit by it in simulation); attacks against a NEW challenge (same steps and prompt times, new colours)",
  );
  lines.push(
    `bona fide passed ${bona.filter((p) => p.outcome === 'pass').length} of ${bona.length} (BPCER ${pct(videoPad.bpcer)})`,
  );
  lines.push(
    textTable(
      ['attack species', 'attacks', 'APCER', 'outcomes'],
      videoPad.species.map((s) => [s.species, String(s.attacks), pct(s.apcer), JSON.stringify(s.outcomes)]),
    ),
  );
  lines.push(`APCER_max ${pct(videoPad.apcerMax)}`);
  for (const p of videoAttacks.filter((x) => (x.kind === 'bona_fide') !== (x.outcome === 'pass')))
    lines.push(`  ${p.kind} ${p.species} ${p.window}: ${p.outcome} ${p.reasons.join(',')} ${p.light}`);
  lines.push('');
}
lines.push(...notes.map((n) => `note: ${n}`));

// ---- HTML report ----
const colors = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd'];
const roc = lineChart(
  'ROC (linear)',
  unitAxis('FAR (different-person pairs accepted)'),
  unitAxis('TAR (same-person pairs accepted)'),
  matchEvals.map((m, i) => ({
    name: `${m.matcher} AUC ${m.auc.toFixed(3)}`,
    color: colors[i % 4] as string,
    points: m.curve.map((p) => ({ x: p.far, y: p.tar })),
  })),
  true,
);
const floor = Math.min(0.001, ...matchEvals.map((m) => 1 / Math.max(1, m.impostor)));
const rocLog = lineChart(
  'ROC (log FAR)',
  logAxis('FAR', floor),
  unitAxis('TAR'),
  matchEvals.map((m, i) => ({
    name: m.matcher,
    color: colors[i % 4] as string,
    points: m.curve.map((p) => ({ x: p.far, y: p.tar })),
  })),
);
const det = lineChart(
  'DET (normal-deviate scale, %)',
  detAxis('FAR / FMR (%)', 0.001),
  detAxis('FRR / FNMR (%)', 0.001),
  matchEvals.map((m, i) => ({
    name: m.matcher,
    color: colors[i % 4] as string,
    points: m.curve.map((p) => ({ x: p.far, y: 1 - p.tar })),
  })),
);
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const histogram = (m: MatchEval) => {
  const bins = 20;
  const count = (genuine: boolean) => {
    const h = Array(bins).fill(0) as number[];
    for (const s of m.scores) {
      const bin = Math.min(bins - 1, Math.max(0, Math.floor(s.score * bins)));
      if (s.genuine === genuine) h[bin] = (h[bin] ?? 0) + 1;
    }
    return h;
  };
  const g = count(true);
  const im = count(false);
  const max = Math.max(...g, ...im, 1);
  const bars = (h: number[], color: string, off: number) =>
    h
      .map(
        (v, k) =>
          `<rect x="${40 + k * 18 + off}" y="${200 - (v / max) * 160}" width="8" height="${(v / max) * 160}" fill="${color}"/>`,
      )
      .join('');
  const tx = 40 + m.defaultThreshold * 360;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="420" height="240" font-family="sans-serif" font-size="11"><rect width="420" height="240" fill="#fff"/><text x="210" y="18" text-anchor="middle" font-size="13" font-weight="bold">Similarity scores: ${esc(m.matcher)}</text>${bars(im, '#d62728', 0)}${bars(g, '#1f77b4', 9)}<line x1="${tx}" y1="30" x2="${tx}" y2="200" stroke="#000" stroke-dasharray="3 3"/><text x="${tx + 3}" y="40">threshold ${m.defaultThreshold}</text><line x1="40" y1="200" x2="400" y2="200" stroke="#333"/><text x="40" y="215">0</text><text x="400" y="215" text-anchor="end">1</text><rect x="60" y="222" width="10" height="8" fill="#1f77b4"/><text x="74" y="230">same person (${m.genuine})</text><rect x="220" y="222" width="10" height="8" fill="#d62728"/><text x="234" y="230">different (${m.impostor})</text></svg>`;
};
const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>facegate eval ${startedAt.toISOString()}</title>
<style>body{font-family:sans-serif;max-width:1320px;margin:24px auto;padding:0 16px;color:#222}pre{background:#f6f6f6;padding:12px;overflow:auto;font-size:12px}.charts{display:flex;flex-wrap:wrap;gap:12px}td,th{border:1px solid #ccc;padding:4px 8px;font-size:13px}table{border-collapse:collapse}</style></head><body>
<h1>facegate evaluation</h1><p>${esc(lines[0] as string)}</p>
<h2>Face match</h2>${matchEvals.length ? `<div class="charts">${roc}${rocLog}${det}${matchEvals.map(histogram).join('')}</div>` : '<p>No matcher evaluated.</p>'}
<p>How to read: each point is one threshold. TAR@FAR x is the highest TAR whose FAR does not exceed x; with fewer than 1/x different-person pairs the only such point is FAR 0, which says no impostor was accepted, not that the rate is x. The DET curve plots both error rates on a normal-deviate scale (lower-left is better); zero rates are drawn at the 0.1 % edge.</p>
<h2>Liveness attacks</h2>${livenessEvals
  .map(
    (l) =>
      `<table><tr><th>attack species</th><th>attacks</th><th>APCER</th><th>outcomes</th></tr>${l.pad.species.map((s) => `<tr><td>${esc(s.species)}</td><td>${s.attacks}</td><td>${pct(s.apcer)}</td><td>${esc(JSON.stringify(s.outcomes))}</td></tr>`).join('')}</table><p>APCER_max ${pct(l.pad.apcerMax)}; BPCER ${l.pad.bpcer === null ? 'not measurable: no bona fide frame sequences exist' : pct(l.pad.bpcer)}.</p><details><summary>Every sequence</summary><table><tr><th>species</th><th>source photo</th><th>challenge</th><th>outcome</th><th>reasons</th><th>confidence</th></tr>${l.details.map((d) => `<tr><td>${esc(d.species)}</td><td>${esc(d.source)}</td><td>${esc(d.challenge)}</td><td>${esc(d.outcome)}</td><td>${esc(d.reasons.join(', '))}</td><td>${d.confidence === null ? '–' : d.confidence.toFixed(3)}</td></tr>`).join('')}</table></details>`,
  )
  .join('')}
<h2>Liveness on real recordings</h2>${
  videoOutcomes.length
    ? `<table><tr><th>capture</th><th>window</th><th>truth</th><th>challenge</th><th>frames</th><th>outcome</th><th>reasons</th><th>step margins</th><th>confidence</th></tr>${videoOutcomes.map((o) => `<tr><td>${esc(o.profile)}</td><td>${esc(o.id)}</td><td>${o.truth}</td><td>${esc(o.challenge)}</td><td>${o.frames}</td><td>${esc(o.outcome)}</td><td>${esc(o.reasons.join(', '))}</td><td>${esc(o.margins)}</td><td>${o.confidence === null ? '–' : o.confidence.toFixed(3)}</td></tr>`).join('')}</table>`
    : '<p>Not run (--sections without video).</p>'
}
<h2>Bound challenges: bona fide and attacks on the recordings</h2>${
  videoAttacks.length
    ? `<table><tr><th>attack species</th><th>attacks</th><th>APCER</th><th>outcomes</th></tr>${videoPad.species.map((s) => `<tr><td>${esc(s.species)}</td><td>${s.attacks}</td><td>${pct(s.apcer)}</td><td>${esc(JSON.stringify(s.outcomes))}</td></tr>`).join('')}</table><p>APCER_max ${pct(videoPad.apcerMax)}; BPCER ${pct(videoPad.bpcer)}.</p><details><summary>Every presentation</summary><table><tr><th>window</th><th>kind</th><th>species</th><th>outcome</th><th>reasons</th><th>light</th></tr>${videoAttacks.map((p) => `<tr><td>${esc(p.window)}</td><td>${p.kind}</td><td>${esc(p.species)}</td><td>${esc(p.outcome)}</td><td>${esc(p.reasons.join(', '))}</td><td>${esc(p.light)}</td></tr>`).join('')}</table></details>`
    : '<p>Not run (--sections without video).</p>'
}
<h2>Summary</h2><pre>${esc(lines.join('\n'))}</pre></body></html>`;

const dir = resultsDir();
const name = `eval-${stamp(startedAt)}`;
writeFileSync(join(dir, `${name}.html`), html);
writeFileSync(join(dir, `${name}.txt`), `${lines.join('\n')}\n`);
writeFileSync(
  join(dir, `${name}.json`),
  JSON.stringify(
    {
      startedAt,
      notes,
      match: matchEvals.map(({ scores, curve, ...m }) => m),
      liveness: livenessEvals,
      video: videoOutcomes,
      videoAttacks: { presentations: videoAttacks, pad: videoPad },
    },
    null,
    2,
  ),
);
// SVGs on their own too, to look at (sharp renders them to PNG: sharp(file).png()).
if (matchEvals.length) {
  writeFileSync(join(dir, `${name}-roc.svg`), roc);
  writeFileSync(join(dir, `${name}-det.svg`), det);
}
process.stdout.write(`${lines.join('\n')}\n\nreport: ${join(dir, `${name}.html`)}\n`);
