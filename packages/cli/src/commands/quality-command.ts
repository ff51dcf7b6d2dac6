import { positionals } from '../input/option-values';
import { readMediaFile } from '../input/read-media-file';
import { formatQuality } from '../output/human-output';
import type { QualityOutput } from '../output/json-output';
import { openFacegate } from '../providers/open-facegate';
import { type CommandContext, type CommandResult, envelope, exitFor } from './command-context';

/** Usage line of `facegate quality`. */
export const QUALITY_USAGE = 'facegate quality FILE [--provider ID]';

/** `facegate quality FILE`: faces with boxes, measurements and feedback codes; exit 1 when the photo should be retaken. */
export async function qualityCommand(ctx: CommandContext): Promise<CommandResult> {
  const [path] = positionals(ctx.args, 1, QUALITY_USAGE) as [string];
  const file = await readMediaFile(path, ctx.io.cwd);
  const open = await openFacegate({
    io: ctx.io,
    progress: ctx.progress,
    table: ctx.table,
    provider: ctx.provider,
    needs: 'quality',
    operation: 'quality analysis',
  });
  try {
    const report = await open.facegate.analyzeQuality({ image: file.media });
    const exitCode = exitFor(report.decision.outcome);
    const json: QualityOutput = {
      ...envelope(report, open.warnings, exitCode),
      command: 'quality',
      input: { path: file.path },
      decision: report.decision,
      reasons: report.reasons,
      faces: report.faces.map((f) => ({ box: f.box, confidence: f.confidence, ...(f.pose ? { pose: f.pose } : {}) })),
      metrics: report.metrics,
    };
    return { json, human: formatQuality(json), exitCode };
  } finally {
    await open.facegate.close();
  }
}
