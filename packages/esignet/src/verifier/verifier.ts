import {
  type Challenge,
  createChallenge,
  type Facegate,
  FacegateError,
  type LivenessResult,
  type Logger,
  silentLogger,
} from '@facegate/core';
import type { VerifierSettings } from '../config';
import {
  type ErrorCode,
  hintFor,
  LIVENESS_STEP,
  type MessageCode,
  promptFor,
  type ResultErrorCode,
  retryCodeFor,
} from '../protocol/codes';
import {
  END_STEP,
  type IdentityVerificationDto,
  type IdentityVerificationInitDto,
  type IdentityVerificationResult,
  START_STEP,
  type StepDetail,
  type VerificationResult,
} from '../protocol/wire';
import type { LivenessState, SlotState, SlotStore, SlotWork, StoredFrame } from '../store/slot-store';
import { promptWindows, selectFrames, windowIndexAt } from './attempt-plan';
import { captureTimeMs, type DecodedFrame, decodeFrames } from './frames';

/** What the verifier runs on. */
export interface VerifierDeps {
  /** A facegate client whose provider checks frame sequences (`liveness.frames`). */
  facegate: Facegate;
  store: SlotStore;
  settings: VerifierSettings;
  /** Fewest and most frames one liveness check accepts (the provider's frame constraints). */
  frameLimits: { min: number; max: number };
  /** Clock for slot expiry and claim times (tests). */
  now?: () => number;
  /** Where decisions are logged (scrubbed; never frames). */
  logger?: Logger;
  /** Random integer in [0, max) for the challenge (tests fix it); default crypto's. */
  randomInt?: (max: number) => number;
}

/** Outcome of one liveness attempt, as the state machine sees it. */
type AttemptOutcome =
  | { kind: 'pass' }
  | { kind: 'retry'; code: ErrorCode; reasons: string[] }
  | { kind: 'fail'; errorCode: ResultErrorCode; reasons: string[] };

const ANALYSIS_ALLOWANCE_MS = 10 * 60_000;

/**
 * eSignet's identity-verifier contract on facegate: `initialize`, `verify`
 * and `getVerificationResult` per slot. START answers with the liveness step;
 * each batch of frames moves the prompts on (one challenge action per
 * window of capture time) and may carry a quality hint; once the last window
 * is full, the attempt's frames go to `checkLiveness` in one call, and the
 * slot either retries with a new challenge, or ends (END) with its result.
 */
export class IdentityVerifier {
  private readonly now: () => number;
  private readonly logger: Logger;

  /** A verifier on these dependencies. */
  constructor(private readonly deps: VerifierDeps) {
    this.now = deps.now ?? Date.now;
    // Lines carry slot-id prefixes, codes and reasons only: never frames or scores of other slots.
    this.logger = deps.logger ?? silentLogger;
  }

  /** The verifier id every result message carries. */
  get verifierId(): string {
    return this.deps.settings.verifierId;
  }

  /** `initialize(slotId, {individualId, disabilityType})`: create the slot; a repeat call changes nothing. */
  async initialize(slotId: string, dto: IdentityVerificationInitDto): Promise<{ created: boolean }> {
    const now = this.now();
    const created = await this.deps.store.create({
      slotId,
      individualId: dto.individualId ?? null,
      disabilityType: dto.disabilityType ?? null,
      createdAtMs: now,
      expiresAtMs: now + this.deps.settings.slotTtlMs,
      phase: 'initialized',
      liveness: null,
      result: null,
    });
    this.logger.info({ slot: short(slotId), created }, 'slot initialized');
    return { created };
  }

  /** `verify(slotId, {stepCode, frames})`: the result messages to publish, in order. */
  verify(slotId: string, dto: IdentityVerificationDto): Promise<IdentityVerificationResult[]> {
    return this.deps.store.withSlot(slotId, async (slot) => {
      if (!slot) return { value: [this.error(slotId, 'slot_not_found'), this.end(slotId)] };
      if (slot.phase === 'ended') return { value: [] }; // late batches after END: nothing to say
      if (this.now() > slot.expiresAtMs) return this.fail(slot, 'verification_timeout', [], true);
      const code = dto.stepCode?.trim() ?? '';
      if (code.toUpperCase() === START_STEP) return this.start(slot);
      if (code === LIVENESS_STEP && slot.phase === 'capturing' && slot.liveness)
        return this.livenessFrames(slot, slot.liveness, dto.frames ?? []);
      return { value: [this.error(slotId, 'invalid_step_code')] };
    });
  }

  /** `getVerificationResult(slotId)`, or null for a slot this verifier does not know. */
  async getVerificationResult(slotId: string): Promise<VerificationResult | null> {
    const slot = await this.deps.store.read(slotId);
    if (!slot) return null;
    if (slot.result) return slot.result;
    if (this.now() > slot.expiresAtMs) return failed('verification_timeout');
    return { status: 'STARTED', verifiedClaims: {}, errorCode: null };
  }

  // ---- Steps ----

  private start(slot: SlotState): SlotWork<IdentityVerificationResult[]> {
    // A second START (a reconnected UI) resumes: same step, same challenge, same prompt.
    if (slot.phase === 'capturing' && slot.liveness) {
      const L = slot.liveness;
      const message = L.lastMessage ?? promptFor(L.challenge.steps[Math.max(0, L.promptIndex)] ?? 'look_straight');
      return { value: [this.message(slot.slotId, message, this.livenessStep())] };
    }
    const challenge = this.newChallenge();
    const liveness: LivenessState = {
      firstOrder: null,
      attempt: 1,
      attemptStartMs: 0,
      challenge,
      promptIndex: 0,
      lastMessage: promptFor(challenge.steps[0] ?? 'look_straight'),
      lastFrameMs: null,
    };
    this.logger.info({ slot: short(slot.slotId), steps: challenge.steps }, 'liveness step started');
    return {
      next: { ...slot, phase: 'capturing', liveness },
      value: [this.message(slot.slotId, liveness.lastMessage as MessageCode, this.livenessStep())],
    };
  }

  private async livenessFrames(
    slot: SlotState,
    current: LivenessState,
    raw: NonNullable<IdentityVerificationDto['frames']>,
  ): Promise<SlotWork<IdentityVerificationResult[]>> {
    const decoded = decodeFrames(raw);
    if (typeof decoded === 'string') return { value: [this.error(slot.slotId, decoded)] };
    if (decoded.length === 0) return { value: [] };
    const s = this.deps.settings;
    const L: LivenessState = { ...current, firstOrder: current.firstOrder ?? (decoded[0] as DecodedFrame).order };
    const first = L.firstOrder as number;
    // Frames from before the step's first frame (a batch overtaken by a later one) come too late to matter.
    const timed = decoded
      .filter((f) => f.order >= first)
      .map((f) => ({ ...f, atMs: captureTimeMs(f.order - first, s.framesPerSecond) }));
    if (timed.length === 0) return { value: [] };
    const windows = promptWindows(L.challenge, L.attemptStartMs, s.firstWindowMs, s.actionWindowMs);
    const endMs = (windows[windows.length - 1] as { endMs: number }).endMs;
    const inAttempt = timed.filter((f) => f.atMs >= L.attemptStartMs && f.atMs < endMs);
    const stored: StoredFrame[] = inAttempt.map((f) => ({
      order: f.order,
      attempt: L.attempt,
      atMs: f.atMs,
      bytes: f.bytes,
    }));
    if (!(await this.deps.store.addFrames(slot.slotId, stored)))
      return { value: [this.error(slot.slotId, 'invalid_order')] };
    const latest = Math.max(L.lastFrameMs ?? 0, ...timed.map((f) => f.atMs));
    L.lastFrameMs = latest;
    if (latest >= endMs) return this.analyse({ ...slot, liveness: L }, L, windows, latest);

    const out: IdentityVerificationResult[] = [];
    const index = windowIndexAt(windows, latest);
    if (index < 0) return { next: { ...slot, liveness: L }, value: out }; // still in the pause before a retry
    L.promptIndex = Math.max(L.promptIndex, index);
    const prompt = promptFor((windows[L.promptIndex] as { action: Parameters<typeof promptFor>[0] }).action);
    const newest = inAttempt[inAttempt.length - 1];
    const hint = s.qualityHints && newest ? await this.hint(newest.bytes) : null;
    const message = hint ?? prompt;
    if (message !== L.lastMessage) {
      out.push(this.message(slot.slotId, message));
      L.lastMessage = message;
    }
    return { next: { ...slot, liveness: L }, value: out };
  }

  private async analyse(
    slot: SlotState,
    L: LivenessState,
    windows: ReturnType<typeof promptWindows>,
    latest: number,
  ): Promise<SlotWork<IdentityVerificationResult[]>> {
    const frames = await this.deps.store.framesOf(slot.slotId, L.attempt);
    await this.deps.store.deleteFrames(slot.slotId);
    const outcome = await this.judge(slot.slotId, L, frames, windows);
    if (outcome.kind === 'pass') return this.complete(slot);
    if (outcome.kind === 'retry' && L.attempt < this.deps.settings.livenessAttempts) {
      const challenge = this.newChallenge();
      const next: LivenessState = {
        ...L,
        attempt: L.attempt + 1,
        attemptStartMs: latest + this.deps.settings.retryPauseMs,
        challenge,
        promptIndex: -1,
        lastMessage: null,
      };
      this.logger.info({ slot: short(slot.slotId), attempt: next.attempt, reasons: outcome.reasons }, 'liveness retry');
      return { next: { ...slot, liveness: next }, value: [this.error(slot.slotId, outcome.code)] };
    }
    const errorCode = outcome.kind === 'fail' ? outcome.errorCode : 'liveness_not_completed';
    return this.fail(slot, errorCode, outcome.reasons, false);
  }

  /** One `checkLiveness` over the attempt's frames, thinned to what the provider takes. */
  private async judge(
    slotId: string,
    L: LivenessState,
    frames: StoredFrame[],
    windows: ReturnType<typeof promptWindows>,
  ): Promise<AttemptOutcome> {
    const { min, max } = this.deps.frameLimits;
    const selected = selectFrames(frames, windows, max);
    if (selected.length < min) return { kind: 'retry', code: 'retry_no_face', reasons: ['capture_failed'] };
    let result: LivenessResult;
    try {
      result = await this.deps.facegate.checkLiveness({
        media: {
          kind: 'frames',
          frames: selected.map((f) => ({ image: f.bytes, capturedAtMs: f.atMs - L.attemptStartMs })),
        },
        challenge: this.forAnalysis(L.challenge),
      });
    } catch (error) {
      const code = FacegateError.isInstance(error) ? error.code : 'provider_error';
      this.logger.warn({ slot: short(slotId), code }, 'liveness check failed');
      if (code === 'invalid_input') return { kind: 'fail', errorCode: 'liveness_not_completed', reasons: [code] };
      return { kind: 'fail', errorCode: 'verifier_unavailable', reasons: [code] };
    }
    const reasons = result.decision.reasons;
    this.logger.info(
      {
        slot: short(slotId),
        attempt: L.attempt,
        frames: selected.length,
        outcome: result.decision.outcome,
        reasons,
        confidence: result.confidence,
      },
      'liveness judged',
    );
    switch (result.decision.outcome) {
      case 'pass':
        return result.isLive ? { kind: 'pass' } : { kind: 'fail', errorCode: 'liveness_failed', reasons };
      case 'retry':
        return { kind: 'retry', code: retryCodeFor(reasons), reasons };
      case 'review':
        return { kind: 'fail', errorCode: 'liveness_review', reasons };
      default:
        return { kind: 'fail', errorCode: 'liveness_failed', reasons };
    }
  }

  private complete(slot: SlotState): SlotWork<IdentityVerificationResult[]> {
    const { claims } = this.deps.settings;
    const time = new Date(this.now()).toISOString();
    const result: VerificationResult = {
      status: 'COMPLETED',
      verifiedClaims: Object.fromEntries(
        claims.names.map((name) => [
          name,
          {
            trust_framework: claims.trustFramework,
            verification_process: claims.verificationProcess,
            assurance_level: claims.assuranceLevel,
            time,
          },
        ]),
      ),
      errorCode: null,
    };
    this.logger.info({ slot: short(slot.slotId) }, 'identity verification completed');
    return {
      next: { ...slot, phase: 'ended', result },
      value: [this.message(slot.slotId, 'success_check'), this.end(slot.slotId)],
    };
  }

  private async fail(
    slot: SlotState,
    errorCode: ResultErrorCode,
    reasons: readonly string[],
    announce: boolean,
  ): Promise<SlotWork<IdentityVerificationResult[]>> {
    await this.deps.store.deleteFrames(slot.slotId);
    this.logger.info({ slot: short(slot.slotId), errorCode, reasons }, 'identity verification failed');
    const value = announce
      ? [this.error(slot.slotId, errorCode as ErrorCode), this.end(slot.slotId)]
      : [this.end(slot.slotId)];
    return { next: { ...slot, phase: 'ended', result: failed(errorCode) }, value };
  }

  // ---- Pieces ----

  private newChallenge(): Challenge {
    const s = this.deps.settings;
    return createChallenge({
      pool: s.challenge.pool,
      require: s.challenge.require,
      actionCount: s.challenge.actionCount,
      // Windows pace the prompts; the engine's per-step limit only has to allow a late reaction.
      stepTimeoutMs: 2 * s.actionWindowMs,
      now: new Date(this.now()),
      ...(this.deps.randomInt ? { randomInt: this.deps.randomInt } : {}),
    });
  }

  /**
   * The challenge as the provider sees it at analysis time. Its wall-clock
   * lifetime is enforced here (the slot's expiry, the prompt windows in
   * capture time); the provider's own expiry check would otherwise count the
   * analysis itself against the user. The provider reads its own clock, so
   * this uses the real one (not the injected slot clock).
   */
  private forAnalysis(challenge: Challenge): Challenge {
    const now = Date.now();
    return {
      ...challenge,
      issuedAt: new Date(now).toISOString(),
      expiresAt: new Date(now + ANALYSIS_ALLOWANCE_MS).toISOString(),
    };
  }

  private async hint(image: Uint8Array): Promise<MessageCode | null> {
    if (!this.deps.facegate.capabilities.includes('quality')) return null;
    try {
      const report = await this.deps.facegate.analyzeQuality({ image });
      return hintFor(report.reasons);
    } catch (error) {
      // A hint is a courtesy: its failure changes nothing.
      this.logger.debug({ code: FacegateError.isInstance(error) ? error.code : 'unknown' }, 'quality hint skipped');
      return null;
    }
  }

  /** The liveness step as the UI should run it. */
  livenessStep(): StepDetail {
    const s = this.deps.settings;
    const captureMs = s.firstWindowMs + s.challenge.actionCount * s.actionWindowMs;
    return {
      code: LIVENESS_STEP,
      framesPerSecond: s.framesPerSecond,
      durationInSeconds: Math.ceil((s.livenessAttempts * (captureMs + s.retryPauseMs)) / 1000),
      startupDelayInSeconds: s.startupDelaySeconds,
      retryOnTimeout: false,
      retryableErrorCodes: ['retry_no_face', 'retry_multiple_faces', 'retry_lighting', 'retry_challenge'],
    };
  }

  private message(slotId: string, code: MessageCode, step: StepDetail | null = null): IdentityVerificationResult {
    return { id: slotId, verifierId: this.verifierId, step, feedback: { type: 'MESSAGE', code } };
  }

  private error(slotId: string, code: ErrorCode): IdentityVerificationResult {
    return { id: slotId, verifierId: this.verifierId, step: null, feedback: { type: 'ERROR', code } };
  }

  private end(slotId: string): IdentityVerificationResult {
    return {
      id: slotId,
      verifierId: this.verifierId,
      step: {
        code: END_STEP,
        framesPerSecond: 0,
        durationInSeconds: 0,
        startupDelayInSeconds: 0,
        retryOnTimeout: false,
        retryableErrorCodes: [],
      },
      feedback: null,
    };
  }
}

function failed(errorCode: ResultErrorCode): VerificationResult {
  return { status: 'FAILED', verifiedClaims: {}, errorCode };
}

/** Slot ids in logs: a prefix is enough to correlate. */
function short(slotId: string): string {
  return `${slotId.slice(0, 8)}…`;
}
