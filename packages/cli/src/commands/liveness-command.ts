import type { Capability, LivenessMedia, MediaLivenessRequest } from '@facegate/core';
import { CliError } from '../cli-error';
import { buildChallenge, parseChallengeSteps } from '../input/challenge-option';
import { numberOption, positionals, stringOption } from '../input/option-values';
import { type FrameTiming, readFramesDir } from '../input/read-frames-dir';
import { readMediaFile, statInput } from '../input/read-media-file';
import { formatLiveness } from '../output/human-output';
import type { LivenessOutput } from '../output/json-output';
import { openFacegate } from '../providers/open-facegate';
import { type CommandContext, type CommandResult, envelope, exitFor } from './command-context';

/** Usage line of `facegate liveness`. */
export const LIVENESS_USAGE =
  'facegate liveness FILE|DIR_OF_FRAMES [--provider ID] [--threshold 0..1] [--challenge ACTION,…] [--frame-interval MS] [--frame-times order|mtime] [--step-timeout MS]';

/** Spacing of frames read in file-name order, when `--frame-interval` is not given. */
export const DEFAULT_FRAME_INTERVAL_MS = 200;
/** Time allowed per challenge step, when `--step-timeout` is not given (core's default). */
export const DEFAULT_STEP_TIMEOUT_MS = 5_000;

const FRAME_OPTIONS = ['challenge', 'frame-interval', 'frame-times', 'step-timeout'];

/**
 * `facegate liveness FILE|DIR`: a still image or a video clip (passive), or a
 * directory of frames answering a challenge the caller describes with
 * `--challenge` (active). Session-only vendors are refused with an explanation.
 */
export async function livenessCommand(ctx: CommandContext): Promise<CommandResult> {
  const [path] = positionals(ctx.args, 1, LIVENESS_USAGE) as [string];
  const threshold = numberOption(ctx.values, 'threshold', { min: 0, max: 1 });
  const info = await statInput(path, ctx.io.cwd);
  let media: LivenessMedia;
  let framesInfo: LivenessOutput['input']['frames'];
  let steps: ReturnType<typeof parseChallengeSteps> | undefined;
  let stepTimeoutMs = DEFAULT_STEP_TIMEOUT_MS;

  if (info.isDirectory()) {
    steps = parseChallengeSteps(stringOption(ctx.values, 'challenge'));
    stepTimeoutMs = numberOption(ctx.values, 'step-timeout', { min: 100, max: 60_000, integer: true }) ?? stepTimeoutMs;
    const timing = stringOption(ctx.values, 'frame-times') ?? 'order';
    if (timing !== 'order' && timing !== 'mtime')
      throw new CliError('usage_error', `--frame-times must be order or mtime (got '${timing.slice(0, 20)}')`);
    const intervalMs =
      numberOption(ctx.values, 'frame-interval', { min: 0, max: 10_000, integer: true }) ?? DEFAULT_FRAME_INTERVAL_MS;
    const read = await readFramesDir(path, ctx.io.cwd, {
      timing: timing as FrameTiming,
      intervalMs,
      progress: ctx.progress,
    });
    if (read.skipped > 0) ctx.progress.note(`skipped ${read.skipped} file(s) in ${path} that are not .jpg/.png/.webp`);
    media = { kind: 'frames', frames: read.frames };
    framesInfo = read.files.map((file, i) => ({ file, capturedAtMs: read.frames[i]?.capturedAtMs ?? 0 }));
  } else {
    const given = FRAME_OPTIONS.filter((o) => ctx.values[o] !== undefined);
    if (given.length > 0)
      throw new CliError(
        'usage_error',
        `--${given[0]} applies to a directory of frames; ${path} is a file (a still image or a video is checked passively)`,
      );
    const file = await readMediaFile(path, ctx.io.cwd, 'image-or-video');
    media =
      file.format === 'mp4' || file.format === 'webm'
        ? { kind: 'video', video: file.media }
        : { kind: 'image', image: file.media };
  }

  const needs: Capability = `liveness.${media.kind}`;
  const what =
    media.kind === 'frames'
      ? 'liveness on a frame sequence'
      : media.kind === 'video'
        ? 'liveness on a video clip'
        : 'liveness on a still image';
  const open = await openFacegate({
    io: ctx.io,
    progress: ctx.progress,
    table: ctx.table,
    provider: ctx.provider,
    needs,
    operation: what,
    policy: (base) =>
      threshold === undefined
        ? {}
        : { liveness: { passAt: threshold, reviewAt: Math.min(base.liveness.reviewAt, threshold) } },
  });
  try {
    const request: MediaLivenessRequest = { media };
    // Issued only now, after frames are read and models loaded, as a server would right before capture.
    if (steps) request.challenge = buildChallenge(steps, stepTimeoutMs);
    if (media.kind === 'frames') ctx.progress.note(`checking ${media.frames.length} frames with ${open.providerId}…`);
    const result = await open.facegate.checkLiveness(request);
    const exitCode = exitFor(result.decision.outcome);
    const ref = result.referenceImage;
    const json: LivenessOutput = {
      ...envelope(result, open.warnings, exitCode),
      command: 'liveness',
      input: {
        path,
        kind: media.kind,
        ...(framesInfo ? { frames: framesInfo } : {}),
        ...(steps ? { challenge: { steps, stepTimeoutMs } } : {}),
      },
      isLive: result.isLive,
      verdict: result.verdict,
      confidence: result.confidence,
      threshold: open.facegate.policyFor(result.provider).liveness,
      decision: result.decision,
      reasons: result.reasons,
      challenge: result.challenge ? { steps: result.challenge.steps, passed: result.challenge.passed } : null,
      referenceImage: ref ? { mediaType: ref.mediaType ?? null, byteLength: ref.data?.byteLength ?? 0 } : null,
    };
    return { json, human: formatLiveness(json), exitCode };
  } finally {
    await open.facegate.close();
  }
}
