import { numberOption, positionals } from '../input/option-values';
import { readMediaFile } from '../input/read-media-file';
import { formatMatch } from '../output/human-output';
import type { MatchOutput } from '../output/json-output';
import { openFacegate } from '../providers/open-facegate';
import { type CommandContext, type CommandResult, envelope, exitFor } from './command-context';

/** Usage line of `facegate match`. */
export const MATCH_USAGE = 'facegate match SOURCE TARGET [--provider ID] [--threshold 0..1]';

/**
 * `facegate match A B`: 1:1 comparison. `--threshold` sets the similarity at
 * or above which the faces match (the review band is lowered with it if needed).
 */
export async function matchCommand(ctx: CommandContext): Promise<CommandResult> {
  const [sourcePath, targetPath] = positionals(ctx.args, 2, MATCH_USAGE) as [string, string];
  const threshold = numberOption(ctx.values, 'threshold', { min: 0, max: 1 });
  const source = await readMediaFile(sourcePath, ctx.io.cwd);
  const target = await readMediaFile(targetPath, ctx.io.cwd);
  const open = await openFacegate({
    io: ctx.io,
    progress: ctx.progress,
    table: ctx.table,
    provider: ctx.provider,
    needs: 'match',
    operation: 'face matching',
    policy: (base) =>
      threshold === undefined
        ? {}
        : { match: { passAt: threshold, reviewAt: Math.min(base.match.reviewAt, threshold) } },
  });
  try {
    const result = await open.facegate.compareFaces({ source: source.media, target: target.media });
    const exitCode = exitFor(result.decision.outcome);
    const json: MatchOutput = {
      ...envelope(result, open.warnings, exitCode),
      command: 'match',
      source: source.path,
      target: target.path,
      isMatch: result.isMatch,
      similarity: result.similarity,
      threshold: open.facegate.policyFor(result.provider).match,
      decision: result.decision,
      reasons: result.reasons,
      faces: result.faces,
    };
    return { json, human: formatMatch(json), exitCode };
  } finally {
    await open.facegate.close();
  }
}
