import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { CliError } from '../cli-error';
import type { FaceTemplate, FaceTemplateStore, TemplateSelector } from './face-template-store';

/** Format marker of the store file, checked on read. */
export const TEMPLATE_STORE_FORMAT = 'facegate-template-store';

const TYPED_ARRAYS = {
  Float32Array,
  Float64Array,
  Int8Array,
  Int16Array,
  Int32Array,
  Uint8Array,
  Uint16Array,
  Uint32Array,
} as const;
type TypedArrayName = keyof typeof TYPED_ARRAYS;

const fileSchema = z.looseObject({
  format: z.literal(TEMPLATE_STORE_FORMAT),
  version: z.literal(1),
  templates: z.array(
    z.looseObject({ collection: z.string().min(1), faceId: z.string().min(1), externalId: z.string() }),
  ),
});

/**
 * A {@link FaceTemplateStore} in one JSON file. Every call reads the file and
 * every change rewrites it atomically (temp file + rename), so separate CLI
 * runs share one gallery. Typed arrays (embeddings) round-trip as
 * `{ "$typedArray": "Float32Array", "values": [...] }`. Not for concurrent
 * writers: two processes adding at once can lose one addition.
 *
 * The file holds biometric templates: keep it private (it is written with
 * mode 0600) and delete it when done.
 */
export function createJsonFileTemplateStore(path: string): FaceTemplateStore {
  async function load(): Promise<FaceTemplate[]> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') return [];
      throw new CliError('store_error', `--store ${path}: cannot read it (${(error as { code?: string }).code})`, {
        cause: error,
      });
    }
    let json: unknown;
    try {
      json = JSON.parse(text, revive);
    } catch (error) {
      throw new CliError('store_error', `--store ${path} is not valid JSON; point --store at a new file`, {
        cause: error,
      });
    }
    const parsed = fileSchema.safeParse(json);
    if (!parsed.success)
      throw new CliError(
        'store_error',
        `--store ${path} is not a facegate template store (format ${TEMPLATE_STORE_FORMAT}, version 1); point --store at a new file`,
      );
    return parsed.data.templates as FaceTemplate[];
  }

  async function persist(templates: FaceTemplate[]): Promise<void> {
    const body = JSON.stringify({ format: TEMPLATE_STORE_FORMAT, version: 1, templates }, replace);
    const temp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(temp, body, { mode: 0o600 });
      await rename(temp, path);
    } catch (error) {
      throw new CliError('store_error', `--store ${path}: cannot write it (${(error as { code?: string }).code})`, {
        cause: error,
      });
    }
  }

  return {
    async list(collection) {
      return (await load()).filter((t) => t.collection === collection);
    },
    async save(template) {
      const all = await load();
      const rest = all.filter((t) => !(t.collection === template.collection && t.faceId === template.faceId));
      await persist([...rest, template]);
    },
    async remove(collection, selector: TemplateSelector) {
      const all = await load();
      const hit = (t: FaceTemplate) =>
        t.collection === collection &&
        (selector.faceIds?.includes(t.faceId) === true || selector.externalIds?.includes(t.externalId) === true);
      const removed = all.filter(hit).map((t) => t.faceId);
      if (removed.length > 0) await persist(all.filter((t) => !hit(t)));
      return removed;
    },
  };
}

function replace(_key: string, value: unknown): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const name = value.constructor.name as TypedArrayName;
    if (name in TYPED_ARRAYS) return { $typedArray: name, values: Array.from(value as unknown as ArrayLike<number>) };
  }
  return value;
}

function revive(_key: string, value: unknown): unknown {
  const v = value as { $typedArray?: unknown; values?: unknown } | null;
  if (v && typeof v === 'object' && typeof v.$typedArray === 'string' && Array.isArray(v.values)) {
    const ctor = TYPED_ARRAYS[v.$typedArray as TypedArrayName];
    if (ctor) return ctor.from(v.values as number[]);
  }
  return value;
}
