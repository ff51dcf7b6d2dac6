import { describeReason, type ReasonCode, type Warning } from '@facegate/core';
import type {
  LivenessOutput,
  MatchOutput,
  ProvidersOutput,
  QualityOutput,
  SearchAddOutput,
  SearchFindOutput,
  SearchRemoveOutput,
} from './json-output';

const num = (value: number | null, digits = 3) => (value === null ? 'n/a' : value.toFixed(digits));

/** A result block: a headline, aligned rows, reasons explained, warnings. */
function block(
  headline: string,
  rows: [string, string][],
  reasons: readonly ReasonCode[] = [],
  warnings: readonly Warning[] = [],
): string {
  const width = Math.max(0, ...rows.map(([k]) => k.length));
  const lines = [headline, ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`)];
  for (const r of reasons) lines.push(`  - ${r}: ${describeReason(r)}`);
  for (const w of warnings) lines.push(`  warning: ${w.message}`);
  return `${lines.join('\n')}\n`;
}

const verdictWord = (outcome: string) => outcome.toUpperCase();

/** Human text for `match`. */
export function formatMatch(out: MatchOutput): string {
  return block(
    `match: ${verdictWord(out.decision.outcome)} — ${out.isMatch ? 'same person' : 'not confirmed as the same person'}`,
    [
      ['similarity', `${num(out.similarity)} (pass ≥ ${out.threshold.passAt}, review ≥ ${out.threshold.reviewAt})`],
      ['faces', `${out.source}: ${out.faces.source ?? '?'}, ${out.target}: ${out.faces.target ?? '?'}`],
      ['provider', out.provider],
    ],
    out.decision.reasons,
    out.warnings,
  );
}

/** Human text for `liveness`. */
export function formatLiveness(out: LivenessOutput): string {
  const rows: [string, string][] = [
    [
      'confidence',
      `${num(out.confidence)} (pass ≥ ${out.threshold.passAt}, review ≥ ${out.threshold.reviewAt})${out.verdict ? `, verdict ${out.verdict}` : ''}`,
    ],
    ['input', out.input.frames ? `${out.input.path} (${out.input.frames.length} frames)` : out.input.path],
  ];
  if (out.challenge) {
    const steps = out.challenge.steps.map((s) => `${s.action} ${s.completed ? '✓' : '✗'}`).join(', ');
    rows.push(['challenge', `${out.challenge.passed ? 'passed' : 'failed'}: ${steps}`]);
  }
  rows.push(['provider', out.provider]);
  return block(
    `liveness: ${verdictWord(out.decision.outcome)} — ${out.isLive ? 'live' : 'not confirmed live'}`,
    rows,
    out.decision.reasons,
    out.warnings,
  );
}

/** Human text for `quality`. */
export function formatQuality(out: QualityOutput): string {
  const rows: [string, string][] = [['faces', String(out.faces.length)]];
  for (const [i, f] of out.faces.entries()) {
    const b = f.box;
    const pose = f.pose
      ? `, yaw ${f.pose.yaw.toFixed(0)}° pitch ${f.pose.pitch.toFixed(0)}° roll ${f.pose.roll.toFixed(0)}°`
      : '';
    rows.push([
      `face ${i + 1}`,
      `box left ${num(b.left, 2)} top ${num(b.top, 2)} width ${num(b.width, 2)} height ${num(b.height, 2)}, confidence ${num(f.confidence, 2)}${pose}`,
    ]);
  }
  const m = out.metrics;
  rows.push([
    'metrics',
    `brightness ${num(m.brightness, 2)}, sharpness ${num(m.sharpness, 2)}, face area ${num(m.faceAreaRatio, 2)}, off-centre ${num(m.centerOffset, 2)}, eyes open ${m.eyesOpen ?? 'n/a'}`,
  ]);
  rows.push(['provider', out.provider]);
  return block(
    `quality: ${verdictWord(out.decision.outcome)} — ${out.decision.outcome === 'pass' ? 'usable' : 'retake the photo'}`,
    rows,
    out.reasons,
    out.warnings,
  );
}

/** Human text for `search … add`. */
export function formatSearchAdd(out: SearchAddOutput): string {
  return block(
    `search add: added ${out.externalId} to ${out.collection}`,
    [
      ['face id', out.faceId],
      ['provider', out.provider],
    ],
    out.reasons,
    out.warnings,
  );
}

/** Human text for `search … find`. */
export function formatSearchFind(out: SearchFindOutput): string {
  const headline = out.isDuplicate
    ? `search find: ${verdictWord(out.decision.outcome)} — duplicate of ${out.matches[0]?.externalId ?? '?'}`
    : `search find: ${verdictWord(out.decision.outcome)} — ${out.decision.outcome === 'pass' ? 'no duplicate' : 'possible duplicate'}`;
  const rows: [string, string][] = [
    ['collection', out.collection],
    ['threshold', `duplicate ≥ ${out.threshold.rejectAt}, review ≥ ${out.threshold.reviewAt}`],
    ['matches', out.matches.length === 0 ? 'none' : String(out.matches.length)],
  ];
  for (const m of out.matches) rows.push([`  ${m.externalId}`, `similarity ${num(m.similarity)} (face ${m.faceId})`]);
  rows.push(['provider', out.provider]);
  return block(headline, rows, out.decision.reasons, out.warnings);
}

/** Human text for `search … remove`. */
export function formatSearchRemove(out: SearchRemoveOutput): string {
  return block(
    `search remove: ${out.removedFaceIds.length} face(s) removed from ${out.collection}`,
    [
      ['face ids', out.removedFaceIds.join(', ') || 'none'],
      ['provider', out.provider],
    ],
    [],
    out.warnings,
  );
}

/** Human text for `providers`. */
export function formatProviders(out: ProvidersOutput): string {
  const lines: string[] = [];
  for (const p of out.providers) {
    const mark = p.id === out.selected ? '*' : ' ';
    const state = !p.installed
      ? p.loadError
        ? `broken: ${p.loadError}`
        : `not installed (npm install ${p.package})`
      : p.configured
        ? 'configured'
        : `not configured: set ${p.missing.join(', ')}`;
    lines.push(`${mark} ${p.id.padEnd(9)} ${state}`);
    if (p.installed) {
      if (p.displayName) lines.push(`    ${p.displayName}`);
      lines.push(`    supports: ${p.capabilities.join(', ')}`);
      if (p.note) lines.push(`    note: ${p.note}`);
      for (const v of p.envVars)
        lines.push(
          `    ${v.set ? '✓' : ' '} ${v.name}${v.required ? ' (required)' : ''}${v.secret ? ' (secret)' : ''}`,
        );
    }
  }
  lines.push('', `* = used without --provider (FACEGATE_PROVIDER, default local)`);
  return `${lines.join('\n')}\n`;
}
