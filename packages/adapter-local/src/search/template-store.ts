import type { EngineBusyError } from '../local-errors';

/** A stored face template: what 1:N search compares against. */
export interface FaceTemplate {
  collection: string;
  /** The provider's id for this face (a random UUID). */
  faceId: string;
  /** The application's id for the person. */
  externalId: string;
  /** 128-d face-api descriptor. Biometric data: keep it like a password hash. */
  embedding: Float32Array;
  /** Model that made the embedding; templates of another model are ignored. */
  model: string;
}

/**
 * Where the local provider keeps templates. A failing call surfaces as
 * `provider_unavailable` (retryable); throw {@link EngineBusyError} to ask
 * callers to back off (`rate_limited` with its delay). The signup app implements it over
 * its database so every server instance sees the same gallery.
 */
export interface FaceTemplateStore {
  /** All templates of a collection (called on first use of the collection and after `reload`). */
  list(collection: string): Promise<FaceTemplate[]>;
  /** Add one template. */
  save(template: FaceTemplate): Promise<void>;
  /** Remove templates by external id or face id; returns how many were removed. */
  remove(collection: string, selector: { externalIds?: string[]; faceIds?: string[] }): Promise<number>;
}

/** An in-process store (the default): templates live as long as the process. */
export function createMemoryTemplateStore(): FaceTemplateStore {
  const byCollection = new Map<string, FaceTemplate[]>();
  const copy = (t: FaceTemplate): FaceTemplate => ({ ...t, embedding: Float32Array.from(t.embedding) });
  return {
    async list(collection) {
      return (byCollection.get(collection) ?? []).map(copy);
    },
    async save(template) {
      const list = byCollection.get(template.collection) ?? [];
      list.push(copy(template));
      byCollection.set(template.collection, list);
    },
    async remove(collection, selector) {
      const list = byCollection.get(collection) ?? [];
      const ext = new Set(selector.externalIds ?? []);
      const ids = new Set(selector.faceIds ?? []);
      const keep = list.filter((t) => !ext.has(t.externalId) && !ids.has(t.faceId));
      byCollection.set(collection, keep);
      return list.length - keep.length;
    },
  };
}

/** Embedding → little-endian float32 bytes (for a database `bytea` / `blob` column). */
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
