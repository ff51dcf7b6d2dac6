// Test support (not exported): what eSignet sends a verifier, as signup-ui
// produces it, and a verifier wired up on an in-memory database.
import type { FaceProvider } from '@facegate/core';
import { loadEsignetEnv, verifierSettingsFrom } from '../config';
import type { FrameDetail, IdentityVerificationResult } from '../protocol/wire';
import { createVerifierProvider } from '../service/providers';
import { SlotStore } from '../store/slot-store';
import { ensureSchema, openSql, type Sql } from '../store/sql';
import { IdentityVerifier } from '../verifier/verifier';

/** One STOMP message to `/v1/signup/ws/process-frame` (slot id aside). */
export interface UiMessage {
  stepCode: string;
  frames: FrameDetail[];
}

/**
 * signup-ui's batching: after START (no frames), `fps` frames per message,
 * `order` counting on from `firstOrder` (it counts across steps), base64 with
 * the data-URL prefix stripped.
 */
export function signupUiBatches(
  stepCode: string,
  images: readonly Uint8Array[],
  fps: number,
  firstOrder = 0,
): UiMessage[] {
  const out: UiMessage[] = [];
  for (let i = 0; i < images.length; i += fps)
    out.push({
      stepCode,
      frames: images.slice(i, i + fps).map((image, k) => ({
        frame: Buffer.from(image).toString('base64'),
        order: firstOrder + i + k,
      })),
    });
  return out;
}

/** A verifier on an in-memory PGlite with a controllable clock. */
export interface TestVerifier {
  verifier: IdentityVerifier;
  store: SlotStore;
  sql: Sql;
  clock: { now: number };
  /** initialize + START, as signup-service does on the UI's first message. */
  start(slotId: string): Promise<IdentityVerificationResult[]>;
  /** Send messages in order; returns every result with the last frame order of the message that produced it. */
  play(
    slotId: string,
    messages: readonly UiMessage[],
  ): Promise<{ afterOrder: number; result: IdentityVerificationResult }[]>;
  close(): Promise<void>;
}

/** Build a verifier for tests: `env` overrides the defaults, the first challenge action order is fixed. */
export async function createTestVerifier(
  providers: readonly FaceProvider[],
  env: Record<string, string> = {},
  options: { randomInt?: (max: number) => number; sql?: Sql; logger?: import('@facegate/core').Logger } = {},
): Promise<TestVerifier> {
  const config = loadEsignetEnv({ PGLITE_DATA_DIR: 'memory', ...env });
  const clock = { now: Date.parse('2026-01-01T00:00:00Z') };
  const now = () => clock.now;
  const { facegate, frameLimits } = await createVerifierProvider(
    {},
    { debug() {}, info() {}, warn() {}, error() {} },
    providers,
  );
  const sql = options.sql ?? (await openSql({ pgliteDataDir: 'memory' }));
  await ensureSchema(sql);
  const store = new SlotStore(sql, { now });
  const verifier = new IdentityVerifier({
    facegate,
    store,
    settings: verifierSettingsFrom(config),
    frameLimits,
    now,
    logger: options.logger,
    randomInt: options.randomInt ?? (() => 0),
  });
  return {
    verifier,
    store,
    sql,
    clock,
    async start(slotId) {
      await verifier.initialize(slotId, { individualId: 'individual-1', disabilityType: null });
      return verifier.verify(slotId, { stepCode: 'START', frames: [] });
    },
    async play(slotId, messages) {
      const out: { afterOrder: number; result: IdentityVerificationResult }[] = [];
      for (const m of messages) {
        // signup-ui sends a message about every (fps + 1) / fps seconds.
        clock.now += 1100;
        const results = await verifier.verify(slotId, m);
        const afterOrder = Math.max(-1, ...m.frames.map((f) => f.order));
        for (const result of results) out.push({ afterOrder, result });
      }
      return out;
    },
    async close() {
      await facegate.close();
      if (!options.sql) await sql.close();
    },
  };
}
