import { resolve } from 'node:path';
import { collectionNameSchema, externalIdSchema } from '@facegate/core';
import type { z } from 'zod';
import { CliError } from '../cli-error';
import { listOption, numberOption, positionals, stringOption } from '../input/option-values';
import { readMediaFile } from '../input/read-media-file';
import { formatSearchAdd, formatSearchFind, formatSearchRemove } from '../output/human-output';
import type { SearchAddOutput, SearchFindOutput, SearchRemoveOutput } from '../output/json-output';
import { type OpenFacegate, openFacegate } from '../providers/open-facegate';
import type { FaceTemplateStore } from '../template-store/face-template-store';
import { type OpenTemplateStore, openPgliteTemplateStore } from '../template-store/pglite-template-store';
import { type CommandContext, type CommandResult, envelope, exitFor } from './command-context';

/** Usage lines of `facegate search`. */
export const SEARCH_USAGE_LINES = [
  'facegate search --collection NAME [--store DIR] add --id EXTERNAL_ID FILE',
  'facegate search --collection NAME [--store DIR] find FILE [--max-results N] [--min-similarity 0..1] [--threshold 0..1]',
  'facegate search --collection NAME [--store DIR] remove (--id EXTERNAL_ID | --face-id FACE_ID)…',
] as const;
const SEARCH_USAGE = SEARCH_USAGE_LINES.join(' | ');

const ACTIONS = ['add', 'find', 'remove'] as const;

/**
 * `facegate search --collection NAME add|find|remove`: 1:N search where the
 * provider supports it. `find` exits 0 when the face is unique (decision
 * `pass`) and 1 for a duplicate or a possible duplicate.
 */
export async function searchCommand(ctx: CommandContext): Promise<CommandResult> {
  const [action, ...rest] = ctx.args;
  if (!action || !(ACTIONS as readonly string[]).includes(action))
    throw new CliError(
      'usage_error',
      `${action ? `unknown search action '${action.slice(0, 20)}'` : 'missing search action'}; usage: ${SEARCH_USAGE}`,
    );
  const collection = stringOption(ctx.values, 'collection');
  if (!collection) throw new CliError('usage_error', `--collection NAME is required; usage: ${SEARCH_USAGE}`);
  checkId('--collection', collection, collectionNameSchema);
  const storePath = stringOption(ctx.values, 'store');
  const usage = `facegate search --collection NAME ${action} …`;
  let imagePath: string | undefined;
  if (action !== 'remove') [imagePath] = positionals(rest, 1, usage);
  else positionals(rest, 0, usage);
  const file = imagePath ? await readMediaFile(imagePath, ctx.io.cwd) : undefined;
  const ids = listOption(ctx.values, 'id');
  const faceIds = listOption(ctx.values, 'face-id');
  if (action === 'add' && ids.length !== 1)
    throw new CliError('usage_error', '`search add` needs exactly one --id EXTERNAL_ID (your id for this person)');
  if (action === 'remove' && ids.length + faceIds.length === 0)
    throw new CliError('usage_error', '`search remove` needs --id EXTERNAL_ID or --face-id FACE_ID (repeatable)');
  for (const id of ids) checkId('--id', id, externalIdSchema);
  const maxResults = numberOption(ctx.values, 'max-results', { min: 1, max: 100, integer: true });
  const minSimilarity = numberOption(ctx.values, 'min-similarity', { min: 0, max: 1 });
  const threshold = numberOption(ctx.values, 'threshold', { min: 0, max: 1 });

  // Opened after the arguments are checked, only for a provider that takes it: a bad folder is one clear line.
  let opened: OpenTemplateStore | undefined;
  const openStore = storePath
    ? async () => {
        opened = await openPgliteTemplateStore(resolve(ctx.io.cwd, storePath));
        return opened.store;
      }
    : undefined;
  try {
    return await run(ctx, { action, collection, file, ids, faceIds, maxResults, minSimilarity, threshold, openStore });
  } finally {
    await (opened as OpenTemplateStore | undefined)?.close();
  }
}

async function run(
  ctx: CommandContext,
  args: {
    action: string;
    collection: string;
    file: Awaited<ReturnType<typeof readMediaFile>> | undefined;
    ids: string[];
    faceIds: string[];
    maxResults: number | undefined;
    minSimilarity: number | undefined;
    threshold: number | undefined;
    openStore: (() => Promise<FaceTemplateStore>) | undefined;
  },
): Promise<CommandResult> {
  const { action, collection, file, ids, faceIds, maxResults, minSimilarity, threshold, openStore } = args;
  const templateStore = openStore;
  const open = await openFacegate({
    io: ctx.io,
    progress: ctx.progress,
    table: ctx.table,
    provider: ctx.provider,
    needs: 'search',
    operation: '1:N face search',
    templateStore,
    policy: (base) =>
      threshold === undefined
        ? {}
        : { duplicate: { rejectAt: threshold, reviewAt: Math.min(base.duplicate.reviewAt, threshold) } },
  });
  try {
    const persistent = open.entry.acceptsTemplateStore && templateStore !== undefined;
    if (open.entry.inProcessGallery) {
      if (!persistent)
        ctx.progress.warn(
          `${open.providerId} keeps collections in memory, so '${collection}' starts empty on every run${open.entry.acceptsTemplateStore ? '; pass --store DIR to keep it between runs' : ''}`,
        );
      // An in-memory gallery has no collection until this process makes one.
      await open.facegate.ensureCollection({ collection });
    } else if (action === 'add') {
      await open.facegate.ensureCollection({ collection });
    }
    if (action === 'add' && file) return await add(open, collection, ids[0] as string, file.path, file.media);
    if (action === 'find' && file)
      return await find(open, collection, file.path, file.media, { maxResults, minSimilarity });
    return await remove(open, collection, ids, faceIds);
  } finally {
    await open.facegate.close();
  }
}

async function add(
  open: OpenFacegate,
  collection: string,
  externalId: string,
  path: string,
  image: { data: Uint8Array; filename: string },
): Promise<CommandResult> {
  const indexed = await open.facegate.indexFace({ collection, externalId, image });
  const json: SearchAddOutput = {
    ...envelope(indexed, open.warnings, 0),
    command: 'search',
    action: 'add',
    collection,
    input: { path },
    faceId: indexed.faceId,
    externalId: indexed.externalId,
    reasons: indexed.reasons,
  };
  return { json, human: formatSearchAdd(json), exitCode: 0 };
}

async function find(
  open: OpenFacegate,
  collection: string,
  path: string,
  image: { data: Uint8Array; filename: string },
  limits: { maxResults?: number; minSimilarity?: number },
): Promise<CommandResult> {
  const result = await open.facegate.searchFaces({ collection, image, ...definedOnly(limits) });
  const exitCode = exitFor(result.decision.outcome);
  const json: SearchFindOutput = {
    ...envelope(result, open.warnings, exitCode),
    command: 'search',
    action: 'find',
    collection,
    input: { path },
    isDuplicate: result.isDuplicate,
    threshold: open.facegate.policyFor(result.provider).duplicate,
    decision: result.decision,
    reasons: result.reasons,
    matches: result.matches,
  };
  return { json, human: formatSearchFind(json), exitCode };
}

async function remove(
  open: OpenFacegate,
  collection: string,
  externalIds: string[],
  faceIds: string[],
): Promise<CommandResult> {
  const removed = await open.facegate.removeFaces({
    collection,
    ...(externalIds.length > 0 ? { externalIds } : {}),
    ...(faceIds.length > 0 ? { faceIds } : {}),
  });
  const json: SearchRemoveOutput = {
    ...envelope(removed, open.warnings, 0),
    command: 'search',
    action: 'remove',
    collection,
    removedFaceIds: removed.removedFaceIds,
  };
  return { json, human: formatSearchRemove(json), exitCode: 0 };
}

function checkId(option: string, value: string, schema: z.ZodType): void {
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new CliError(
      'usage_error',
      `${option} '${value.slice(0, 40)}': ${parsed.error.issues[0]?.message ?? 'invalid'}`,
    );
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
