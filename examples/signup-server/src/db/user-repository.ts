import { currentQueryable, type Queryable } from './database';

/** A registered user. */
export interface UserRecord {
  id: string;
  fullName: string;
  email: string;
  phone: string | null;
  faceProvider: string;
  faceCollection: string;
  faceId: string;
  signupSessionId: string;
  createdAt: Date;
}

/** Registered users. */
export class UserRepository {
  constructor(private readonly db: Queryable) {}

  private get q(): Queryable {
    return currentQueryable(this.db);
  }

  async insert(u: UserRecord): Promise<void> {
    await this.q.query(
      `INSERT INTO users (id, full_name, email, phone, face_provider, face_collection, face_id, signup_session_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [u.id, u.fullName, u.email, u.phone, u.faceProvider, u.faceCollection, u.faceId, u.signupSessionId, u.createdAt],
    );
  }

  async emailTaken(email: string): Promise<boolean> {
    return (await this.q.query('SELECT 1 FROM users WHERE email = $1', [email])).length > 0;
  }

  /** Delete a user; resolves to where their face was stored, or undefined when there was no such user. */
  async remove(id: string): Promise<Pick<UserRecord, 'faceProvider' | 'faceCollection' | 'faceId'> | undefined> {
    const rows = await this.q.query<{ face_provider: string; face_collection: string; face_id: string }>(
      'DELETE FROM users WHERE id = $1 RETURNING face_provider, face_collection, face_id',
      [id],
    );
    const r = rows[0];
    return r ? { faceProvider: r.face_provider, faceCollection: r.face_collection, faceId: r.face_id } : undefined;
  }

  async count(): Promise<number> {
    const rows = await this.q.query<{ n: number | string }>('SELECT count(*) AS n FROM users');
    return Number(rows[0]?.n ?? 0);
  }
}
