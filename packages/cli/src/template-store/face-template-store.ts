/**
 * One stored face template: where it lives, whose it is, the model that made
 * it and its embedding.
 */
export interface FaceTemplate {
  readonly collection: string;
  readonly faceId: string;
  readonly externalId: string;
  readonly model: string;
  readonly embedding: Float32Array;
}

/** Which faces to remove: by the caller's ids, the provider's face ids, or both. */
export interface TemplateSelector {
  externalIds?: readonly string[];
  faceIds?: readonly string[];
}

/** What a search found: ids and distances, nearest first; counts of templates of other models. */
export interface TemplateSearchResult {
  matches: { faceId: string; externalId: string; distance: number }[];
  otherModels: { model: string; templates: number }[];
  method: string;
}

/**
 * Where an engine with an in-process gallery (the local engine) keeps its
 * templates and searches them. The CLI opens one in a PGlite database folder
 * (`--store DIR`) so a collection outlives one command; the shape is the
 * local adapter's `FaceTemplateStore`, matched structurally.
 */
export interface FaceTemplateStore {
  /** The `k` templates of the probe's model nearest to it within `maxDistance` (cosine distance). */
  search(
    collection: string,
    probe: { model: string; embedding: Float32Array },
    k: number,
    maxDistance: number,
  ): Promise<TemplateSearchResult>;
  /** Add a template, or replace the one with the same collection and face id. */
  save(template: FaceTemplate): Promise<void>;
  /** Remove matching templates of a collection; resolves to the face ids removed. */
  remove(collection: string, selector: TemplateSelector): Promise<string[]>;
}
