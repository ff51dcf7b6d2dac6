import { randomUUID } from 'node:crypto';
import type { Challenge } from '@facegate/core';
import type { MessageCode } from '../protocol/codes';
import type { VerificationResult } from '../protocol/wire';
import type { ensureSchema, Sql } from './sql';

/** The liveness step of a slot. */
export interface LivenessState {
  /** `order` of the step's first frame: capture times count from it. */
  firstOrder: number | null;
  /** 1-based attempt number. */
  attempt: number;
  /** Capture time (ms since the first frame) at which this attempt's prompts start. */
  attemptStartMs: number;
  challenge: Challenge;
  /** Index of the last prompt sent (-1: none yet). */
  promptIndex: number;
  /** The last MESSAGE shown, so a hint is sent once and the prompt comes back after it. */
  lastMessage: MessageCode | null;
  /** Latest capture time seen. */
  lastFrameMs: number | null;
}

/** Everything the verifier keeps about a slot (no biometrics: frames live in their own table). */
export interface SlotState {
  slotId: string;
  individualId: string | null;
  disabilityType: string | null;
  createdAtMs: number;
  expiresAtMs: number;
  /** `initialized`: waiting for START; `capturing`: a step runs; `ended`: END was sent. */
  phase: 'initialized' | 'capturing' | 'ended';
  liveness: LivenessState | null;
  result: VerificationResult | null;
}

/** A stored frame. */
export interface StoredFrame {
  order: number;
  attempt: number;
  /** Capture time, ms since the step's first frame. */
  atMs: number;
  bytes: Uint8Array;
}

/** The outcome of work on a locked slot: what to store (if anything) and what to return. */
export interface SlotWork<T> {
  next?: SlotState;
  value: T;
}

/** Raised when a slot stays locked by another worker for too long. */
export class SlotBusyError extends Error {
  /** The slot that stayed busy (only a prefix of its id goes into the message). */
  constructor(slotId: string) {
    super(`slot ${slotId.slice(0, 12)}… is busy`);
    this.name = 'SlotBusyError';
  }
}

/** Options of {@link SlotStore}. */
export interface SlotStoreOptions {
  /** How long a result stays readable after the slot expires, ms (default 1 h). */
  resultRetentionMs?: number;
  /** Longest a worker may hold a slot, ms (default 120 s: a liveness analysis fits). */
  leaseMs?: number;
  /** Longest a caller waits for a slot another worker holds, ms (default 150 s). */
  waitMs?: number;
  /** Clock (tests). */
  now?: () => number;
}

interface SlotRow {
  state: SlotState | string;
}

const ts = (ms: number) => new Date(ms).toISOString();

/**
 * Slots in the database. Work on one slot is serialised: within this process
 * by a promise chain per slot, across instances by a lease on the row (the
 * engine runs outside any transaction, so other slots are never blocked).
 */
export class SlotStore {
  private readonly chains = new Map<string, Promise<unknown>>();
  private readonly retentionMs: number;
  private readonly leaseMs: number;
  private readonly waitMs: number;
  private readonly now: () => number;

  /** Slots in `sql` (its tables must exist: {@link ensureSchema}). */
  constructor(
    private readonly sql: Sql,
    options: SlotStoreOptions = {},
  ) {
    this.retentionMs = options.resultRetentionMs ?? 3_600_000;
    this.leaseMs = options.leaseMs ?? 120_000;
    this.waitMs = options.waitMs ?? 150_000;
    this.now = options.now ?? Date.now;
  }

  /** Run `work` with the slot locked; `next` replaces the stored state. A missing slot is passed as null. */
  withSlot<T>(slotId: string, work: (slot: SlotState | null) => Promise<SlotWork<T>>): Promise<T> {
    const previous = this.chains.get(slotId) ?? Promise.resolve();
    const run = previous.catch(() => {}).then(() => this.leased(slotId, work));
    const tail = run.catch(() => {});
    this.chains.set(slotId, tail);
    void tail.then(() => {
      if (this.chains.get(slotId) === tail) this.chains.delete(slotId);
    });
    return run;
  }

  private async leased<T>(slotId: string, work: (slot: SlotState | null) => Promise<SlotWork<T>>): Promise<T> {
    const leaseId = randomUUID();
    const giveUpAt = this.now() + this.waitMs;
    let state: SlotState | null = null;
    for (let delay = 10; ; delay = Math.min(delay * 2, 250)) {
      const rows = await this.sql.query<SlotRow>(
        `UPDATE esignet_slots SET lease_id = $2, lease_until = $3
          WHERE slot_id = $1 AND (lease_until IS NULL OR lease_until < $4) RETURNING state`,
        [slotId, leaseId, ts(this.now() + this.leaseMs), ts(this.now())],
      );
      if (rows[0]) {
        state = parse(rows[0].state);
        break;
      }
      const exists = await this.sql.query('SELECT 1 FROM esignet_slots WHERE slot_id = $1', [slotId]);
      if (exists.length === 0) return (await work(null)).value;
      if (this.now() > giveUpAt) throw new SlotBusyError(slotId);
      await new Promise((r) => setTimeout(r, delay));
    }
    try {
      const { next, value } = await work(state);
      await this.sql.query(
        `UPDATE esignet_slots SET state = $3, expires_at = $4, purge_at = $5, lease_id = NULL, lease_until = NULL
          WHERE slot_id = $1 AND lease_id = $2`,
        [slotId, leaseId, JSON.stringify(next ?? state), ...this.times(next ?? state)],
      );
      return value;
    } catch (error) {
      await this.sql.query(
        'UPDATE esignet_slots SET lease_id = NULL, lease_until = NULL WHERE slot_id = $1 AND lease_id = $2',
        [slotId, leaseId],
      );
      throw error;
    }
  }

  private times(state: SlotState): [string, string] {
    return [ts(state.expiresAtMs), ts(state.expiresAtMs + this.retentionMs)];
  }

  /** Store a new slot; false when the slot id exists already (nothing changes). */
  async create(state: SlotState): Promise<boolean> {
    const rows = await this.sql.query(
      `INSERT INTO esignet_slots (slot_id, state, expires_at, purge_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (slot_id) DO NOTHING RETURNING slot_id`,
      [state.slotId, JSON.stringify(state), ...this.times(state)],
    );
    return rows.length === 1;
  }

  /** Read a slot without locking it. */
  async read(slotId: string): Promise<SlotState | null> {
    const rows = await this.sql.query<SlotRow>('SELECT state FROM esignet_slots WHERE slot_id = $1', [slotId]);
    return rows[0] ? parse(rows[0].state) : null;
  }

  /** Add frames; false (and nothing stored) when an order was stored before. */
  async addFrames(slotId: string, frames: readonly StoredFrame[]): Promise<boolean> {
    if (frames.length === 0) return true;
    const params: unknown[] = [slotId];
    const values = frames.map((f, i) => {
      params.push(f.order, f.attempt, f.atMs, Buffer.from(f.bytes));
      const b = 2 + i * 4;
      return `($1, $${b}, $${b + 1}, $${b + 2}, $${b + 3})`;
    });
    const clash = await this.sql.query(
      `SELECT 1 FROM esignet_frames WHERE slot_id = $1 AND frame_order = ANY($2::int[]) LIMIT 1`,
      [slotId, frames.map((f) => f.order)],
    );
    if (clash.length > 0) return false;
    await this.sql.query(
      `INSERT INTO esignet_frames (slot_id, frame_order, attempt, captured_ms, data) VALUES ${values.join(', ')}`,
      params,
    );
    return true;
  }

  /** Frames of one attempt, by capture time. */
  async framesOf(slotId: string, attempt: number): Promise<StoredFrame[]> {
    const rows = await this.sql.query<{ frame_order: number; attempt: number; captured_ms: number; data: Uint8Array }>(
      `SELECT frame_order, attempt, captured_ms, data FROM esignet_frames
        WHERE slot_id = $1 AND attempt = $2 ORDER BY frame_order`,
      [slotId, attempt],
    );
    return rows.map((r) => ({
      order: Number(r.frame_order),
      attempt: Number(r.attempt),
      atMs: Number(r.captured_ms),
      bytes: new Uint8Array(r.data),
    }));
  }

  /** Delete a slot's frames (an attempt was analysed, or the slot ended). Returns how many. */
  async deleteFrames(slotId: string): Promise<number> {
    const rows = await this.sql.query('DELETE FROM esignet_frames WHERE slot_id = $1 RETURNING frame_order', [slotId]);
    return rows.length;
  }

  /** How many frames a slot holds (for tests and the retention check). */
  async frameCount(slotId: string): Promise<number> {
    const rows = await this.sql.query<{ n: string | number }>(
      'SELECT count(*) AS n FROM esignet_frames WHERE slot_id = $1',
      [slotId],
    );
    return Number(rows[0]?.n ?? 0);
  }

  /**
   * Retention: expired slots lose their frames (the verifier marks them failed
   * on the next call), and rows past their purge time are deleted.
   * Returns the number of frames and rows removed.
   */
  async sweep(): Promise<{ frames: number; slots: number }> {
    const now = ts(this.now());
    const frames = await this.sql.query(
      `DELETE FROM esignet_frames f USING esignet_slots s
        WHERE f.slot_id = s.slot_id AND s.expires_at < $1 RETURNING f.frame_order`,
      [now],
    );
    const slots = await this.sql.query(
      'DELETE FROM esignet_slots WHERE purge_at < $1 AND (lease_until IS NULL OR lease_until < $1) RETURNING slot_id',
      [now],
    );
    return { frames: frames.length, slots: slots.length };
  }
}

function parse(value: SlotState | string): SlotState {
  return typeof value === 'string' ? (JSON.parse(value) as SlotState) : value;
}
