// Shapes of the signup server's answers, as this page uses them (see the server's OpenAPI at /docs).
import type { SessionClientInfo } from '@facegate/core';

/** A check's verdict. */
export type Outcome = 'pass' | 'retry' | 'review' | 'reject';
/** Server steps, in order. */
export type ServerStep = 'liveness' | 'document' | 'match' | 'uniqueness' | 'register' | 'done';
/** How the provider does liveness. */
export type LivenessShape = 'frames' | 'image' | 'session';

/** `GET /api/config`. */
export interface PageConfig {
  livenessShape: LivenessShape;
  providers: { verification: string[]; search: string[]; documents: string[] };
  deadlinesMs: Record<string, number>;
  attempts: Record<string, number>;
  maxFrames: number;
  maxFrameBytes: number;
  framesPerSecond: number;
  /** Frame rate while the blink prompt shows. */
  blinkFramesPerSecond: number;
  assistedSignupUrl: string;
}

/** Where a signup stands. */
export interface SessionView {
  status: 'active' | 'completed' | 'failed' | 'needs_review';
  step: ServerStep;
  stepDeadline: string;
  expiresAt: string;
  attemptsLeft: { liveness: number; document: number; match: number };
  results: Record<string, { outcome: Outcome; reasons: string[] }>;
  failureReason: string | null;
  registered: boolean;
}

/** A check's answer. */
export interface StepResponse {
  outcome: Outcome;
  reasons: string[];
  attemptsLeft: number | null;
  session: SessionView;
}

/** A liveness challenge: actions in order, bound to the nonce. */
export interface Challenge {
  nonce: string;
  steps: ChallengeAction[];
  stepTimeoutMs: number;
  expiresAt: string;
  /** When each prompt shows and when the capture ends, ms after the challenge is shown (server-drawn). */
  schedule?: { promptsAtMs: number[]; endMs: number };
  /** Colours to show full-screen while capturing, each from its `fromMs` until the next. */
  light?: { segments: { color: LightColor; fromMs: number }[] };
}

/** Screen colours of a light sequence. */
export type LightColor = 'red' | 'green' | 'blue' | 'yellow' | 'magenta' | 'cyan';

/** Actions the server may ask for. */
export type ChallengeAction = 'look_straight' | 'turn_left' | 'turn_right' | 'look_up' | 'look_down' | 'blink';

/** One captured frame, in the server's media shape. */
export interface CapturedFrame {
  /** JPEG as a data URL. */
  image: string;
  /** Milliseconds since the challenge was shown. */
  capturedAtMs: number;
}

/** `POST /api/signup/liveness/vendor-session`: what the vendor's component needs (core's component union). */
export interface VendorSession {
  client: SessionClientInfo;
  expiresAt: string;
}

/** `POST /api/signup/liveness/vendor-session/credentials`: short-lived AWS credentials for the component. */
export interface VendorCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: string;
}
