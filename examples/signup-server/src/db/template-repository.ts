import { decodeEmbedding, encodeEmbedding, type FaceTemplate, type FaceTemplateStore } from '@facegate/adapter-local';
import { currentQueryable, type Queryable } from './database';

interface TemplateRow {
  collection: string;
  face_id: string;
  external_id: string;
  template: string;
  model: string;
}

/**
 * The offline engine's face templates in the signup database, so every
 * server instance searches the same gallery and a registration's template is
 * written in the registration's own transaction (rolled back with it).
 * Embeddings are biometric data: they never leave this table except into the engine.
 */
export class TemplateRepository implements FaceTemplateStore {
  constructor(
    private readonly db: Queryable,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private get q(): Queryable {
    return currentQueryable(this.db);
  }

  async list(collection: string): Promise<FaceTemplate[]> {
    const rows = await this.q.query<TemplateRow>(
      `SELECT collection, face_id, external_id, encode(template, 'base64') AS template, model
       FROM face_templates WHERE collection = $1 ORDER BY created_at, face_id`,
      [collection],
    );
    return rows.map((r) => ({
      collection: r.collection,
      faceId: r.face_id,
      externalId: r.external_id,
      embedding: decodeEmbedding(new Uint8Array(Buffer.from(r.template, 'base64'))),
      model: r.model,
    }));
  }

  async save(t: FaceTemplate): Promise<void> {
    await this.q.query(
      `INSERT INTO face_templates (collection, face_id, external_id, template, model, created_at)
       VALUES ($1, $2, $3, decode($4, 'base64'), $5, $6)`,
      [
        t.collection,
        t.faceId,
        t.externalId,
        Buffer.from(encodeEmbedding(t.embedding)).toString('base64'),
        t.model,
        this.clock(),
      ],
    );
  }

  async remove(collection: string, selector: { externalIds?: string[]; faceIds?: string[] }): Promise<number> {
    const rows = await this.q.query(
      `DELETE FROM face_templates WHERE collection = $1 AND (external_id = ANY($2) OR face_id = ANY($3)) RETURNING face_id`,
      [collection, selector.externalIds ?? [], selector.faceIds ?? []],
    );
    return rows.length;
  }
}
