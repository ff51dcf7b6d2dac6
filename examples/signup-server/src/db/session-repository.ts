import type { LimitedStep, SignupSession } from '../flow/session-model';
import { currentQueryable, type Queryable } from './database';

interface SessionRow {
  id: string;
  status: SignupSession['status'];
  step: SignupSession['step'];
  step_deadline: Date | string;
  expires_at: Date | string;
  attempts: Partial<Record<LimitedStep, number>>;
  challenges_issued: number;
  challenge: SignupSession['challenge'];
  vendor_session: SignupSession['vendorSession'];
  results: SignupSession['results'];
  failure_reason: string | null;
  user_id: string | null;
  busy_until: Date | string | null;
  version: number;
  created_at: Date | string;
  updated_at: Date | string;
}

const date = (v: Date | string) => (v instanceof Date ? v : new Date(v));

function fromRow(row: SessionRow): SignupSession {
  return {
    id: row.id,
    status: row.status,
    step: row.step,
    stepDeadline: date(row.step_deadline),
    expiresAt: date(row.expires_at),
    attempts: { liveness: 0, document: 0, match: 0, ...row.attempts },
    challengesIssued: Number(row.challenges_issued),
    challenge: row.challenge,
    vendorSession: row.vendor_session,
    results: row.results ?? {},
    failureReason: row.failure_reason,
    userId: row.user_id,
    busyUntil: row.busy_until === null ? null : date(row.busy_until),
    version: Number(row.version),
    createdAt: date(row.created_at),
    updatedAt: date(row.updated_at),
  };
}

/**
 * Signup sessions with optimistic concurrency: every write names the version
 * it read, so two requests racing on one session cannot both win.
 */
export class SessionRepository {
  constructor(private readonly db: Queryable) {}

  private get q(): Queryable {
    return currentQueryable(this.db);
  }

  async insert(s: SignupSession): Promise<void> {
    await this.q.query(
      `INSERT INTO signup_sessions (id, status, step, step_deadline, expires_at, attempts, challenges_issued, challenge, vendor_session, results, failure_reason, user_id, busy_until, version, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
      [
        s.id,
        s.status,
        s.step,
        s.stepDeadline,
        s.expiresAt,
        JSON.stringify(s.attempts),
        s.challengesIssued,
        json(s.challenge),
        json(s.vendorSession),
        JSON.stringify(s.results),
        s.failureReason,
        s.userId,
        s.busyUntil,
        s.version,
        s.createdAt,
        s.updatedAt,
      ],
    );
  }

  async find(id: string, forUpdate = false): Promise<SignupSession | undefined> {
    const rows = await this.q.query<SessionRow>(
      `SELECT * FROM signup_sessions WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ? fromRow(rows[0]) : undefined;
  }

  /**
   * Mark the session busy until `until`, if nobody else holds it and it is
   * still at `version`. Returns the new version, or null when another request
   * got there first.
   */
  async claim(id: string, version: number, now: Date, until: Date): Promise<number | null> {
    const rows = await this.q.query<{ version: number }>(
      `UPDATE signup_sessions SET busy_until = $4, version = version + 1, updated_at = $3
       WHERE id = $1 AND version = $2 AND (busy_until IS NULL OR busy_until < $3) RETURNING version`,
      [id, version, now, until],
    );
    return rows[0] ? Number(rows[0].version) : null;
  }

  /** Write the session's mutable fields, release the claim, bump the version. False when the version moved. */
  async save(s: SignupSession, expectedVersion: number, now: Date): Promise<boolean> {
    const rows = await this.q.query<{ version: number }>(
      `UPDATE signup_sessions SET status = $3, step = $4, step_deadline = $5, attempts = $6, challenges_issued = $7, challenge = $8,
         vendor_session = $9, results = $10, failure_reason = $11, user_id = $12, busy_until = NULL, version = version + 1, updated_at = $13
       WHERE id = $1 AND version = $2 RETURNING version`,
      [
        s.id,
        expectedVersion,
        s.status,
        s.step,
        s.stepDeadline,
        JSON.stringify(s.attempts),
        s.challengesIssued,
        json(s.challenge),
        json(s.vendorSession),
        JSON.stringify(s.results),
        s.failureReason,
        s.userId,
        now,
      ],
    );
    return rows.length === 1;
  }

  /** Drop the challenge of a claimed session, keeping the claim. Returns the new version, or null when it moved. */
  async spendChallenge(id: string, version: number): Promise<number | null> {
    const rows = await this.q.query<{ version: number }>(
      'UPDATE signup_sessions SET challenge = NULL, version = version + 1 WHERE id = $1 AND version = $2 RETURNING version',
      [id, version],
    );
    return rows[0] ? Number(rows[0].version) : null;
  }

  /** Drop the open challenge of an active session nobody holds (a refused submission). */
  async voidChallenge(id: string, now: Date): Promise<void> {
    await this.q.query(
      `UPDATE signup_sessions SET challenge = NULL, version = version + 1, updated_at = $2
       WHERE id = $1 AND status = 'active' AND challenge IS NOT NULL AND (busy_until IS NULL OR busy_until < $2)`,
      [id, now],
    );
  }

  /** Drop a claim without changing anything else (the work failed before deciding). */
  async release(id: string, version: number): Promise<void> {
    await this.q.query(
      'UPDATE signup_sessions SET busy_until = NULL, version = version + 1 WHERE id = $1 AND version = $2',
      [id, version],
    );
  }

  /** Delete sessions past their expiry (their media go with them). Returns how many. */
  async deleteExpired(now: Date): Promise<number> {
    return (await this.q.query('DELETE FROM signup_sessions WHERE expires_at < $1 RETURNING id', [now])).length;
  }
}

function json(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}
