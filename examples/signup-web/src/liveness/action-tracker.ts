import type { ChallengeAction } from '../api/api-types';
import type { Point } from '../detector/face-observation';
import { eyeOpenness, pitch, yaw } from './head-pose';

/** Thresholds of the in-browser action check (a hint for pacing only; the server decides). */
export const ACTION_LIMITS = {
  straightYaw: 0.08,
  turnYaw: 0.12,
  pitchUp: 0.33,
  pitchDown: 0.62,
  /** A blink: openness drops below this share of the most open seen in this prompt. */
  blinkDrop: 0.7,
  /** Observations in a row needed for look_straight. */
  straightRun: 3,
} as const;

/**
 * Watches landmarks during one prompt and says when the person seems to have
 * done it, so the page can move to the next prompt early. It never decides
 * liveness: the frames go to the server whatever it says.
 */
export class ActionTracker {
  private run = 0;
  private maxOpen = 0;
  private minOpen = Number.POSITIVE_INFINITY;
  done = false;

  constructor(readonly action: ChallengeAction) {}

  /** Feed the landmarks of the single face in a frame (undefined when there is not exactly one face). */
  observe(landmarks: Point[] | undefined): boolean {
    if (this.done || !landmarks || landmarks.length < 68) {
      this.run = 0;
      return this.done;
    }
    const L = ACTION_LIMITS;
    switch (this.action) {
      case 'look_straight':
        this.run = Math.abs(yaw(landmarks)) < L.straightYaw ? this.run + 1 : 0;
        this.done = this.run >= L.straightRun;
        break;
      case 'turn_left':
        this.done = yaw(landmarks) > L.turnYaw;
        break;
      case 'turn_right':
        this.done = yaw(landmarks) < -L.turnYaw;
        break;
      case 'look_up':
        this.done = pitch(landmarks) < L.pitchUp;
        break;
      case 'look_down':
        this.done = pitch(landmarks) > L.pitchDown;
        break;
      case 'blink': {
        const open = eyeOpenness(landmarks);
        this.maxOpen = Math.max(this.maxOpen, open);
        this.minOpen = Math.min(this.minOpen, open);
        this.done = this.maxOpen > 0 && this.minOpen < this.maxOpen * L.blinkDrop && open > this.maxOpen * 0.85;
        break;
      }
    }
    return this.done;
  }
}
