import { currentQueryable, type Queryable } from './database';

/** Kinds of biometric media a signup holds for a while. */
export type MediaKind = 'reference' | 'document_face';

/** Short-lived biometric media: written when a step produces it, deleted when the flow no longer needs it. */
export class MediaRepository {
  constructor(private readonly db: Queryable) {}

  private get q(): Queryable {
    return currentQueryable(this.db);
  }

  // Bytes travel as base64 text and are converted inside the database: the
  // embedded database's bytea parameter path is several times slower.
  async put(sessionId: string, kind: MediaKind, mediaType: string, data: Uint8Array, expiresAt: Date): Promise<void> {
    await this.q.query(
      `INSERT INTO signup_media (session_id, kind, media_type, data, expires_at) VALUES ($1, $2, $3, decode($4, 'base64'), $5)
       ON CONFLICT (session_id, kind) DO UPDATE SET media_type = EXCLUDED.media_type, data = EXCLUDED.data, expires_at = EXCLUDED.expires_at`,
      [
        sessionId,
        kind,
        mediaType,
        Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64'),
        expiresAt,
      ],
    );
  }

  async get(
    sessionId: string,
    kind: MediaKind,
    now: Date,
  ): Promise<{ mediaType: string; data: Uint8Array } | undefined> {
    const rows = await this.q.query<{ media_type: string; data: string }>(
      "SELECT media_type, encode(data, 'base64') AS data FROM signup_media WHERE session_id = $1 AND kind = $2 AND expires_at > $3",
      [sessionId, kind, now],
    );
    const row = rows[0];
    return row ? { mediaType: row.media_type, data: new Uint8Array(Buffer.from(row.data, 'base64')) } : undefined;
  }

  /** Delete some or all media of a session. */
  async delete(sessionId: string, kinds?: MediaKind[]): Promise<void> {
    if (kinds)
      await this.q.query('DELETE FROM signup_media WHERE session_id = $1 AND kind = ANY($2)', [sessionId, kinds]);
    else await this.q.query('DELETE FROM signup_media WHERE session_id = $1', [sessionId]);
  }

  async deleteExpired(now: Date): Promise<number> {
    return (await this.q.query('DELETE FROM signup_media WHERE expires_at < $1 RETURNING session_id', [now])).length;
  }

  /** How many media rows exist (for tests and the health page). */
  async count(): Promise<number> {
    const rows = await this.q.query<{ n: number | string }>('SELECT count(*) AS n FROM signup_media');
    return Number(rows[0]?.n ?? 0);
  }
}
