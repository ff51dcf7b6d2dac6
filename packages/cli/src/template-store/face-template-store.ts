/**
 * One stored face template: where it lives, whose it is, and the engine's
 * own data (embedding, model id, …), which the store keeps opaque.
 */
export interface FaceTemplate {
  readonly collection: string;
  readonly faceId: string;
  readonly externalId: string;
  readonly [field: string]: unknown;
}

/** Which faces to remove: by the caller's ids, the provider's face ids, or both. */
export interface TemplateSelector {
  externalIds?: readonly string[];
  faceIds?: readonly string[];
}

/**
 * Where an engine with an in-process gallery (the local engine) keeps its
 * templates. The CLI implements it over a JSON file (`--store PATH`) so a
 * collection outlives one command; the shape is the local adapter's
 * `FaceTemplateStore`, matched structurally.
 */
export interface FaceTemplateStore {
  /** Every template of a collection (empty when the collection has none). */
  list(collection: string): Promise<FaceTemplate[]>;
  /** Add a template, or replace the one with the same collection and face id. */
  save(template: FaceTemplate): Promise<void>;
  /** Remove matching templates of a collection; resolves to the removed face ids. */
  remove(collection: string, selector: TemplateSelector): Promise<string[]>;
}
