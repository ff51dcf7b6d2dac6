import type { Challenge, DecisionOutcome, ReasonCode, SessionComponentName } from '@facegate/core';

/** Steps of a signup, in order. */
export const STEPS = ['liveness', 'document', 'match', 'uniqueness', 'register', 'done'] as const;
/** A signup step. */
export type Step = (typeof STEPS)[number];
/** Steps that have an attempt limit. */
export type LimitedStep = 'liveness' | 'document' | 'match';
/** Where a signup stands overall. */
export type SessionStatus = 'active' | 'completed' | 'failed' | 'needs_review';

/** What a finished check decided; never holds images, scores' raw data or vendor answers. */
export interface StepResult {
  outcome: DecisionOutcome;
  reasons: ReasonCode[];
  provider?: string;
  /** The normalized score that drove it, when there is one. */
  score?: number | null;
  at: string;
}

/** A vendor liveness session created for this signup (session-shape providers). */
export interface VendorSessionRef {
  provider: string;
  sessionId: string;
  expiresAt: string;
  /** The browser component it runs in (absent on sessions stored before this field existed). */
  component?: SessionComponentName;
}

/** One signup, as stored. */
export interface SignupSession {
  /** SHA-256 of the session token. */
  id: string;
  status: SessionStatus;
  step: Step;
  stepDeadline: Date;
  expiresAt: Date;
  /** Attempts used per limited step. */
  attempts: Record<LimitedStep, number>;
  challengesIssued: number;
  challenge: Challenge | null;
  vendorSession: VendorSessionRef | null;
  results: Partial<Record<'liveness' | 'document' | 'match' | 'uniqueness', StepResult>>;
  failureReason: string | null;
  userId: string | null;
  busyUntil: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}
