import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  type Challenge,
  createChallenge,
  DEFAULT_IMAGE_CONSTRAINTS,
  type DecisionOutcome,
  type Facegate,
  FacegateError,
  type LivenessResult,
  type Logger,
  type ReasonCode,
  type SessionClientInfo,
  type SessionClientReport,
  validateImage,
} from '@facegate/core';
import type { ServerConfig } from '../config';
import type { Database } from '../db/database';
import type { MediaRepository } from '../db/media-repository';
import { LockTimeoutError, type RegistrationLock } from '../db/registration-lock';
import type { SessionRepository } from '../db/session-repository';
import type { UserRepository } from '../db/user-repository';
import { checkCopyOfCapture } from '../document/copy-of-capture';
import { assertDecodable } from '../document/decodable';
import { prepareDocument } from '../document/prepare-document';
import type { FlowProviders } from '../providers/flow-providers';
import { brokenCaptureTimeRule } from './capture-timing';
import { FlowError, retryAfterSecondsFrom } from './flow-error';
import type { LimitedStep, SignupSession, Step, StepResult, VendorSessionRef } from './session-model';

/** Everything the flow needs. */
export interface SignupFlowDeps {
  db: Database;
  sessions: SessionRepository;
  media: MediaRepository;
  users: UserRepository;
  /** The registration's critical section (one per face collection, across instances). */
  registrationLock: RegistrationLock;
  providers: FlowProviders;
  config: ServerConfig;
  logger: Logger;
  /** Current time (tests move it). */
  clock?: () => Date;
}

/** The signup state as the client sees it: no images, no scores' raw data. */
export interface SessionView {
  status: SignupSession['status'];
  step: Step;
  stepDeadline: string;
  expiresAt: string;
  attemptsLeft: Record<LimitedStep, number>;
  results: Partial<Record<keyof SignupSession['results'], { outcome: DecisionOutcome; reasons: ReasonCode[] }>>;
  failureReason: string | null;
  registered: boolean;
}

/** The answer to a check: what was decided and where the signup stands now. */
export interface StepResponse {
  outcome: DecisionOutcome;
  reasons: ReasonCode[];
  attemptsLeft: number | null;
  session: SessionView;
}

/** The challenge as the browser gets it. */
export interface IssuedChallenge {
  nonce: string;
  steps: Challenge['steps'];
  stepTimeoutMs: number;
  expiresAt: string;
  /** When each prompt shows (frames challenges). */
  schedule?: Challenge['schedule'];
  /** Colours to show full-screen while capturing (frames challenges, unless `SIGNUP_LIGHT_CHALLENGE=off`). */
  light?: Challenge['light'];
}

/** Registration form fields. */
export interface RegistrationForm {
  fullName: string;
  email: string;
  phone?: string;
}

/** A frame as uploaded: image bytes and capture time since the challenge was shown. */
export interface UploadedFrame {
  image: Uint8Array;
  capturedAtMs: number;
}

/** A frames submission: the challenge's nonce and the frames answering it. */
export interface FramesSubmission {
  nonce: string;
  frames: UploadedFrame[];
}

const CLAIM_MS = 60_000;
const DOCUMENT_CONSTRAINTS = { ...DEFAULT_IMAGE_CONSTRAINTS, maxBytes: 8 * 1024 * 1024, minWidth: 240, minHeight: 240 };
const SYSTEM_ERROR_CODES = new Set([
  'provider_unavailable',
  'timeout',
  'rate_limited',
  'provider_error',
  'auth_failed',
  'permission_denied',
  'quota_exceeded',
  'configuration_error',
  'unsupported_operation',
  'resource_not_found',
  'aborted',
]);

const emailTaken = () =>
  new FlowError(409, 'email_taken', 'This email address is already registered; use another one.');

/** Hash a session token into the stored session id (the token itself is never stored). */
export function sessionIdFromToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * The signup state machine: start → liveness → document → match → uniqueness
 * → register. Every check runs here on the server; the browser only supplies
 * media. Each step has a deadline and, where it makes sense, an attempt limit.
 * A request for a step other than the current one is refused (409), and two
 * concurrent requests on one session cannot both proceed (the second gets
 * `busy`).
 */
export class SignupFlow {
  private readonly clock: () => Date;
  private collectionReady = false;

  constructor(private readonly deps: SignupFlowDeps) {
    this.clock = deps.clock ?? (() => new Date());
  }

  /** Start a signup. Returns the session token (for the cookie) and the state. */
  async start(): Promise<{ token: string; view: SessionView }> {
    const now = this.clock();
    const token = randomBytes(32).toString('base64url');
    const session: SignupSession = {
      id: sessionIdFromToken(token),
      status: 'active',
      step: 'liveness',
      stepDeadline: this.deadline('liveness', now),
      expiresAt: new Date(now.getTime() + this.deps.config.SIGNUP_SESSION_TTL_S * 1000),
      attempts: { liveness: 0, document: 0, match: 0 },
      challengesIssued: 0,
      challenge: null,
      vendorSession: null,
      results: {},
      failureReason: null,
      userId: null,
      busyUntil: null,
      version: 0,
      createdAt: now,
      updatedAt: now,
    };
    await this.deps.sessions.insert(session);
    this.log(session, 'signup started');
    return { token, view: this.view(session) };
  }

  /** The current state of a signup. */
  async status(token: string): Promise<SessionView> {
    return this.view(await this.load(token));
  }

  /** Issue a fresh liveness challenge (media shape). The previous one, if any, is void. */
  async issueChallenge(token: string): Promise<IssuedChallenge> {
    this.requireShape(['frames', 'image']);
    return this.runStep(token, 'liveness', async (s, now) => {
      if (s.challengesIssued >= this.deps.config.SIGNUP_MAX_CHALLENGES) {
        throw new FlowError(429, 'challenge_limit', 'This signup asked for too many challenges; start a new signup.');
      }
      // Two random actions, by default one of them always a blink: head turns alone can be
      // answered with two photos of the victim (`pnpm eval` found a photo-set
      // replay passing a turn-only challenge), and a client that may ask for
      // several challenges could otherwise wait for a turn-only one.
      // Bound to this challenge: random prompt times and (by default) a random colour sequence, so frames
      // recorded for another challenge do not answer this one. One still image has neither.
      const image = this.deps.providers.livenessShape === 'image';
      const pool = this.deps.config.SIGNUP_CHALLENGE_POOL;
      const base = createChallenge({
        actionCount: Math.min(2, pool.length),
        pool,
        require: this.deps.config.SIGNUP_CHALLENGE_REQUIRE,
        stepTimeoutMs: 5_000,
        now,
        schedule: !image,
        light: !image && this.deps.config.SIGNUP_LIGHT_CHALLENGE === 'on',
      });
      const challenge: Challenge = image
        ? { ...base, steps: ['look_straight'], expiresAt: new Date(now.getTime() + 10_000).toISOString() }
        : base;
      s.challenge = challenge;
      s.challengesIssued += 1;
      await this.commit(s, now);
      return {
        nonce: challenge.nonce,
        steps: challenge.steps,
        stepTimeoutMs: challenge.stepTimeoutMs,
        expiresAt: challenge.expiresAt,
        ...(challenge.schedule ? { schedule: challenge.schedule } : {}),
        ...(challenge.light ? { light: challenge.light } : {}),
      };
    });
  }

  /**
   * Check the frames captured for the current challenge. The challenge is
   * spent first: any submission, however it is refused (wrong nonce, bad
   * capture times, undecodable reference frame, provider down), uses it up.
   * Submissions refused before they reach the flow are voided by the route
   * ({@link voidChallenge}).
   */
  async submitFrames(token: string, submission: FramesSubmission): Promise<StepResponse> {
    this.requireShape(['frames', 'image']);
    return this.runStep(token, 'liveness', async (s, now) => {
      const challenge = s.challenge;
      if (!challenge) throw new FlowError(409, 'challenge_required', 'Ask for a challenge before sending frames.');
      await this.spendChallenge(s);
      if (submission.nonce !== challenge.nonce) {
        throw new FlowError(
          409,
          'challenge_mismatch',
          'These frames answer another challenge; ask for a new challenge.',
        );
      }
      if (now.getTime() > Date.parse(challenge.expiresAt) + this.deps.config.SIGNUP_CHALLENGE_UPLOAD_GRACE_S * 1000) {
        throw new FlowError(
          409,
          'challenge_expired',
          'The challenge timed out; ask for a new challenge and try again.',
        );
      }
      const frames = submission.frames;
      const rule = brokenCaptureTimeRule(
        frames.map((f) => f.capturedAtMs),
        challenge,
        now,
      );
      if (rule)
        throw new FlowError(
          400,
          'capture_time_invalid',
          "The frames' capture times are not possible for this challenge; ask for a new challenge and capture again.",
          { rule },
        );
      const { verification, livenessShape } = this.deps.providers;
      const middle = frames[Math.floor(frames.length / 2)] as UploadedFrame;
      const result = await verification.checkLiveness(
        livenessShape === 'frames'
          ? { media: { kind: 'frames', frames }, challenge }
          : { media: { kind: 'image', image: middle.image } },
      );
      return this.applyLiveness(s, result, now);
    });
  }

  /**
   * A submission reached the frames route but was refused before the flow saw
   * it (unreadable body, wrong content type, too large, schema): its challenge
   * is spent all the same. Nothing happens when no challenge is open or
   * another request holds the signup.
   */
  async voidChallenge(token: string): Promise<void> {
    if (!token) return;
    await this.deps.sessions.voidChallenge(sessionIdFromToken(token), this.clock());
  }

  /** Session shape: create the vendor's liveness session and return what its browser component needs. */
  async createVendorSession(token: string): Promise<{ client: SessionClientInfo; expiresAt: string }> {
    this.requireShape(['session']);
    return this.runStep(token, 'liveness', async (s, now) => {
      if (s.challengesIssued >= this.deps.config.SIGNUP_MAX_CHALLENGES) {
        throw new FlowError(
          429,
          'challenge_limit',
          'This signup started too many liveness sessions; start a new signup.',
        );
      }
      const session = await this.deps.providers.verification.createLivenessSession({
        idempotencyKey: `${s.id.slice(0, 32)}-${s.challengesIssued}`,
      });
      s.vendorSession = {
        provider: session.provider,
        sessionId: session.sessionId,
        expiresAt: session.expiresAt,
        component: session.client.component,
      };
      s.challengesIssued += 1;
      await this.commit(s, now);
      return { client: session.client, expiresAt: session.expiresAt };
    });
  }

  /**
   * Session shape: run `issue` for the current vendor session (e.g. short-lived
   * browser credentials for AWS's component), with the signup's id as subject.
   * Read-only: the signup does not change. No session, or an expired one, is a 409.
   */
  async forCurrentVendorSession<T>(
    token: string,
    issue: (ref: VendorSessionRef, subject: string) => Promise<T>,
  ): Promise<T> {
    this.requireShape(['session']);
    const s = await this.load(token);
    this.assertActive(s);
    if (s.step !== 'liveness')
      throw new FlowError(409, 'out_of_order', `This signup is at the '${s.step}' step, not 'liveness'.`, {
        expectedStep: s.step,
      });
    const ref = s.vendorSession;
    if (!ref) throw new FlowError(409, 'vendor_session_required', 'Start a liveness session first.');
    const expired = () =>
      new FlowError(409, 'vendor_session_expired', 'The liveness session expired; start a new one.');
    if (Date.parse(ref.expiresAt) <= this.clock().getTime()) throw expired();
    try {
      return await issue(ref, s.id);
    } catch (error) {
      if (FacegateError.isInstance(error) && error.code === 'session_expired') throw expired();
      throw this.translate(error, s);
    }
  }

  /**
   * Session shape: the browser says the vendor component finished; the server
   * fetches the verdict itself. `report` is what the component handed back
   * (Azure: its result digest), passed on for the adapter to check.
   */
  async completeVendorSession(
    token: string,
    report?: SessionClientReport,
  ): Promise<StepResponse | { pending: true; session: SessionView }> {
    this.requireShape(['session']);
    return this.runStep(token, 'liveness', async (s, now) => {
      const ref = s.vendorSession;
      if (!ref) throw new FlowError(409, 'vendor_session_required', 'Start a liveness session first.');
      let outcome: Awaited<ReturnType<typeof this.deps.providers.verification.getLivenessSessionResult>>;
      try {
        outcome = await this.deps.providers.verification.getLivenessSessionResult({
          sessionId: ref.sessionId,
          provider: ref.provider,
          // A browser that reports nothing still gets its component's check (Azure: no digest → review).
          ...(report ? { clientReport: report } : ref.component ? { clientReport: { component: ref.component } } : {}),
        });
      } catch (error) {
        if (
          FacegateError.isInstance(error) &&
          (error.code === 'session_expired' || error.code === 'session_not_found')
        ) {
          s.vendorSession = null;
          await this.commit(s, now);
          throw new FlowError(409, 'vendor_session_expired', 'The liveness session expired; start a new one.');
        }
        throw error;
      }
      if (outcome.status === 'pending') {
        await this.commit(s, now);
        return { pending: true as const, session: this.view(s) };
      }
      if (outcome.result.session?.reused) {
        s.vendorSession = null;
        await this.commit(s, now);
        throw new FlowError(409, 'vendor_session_replayed', 'This liveness session was already used; start a new one.');
      }
      s.vendorSession = null;
      return this.applyLiveness(s, outcome.result, now);
    });
  }

  /**
   * Take the ID document photo: orientation fixed, the single face found and
   * cropped, and refused when it is the live capture or a copy of it.
   */
  async submitDocument(
    token: string,
    upload: { image: Uint8Array; filename?: string },
  ): Promise<StepResponse & { preview: string | null }> {
    return this.runStep(token, 'document', async (s, now) => {
      const image = validateImage({ data: upload.image, filename: upload.filename }, DOCUMENT_CONSTRAINTS, 'image');
      const prepared = await prepareDocument(image, this.deps.providers.documents);
      if (prepared.status !== 'face_found') {
        const reason: ReasonCode =
          prepared.status === 'no_face'
            ? 'no_face'
            : prepared.status === 'multiple_faces'
              ? 'multiple_faces'
              : 'face_too_small';
        const response = await this.recordFailure(
          s,
          'document',
          { outcome: 'retry', reasons: [reason], at: now.toISOString() },
          now,
        );
        return { ...response, preview: null };
      }
      // The selfie offered as the document would pass the match for free.
      const capture = await this.mediaOrRestart(s, 'reference', now);
      const copy = await checkCopyOfCapture(capture, prepared, this.deps.providers.documents);
      if (copy.verdict !== 'unjudged') this.log(s, 'document copy check', copy);
      if (copy.verdict === 'copy') {
        const response = await this.recordFailure(
          s,
          'document',
          { outcome: 'retry', reasons: ['document_is_capture'], at: now.toISOString() },
          now,
        );
        return { ...response, preview: null };
      }
      await this.deps.media.put(s.id, 'document_face', 'image/jpeg', prepared.face, s.expiresAt);
      s.results.document = { outcome: 'pass', reasons: [], at: now.toISOString() };
      this.advance(s, 'match', now);
      await this.commit(s, now);
      return { ...this.respond(s, 'document', s.results.document), preview: prepared.preview };
    });
  }

  /** Compare the live face with the document face. */
  async runMatch(token: string): Promise<StepResponse> {
    return this.runStep(token, 'match', async (s, now) => {
      const reference = await this.mediaOrRestart(s, 'reference', now);
      const documentFace = await this.mediaOrRestart(s, 'document_face', now);
      const result = await this.deps.providers.verification.compareFaces({ source: reference, target: documentFace });
      const stepResult: StepResult = {
        outcome: result.decision.outcome,
        reasons: result.decision.reasons,
        provider: result.provider,
        score: result.similarity,
        at: now.toISOString(),
      };
      s.results.match = stepResult;
      this.log(s, 'face match', {
        outcome: stepResult.outcome,
        reasons: stepResult.reasons,
        similarity: result.similarity,
      });
      switch (stepResult.outcome) {
        case 'pass':
          await this.deps.media.delete(s.id, ['document_face']);
          this.advance(s, 'uniqueness', now);
          break;
        case 'review':
          await this.close(s, 'needs_review', 'match_review');
          break;
        default:
          // A mismatch or an unusable document: another document may be tried, within the limit.
          s.attempts.match += 1;
          await this.deps.media.delete(s.id, ['document_face']);
          if (s.attempts.match >= this.deps.config.attempts.match)
            await this.close(
              s,
              'failed',
              stepResult.outcome === 'reject' ? 'face_mismatch' : 'match_attempts_exhausted',
            );
          else this.advance(s, 'document', now);
      }
      await this.commit(s, now);
      return this.respond(s, 'match', stepResult);
    });
  }

  /** 1:N search: has this face registered before? The answer never says who matched. */
  async runUniqueness(token: string): Promise<StepResponse> {
    return this.runStep(token, 'uniqueness', async (s, now) => {
      const reference = await this.mediaOrRestart(s, 'reference', now);
      await this.ensureCollection();
      const result = await this.deps.providers.search.searchFaces({
        collection: this.deps.config.SIGNUP_FACE_COLLECTION,
        image: reference,
      });
      const stepResult: StepResult = {
        outcome: result.decision.outcome,
        reasons: result.decision.reasons,
        provider: result.provider,
        at: now.toISOString(),
      };
      s.results.uniqueness = stepResult;
      this.log(s, 'uniqueness', {
        outcome: stepResult.outcome,
        reasons: stepResult.reasons,
        candidates: result.matches.length,
      });
      if (stepResult.outcome === 'pass') this.advance(s, 'register', now);
      else if (stepResult.outcome === 'review') await this.close(s, 'needs_review', 'duplicate_review');
      else await this.close(s, 'failed', stepResult.outcome === 'reject' ? 'duplicate' : 'uniqueness_unavailable');
      await this.commit(s, now);
      return this.respond(s, 'uniqueness', stepResult);
    });
  }

  /**
   * Register the user, only when every check passed. The critical section is
   * the registration lock of the face collection (taken explicitly, held
   * across instances), not a transaction: under it the duplicate search is
   * repeated and the face indexed — vendor or engine calls, which must not
   * hold a database transaction — then one short transaction re-reads the
   * session, re-checks the email and inserts the user. Two signups of one face
   * racing each other cannot both register; a failed transaction removes the
   * face it indexed.
   */
  async register(token: string, form: RegistrationForm): Promise<{ userId: string; session: SessionView }> {
    return this.runStep(token, 'register', async (claimed, now) => {
      const reference = await this.mediaOrRestart(claimed, 'reference', now);
      const { config, providers, registrationLock } = this.deps;
      const collection = config.SIGNUP_FACE_COLLECTION;
      const email = form.email.trim().toLowerCase();
      let outcome: { kind: 'registered'; userId: string; view: SessionView } | { kind: 'duplicate' };
      try {
        outcome = await registrationLock.hold(collection, async () => {
          // Cheap early refusal; the transaction checks again.
          if (await this.deps.users.emailTaken(email)) throw emailTaken();
          await this.ensureCollection();
          const recheck = await providers.search.searchFaces({ collection, image: reference });
          if (recheck.decision.outcome !== 'pass') {
            // Someone with this face registered since the uniqueness step: close this signup.
            await this.closeAsDuplicate(claimed, recheck, now);
            return { kind: 'duplicate' as const };
          }
          const userId = randomUUID();
          const indexed = await providers.search.indexFace({ collection, externalId: userId, image: reference });
          try {
            const view = await this.insertUser(claimed, form, email, userId, indexed, now);
            return { kind: 'registered' as const, userId, view };
          } catch (error) {
            await this.removeIndexedFace(collection, indexed.faceId);
            throw error;
          }
        });
      } catch (error) {
        if (error instanceof LockTimeoutError)
          throw new FlowError(503, 'registration_busy', 'Registration is busy right now; try again in a moment.');
        throw error;
      }
      if (outcome.kind === 'duplicate')
        throw new FlowError(409, 'session_closed', 'This face is already registered.', { status: 'failed' });
      // After the commit: nothing more will be checked.
      await this.deps.media.delete(claimed.id);
      return { userId: outcome.userId, session: outcome.view };
    });
  }

  /** The registration's one short transaction: the session re-read FOR UPDATE, the email re-checked, the user inserted. */
  private async insertUser(
    claimed: SignupSession,
    form: RegistrationForm,
    email: string,
    userId: string,
    indexed: { provider: string; faceId: string },
    now: Date,
  ): Promise<SessionView> {
    const { db, users, config } = this.deps;
    return db.transaction(async () => {
      const s = await this.lockedSession(claimed);
      if (await users.emailTaken(email)) throw emailTaken();
      await users.insert({
        id: userId,
        fullName: form.fullName,
        email,
        phone: form.phone?.trim() || null,
        faceProvider: indexed.provider,
        faceCollection: config.SIGNUP_FACE_COLLECTION,
        faceId: indexed.faceId,
        signupSessionId: s.id,
        createdAt: now,
      });
      s.userId = userId;
      s.status = 'completed';
      s.step = 'done';
      await this.commit(s, now);
      this.log(s, 'registered', { userId });
      return this.view(s);
    });
  }

  /** The re-check found this face registered: the signup closes (its own short transaction). */
  private async closeAsDuplicate(
    claimed: SignupSession,
    recheck: Awaited<ReturnType<Facegate['searchFaces']>>,
    now: Date,
  ): Promise<void> {
    await this.deps.db.transaction(async () => {
      const s = await this.lockedSession(claimed);
      s.results.uniqueness = {
        outcome: recheck.decision.outcome,
        reasons: recheck.decision.reasons,
        provider: recheck.provider,
        at: now.toISOString(),
      };
      await this.close(s, recheck.decision.outcome === 'review' ? 'needs_review' : 'failed', 'duplicate');
      await this.commit(s, now);
    });
  }

  /** The claimed session, locked for this transaction; refused when anything moved since the claim. */
  private async lockedSession(claimed: SignupSession): Promise<SignupSession> {
    const s = await this.deps.sessions.find(claimed.id, true);
    if (!s || s.version !== claimed.version || s.status !== 'active' || s.step !== 'register') {
      throw new FlowError(409, 'busy', 'This signup changed while registering; reload its state.');
    }
    return s;
  }

  /** A face collection is not part of the transaction: undo the index by hand. */
  private async removeIndexedFace(collection: string, faceId: string): Promise<void> {
    await this.deps.providers.search
      .removeFaces({ collection, faceIds: [faceId] })
      .catch((e) =>
        this.deps.logger.error(
          { code: FacegateError.isInstance(e) ? e.code : 'unknown' },
          'could not remove a face indexed by a failed registration',
        ),
      );
  }

  /** Restart the current step: a fresh deadline, any challenge or vendor session voided. Attempts are kept. */
  async restartStep(token: string): Promise<SessionView> {
    const s = await this.load(token);
    this.assertActive(s);
    const now = this.clock();
    const claimed = await this.claim(s, now);
    s.challenge = null;
    s.vendorSession = null;
    s.stepDeadline = this.deadline(s.step as Exclude<Step, 'done'>, now);
    await this.commit({ ...s, version: claimed }, now);
    return this.view(s);
  }

  /**
   * The person gives up: the signup closes and its biometric media are
   * deleted now rather than at expiry. Cancelling a closed signup is a no-op.
   */
  async cancel(token: string): Promise<SessionView> {
    const s = await this.load(token);
    if (s.status !== 'active') return this.view(s);
    const now = this.clock();
    const claimed = await this.claim(s, now);
    await this.close(s, 'failed', 'cancelled');
    await this.commit({ ...s, version: claimed }, now);
    return this.view(s);
  }

  /** The client's view of a session. */
  view(s: SignupSession): SessionView {
    const limit = this.deps.config.attempts;
    const results: SessionView['results'] = {};
    for (const [k, v] of Object.entries(s.results) as [keyof SignupSession['results'], StepResult][])
      results[k] = { outcome: v.outcome, reasons: v.reasons };
    return {
      status: s.status,
      step: s.step,
      stepDeadline: s.stepDeadline.toISOString(),
      expiresAt: s.expiresAt.toISOString(),
      attemptsLeft: {
        liveness: Math.max(0, limit.liveness - s.attempts.liveness),
        document: Math.max(0, limit.document - s.attempts.document),
        match: Math.max(0, limit.match - s.attempts.match),
      },
      results,
      failureReason: s.failureReason,
      registered: s.userId !== null,
    };
  }

  // ---- internals ----

  private async load(token: string): Promise<SignupSession> {
    const s = token ? await this.deps.sessions.find(sessionIdFromToken(token)) : undefined;
    if (!s) throw new FlowError(401, 'no_session', 'No signup session; start one.');
    if (this.clock() > s.expiresAt)
      throw new FlowError(410, 'session_expired', 'This signup expired; start a new one.');
    return s;
  }

  private assertActive(s: SignupSession): void {
    if (s.status !== 'active')
      throw new FlowError(409, 'session_closed', `This signup is ${s.status.replace('_', ' ')}; start a new one.`, {
        status: s.status,
      });
  }

  private requireShape(shapes: FlowProviders['livenessShape'][]): void {
    if (!shapes.includes(this.deps.providers.livenessShape)) {
      throw new FlowError(
        409,
        'wrong_liveness_shape',
        `The configured provider does liveness as '${this.deps.providers.livenessShape}'; use that flow.`,
        { shape: this.deps.providers.livenessShape },
      );
    }
  }

  private async claim(s: SignupSession, now: Date): Promise<number> {
    const version = await this.deps.sessions.claim(s.id, s.version, now, new Date(now.getTime() + CLAIM_MS));
    if (version === null)
      throw new FlowError(409, 'busy', 'Another request for this signup is in progress; wait for it.');
    return version;
  }

  /**
   * Run one step: the session must be active, at `step`, within its deadline,
   * and not busy. System errors (vendor down, timeouts) release the session
   * without using an attempt and become a 503 with the alternate path.
   */
  private async runStep<T>(
    token: string,
    step: Exclude<Step, 'done'>,
    work: (s: SignupSession, now: Date) => Promise<T>,
  ): Promise<T> {
    const s = await this.load(token);
    this.assertActive(s);
    if (s.step !== step)
      throw new FlowError(409, 'out_of_order', `This signup is at the '${s.step}' step, not '${step}'.`, {
        expectedStep: s.step,
      });
    const now = this.clock();
    if (now > s.stepDeadline)
      throw new FlowError(409, 'step_expired', `The time for the '${step}' step ran out; restart the step.`, { step });
    const version = await this.claim(s, now);
    const claimed = { ...s, version };
    try {
      return await work(claimed, now);
    } catch (error) {
      await this.deps.sessions.release(s.id, claimed.version).catch(() => {});
      throw this.translate(error, claimed);
    }
  }

  private translate(error: unknown, s: SignupSession): unknown {
    if (!FacegateError.isInstance(error)) return error;
    if (error.code === 'invalid_input' || error.code === 'unsupported_media') {
      return new FlowError(400, 'invalid_input', error.message, { ...error.details });
    }
    if (SYSTEM_ERROR_CODES.has(error.code)) {
      this.deps.logger.error(
        { session: s.id.slice(0, 8), step: s.step, code: error.code, provider: error.provider },
        'provider failure during signup',
      );
      return new FlowError(
        503,
        'provider_unavailable',
        'Verification is unavailable right now. Try again in a few minutes, or use assisted signup.',
        { retryable: error.retryable },
        // The engine's full queue or a vendor's throttle says when; the client waits that long, not a guess.
        retryAfterSecondsFrom(error.retryAfterMs),
      );
    }
    return error;
  }

  /** Drop the challenge and keep the claim: the nonce cannot be used again even if this request fails. */
  private async spendChallenge(s: SignupSession): Promise<void> {
    const version = await this.deps.sessions.spendChallenge(s.id, s.version);
    if (version === null) throw new FlowError(409, 'busy', 'This signup changed meanwhile; reload its state.');
    s.challenge = null;
    s.version = version;
  }

  private async commit(s: SignupSession, now: Date): Promise<void> {
    if (!(await this.deps.sessions.save(s, s.version, now)))
      throw new FlowError(409, 'busy', 'This signup changed meanwhile; reload its state.');
    s.version += 1;
  }

  private deadline(step: Exclude<Step, 'done'>, now: Date): Date {
    return new Date(now.getTime() + this.deps.config.deadlinesMs[step]);
  }

  private advance(s: SignupSession, step: Exclude<Step, 'done'>, now: Date): void {
    s.step = step;
    s.stepDeadline = this.deadline(step, now);
  }

  private async close(s: SignupSession, status: 'failed' | 'needs_review', reason: string): Promise<void> {
    s.status = status;
    s.failureReason = reason;
    s.challenge = null;
    s.vendorSession = null;
    // Nothing more will be checked: the biometric media go now.
    await this.deps.media.delete(s.id);
  }

  /** Count a failed attempt of a limited step; close the signup when none are left. */
  private async recordFailure(
    s: SignupSession,
    step: LimitedStep,
    result: StepResult,
    now: Date,
  ): Promise<StepResponse> {
    s.results[step === 'document' ? 'document' : step === 'match' ? 'match' : 'liveness'] = result;
    s.attempts[step] += 1;
    if (result.outcome === 'review') await this.close(s, 'needs_review', `${step}_review`);
    else if (s.attempts[step] >= this.deps.config.attempts[step])
      await this.close(s, 'failed', `${step}_attempts_exhausted`);
    else s.stepDeadline = this.deadline(step, now);
    this.log(s, `${step} failed`, { outcome: result.outcome, reasons: result.reasons, attempts: s.attempts[step] });
    await this.commit(s, now);
    return this.respond(s, step, result);
  }

  private async applyLiveness(s: SignupSession, result: LivenessResult, now: Date): Promise<StepResponse> {
    const reference = result.referenceImage?.data;
    const passed = result.decision.outcome === 'pass' && reference !== undefined;
    const stepResult: StepResult = passed
      ? { outcome: 'pass', reasons: [], provider: result.provider, score: result.confidence, at: now.toISOString() }
      : {
          outcome: result.decision.outcome === 'pass' ? 'retry' : result.decision.outcome,
          reasons: result.decision.outcome === 'pass' ? ['no_reference_image'] : result.decision.reasons,
          provider: result.provider,
          score: result.confidence,
          at: now.toISOString(),
        };
    if (!passed) return this.recordFailure(s, 'liveness', stepResult, now);
    // The reference is what the match and the duplicate search read later: its pixels must decode now.
    await assertDecodable(reference as Uint8Array, 'frames');
    s.results.liveness = stepResult;
    await this.deps.media.put(
      s.id,
      'reference',
      result.referenceImage?.mediaType ?? 'image/jpeg',
      reference as Uint8Array,
      s.expiresAt,
    );
    this.advance(s, 'document', now);
    this.log(s, 'liveness passed', { provider: result.provider, confidence: result.confidence });
    await this.commit(s, now);
    return this.respond(s, 'liveness', stepResult);
  }

  private async mediaOrRestart(s: SignupSession, kind: 'reference' | 'document_face', now: Date): Promise<Uint8Array> {
    const found = await this.deps.media.get(s.id, kind, now);
    if (found) return found.data;
    // Only possible if the media expired under us: the flow must go back to where it is produced.
    this.advance(s, kind === 'reference' ? 'liveness' : 'document', now);
    await this.commit(s, now);
    throw new FlowError(
      409,
      'media_missing',
      `The ${kind === 'reference' ? 'live capture' : 'document'} is no longer held; redo the '${s.step}' step.`,
      { expectedStep: s.step },
    );
  }

  private async ensureCollection(): Promise<void> {
    if (this.collectionReady) return;
    await this.deps.providers.search.ensureCollection({ collection: this.deps.config.SIGNUP_FACE_COLLECTION });
    this.collectionReady = true;
  }

  private respond(s: SignupSession, step: Step, result: StepResult): StepResponse {
    const view = this.view(s);
    const attemptsLeft =
      step === 'liveness' || step === 'document' || step === 'match' ? view.attemptsLeft[step] : null;
    return { outcome: result.outcome, reasons: result.reasons, attemptsLeft, session: view };
  }

  private log(s: SignupSession, message: string, fields: Record<string, unknown> = {}): void {
    this.deps.logger.info({ session: s.id.slice(0, 8), step: s.step, status: s.status, ...fields }, message);
  }
}
