/** A stored face template: what 1:N search compares against. */
export interface FaceTemplate {
  collection: string;
  /** The provider's id for this face (a random UUID). */
  faceId: string;
  /** The application's id for the person. */
  externalId: string;
  /** Unit-length embedding of the engine's model. Biometric data: keep it like a password hash. */
  embedding: Float32Array;
  /** Model (and version) that made the embedding; a search never compares templates of another model. */
  model: string;
}

/** What a search compares: an embedding and the model that made it. */
export interface TemplateProbe {
  /** Only templates of this model are compared. */
  model: string;
  /** Unit-length embedding. */
  embedding: Float32Array;
}

/** One template near the probe: ids and distance only, never the embedding. */
export interface TemplateMatch {
  faceId: string;
  externalId: string;
  /** Cosine distance 1 − a·b (0 = identical, 1 = unrelated). */
  distance: number;
}

/** What {@link FaceTemplateStore.search} found. */
export interface TemplateSearchResult {
  /** Nearest first, at most `k`, each within `maxDistance`; templates of the probe's model only. */
  matches: TemplateMatch[];
  /** Templates of the collection made by other models (or of another length): never compared, counted so callers can fail closed. */
  otherModels: { model: string; templates: number }[];
  /** How the store searched (e.g. `exact`, `hnsw`), for diagnostics. */
  method: string;
}

/** Which templates to remove: by the caller's ids, the provider's face ids, or both. */
export interface TemplateSelector {
  externalIds?: readonly string[];
  faceIds?: readonly string[];
}

/**
 * Where the local provider keeps templates, and where 1:N search runs: the
 * store answers a search with ids and distances, so a database-backed store
 * never moves the gallery out of the database. A failing call surfaces as
 * `provider_unavailable` (retryable); throw `EngineBusyError` to ask callers to
 * back off (`rate_limited` with its delay). {@link createMemoryTemplateStore} is
 * the in-process default; `openSqlTemplateStore` keeps templates in PostgreSQL
 * or PGlite (vector index with pgvector, exact in-database search without).
 */
export interface FaceTemplateStore {
  /**
   * The `k` templates of `collection` nearest to the probe with a cosine
   * distance ≤ `maxDistance`, nearest first; only templates of the probe's
   * model are compared.
   */
  search(collection: string, probe: TemplateProbe, k: number, maxDistance: number): Promise<TemplateSearchResult>;
  /** Add a template, or replace the one with the same collection and face id. */
  save(template: FaceTemplate): Promise<void>;
  /** Remove templates by external id or face id; resolves to the face ids removed. */
  remove(collection: string, selector: TemplateSelector): Promise<string[]>;
}

/** Cosine distance 1 − a·b of two unit embeddings of one length. */
function cosineDistance(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += (a[i] as number) * (b[i] as number);
  return 1 - dot;
}

/** Group templates that a probe must not be compared with, by model. */
export function countOtherModels(
  templates: Iterable<{ model: string; length: number }>,
  probe: { model: string; length: number },
): { model: string; templates: number }[] {
  const counts = new Map<string, number>();
  for (const t of templates)
    if (t.model !== probe.model || t.length !== probe.length) counts.set(t.model, (counts.get(t.model) ?? 0) + 1);
  return [...counts]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([model, templates]) => ({ model, templates }));
}

/** An in-process store (the default): templates live as long as the process; search is an exact scan. */
export function createMemoryTemplateStore(): FaceTemplateStore {
  const byCollection = new Map<string, FaceTemplate[]>();
  const copy = (t: FaceTemplate): FaceTemplate => ({ ...t, embedding: Float32Array.from(t.embedding) });
  return {
    async search(collection, probe, k, maxDistance) {
      const all = byCollection.get(collection) ?? [];
      const length = probe.embedding.length;
      const comparable = all.filter((t) => t.model === probe.model && t.embedding.length === length);
      const matches = comparable
        .map((t) => ({
          faceId: t.faceId,
          externalId: t.externalId,
          distance: cosineDistance(probe.embedding, t.embedding),
        }))
        .filter((m) => m.distance <= maxDistance)
        .sort((a, b) => a.distance - b.distance)
        .slice(0, Math.max(0, k));
      const otherModels = countOtherModels(
        all.map((t) => ({ model: t.model, length: t.embedding.length })),
        { model: probe.model, length },
      );
      return { matches, otherModels, method: 'exact' };
    },
    async save(template) {
      const list = (byCollection.get(template.collection) ?? []).filter((t) => t.faceId !== template.faceId);
      list.push(copy(template));
      byCollection.set(template.collection, list);
    },
    async remove(collection, selector) {
      const list = byCollection.get(collection) ?? [];
      const ext = new Set(selector.externalIds ?? []);
      const ids = new Set(selector.faceIds ?? []);
      const hit = (t: FaceTemplate) => ext.has(t.externalId) || ids.has(t.faceId);
      byCollection.set(
        collection,
        list.filter((t) => !hit(t)),
      );
      return list.filter(hit).map((t) => t.faceId);
    },
  };
}

/** Embedding → little-endian float32 bytes (the earlier `bytea` template column; kept for reading it). */
export function encodeEmbedding(embedding: Float32Array): Uint8Array {
  const out = new Uint8Array(embedding.length * 4);
  const view = new DataView(out.buffer);
  for (const [i, v] of embedding.entries()) view.setFloat32(i * 4, v, true);
  return out;
}

/** Bytes from {@link encodeEmbedding} → embedding. Throws on a length that is not a multiple of 4. */
export function decodeEmbedding(bytes: Uint8Array): Float32Array {
  if (bytes.byteLength % 4 !== 0) throw new RangeError('embedding bytes must be a multiple of 4 long');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Float32Array.from({ length: bytes.byteLength / 4 }, (_, i) => view.getFloat32(i * 4, true));
}
