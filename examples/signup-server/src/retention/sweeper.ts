import type { Logger } from '@facegate/core';
import type { MediaRepository } from '../db/media-repository';
import type { SessionRepository } from '../db/session-repository';

/** What one sweep removed. */
export interface SweepResult {
  media: number;
  sessions: number;
}

/**
 * Enforce retention: biometric media past their expiry and expired signup
 * sessions (with whatever media they still hold) are deleted. The flow
 * already deletes media as soon as a step no longer needs them; the sweeper
 * catches what abandoned signups leave behind.
 */
export async function sweepExpired(
  sessions: SessionRepository,
  media: MediaRepository,
  now: Date,
): Promise<SweepResult> {
  const removedMedia = await media.deleteExpired(now);
  const removedSessions = await sessions.deleteExpired(now);
  return { media: removedMedia, sessions: removedSessions };
}

/** Run {@link sweepExpired} every `intervalMs`; returns a function that stops it. */
export function startSweeper(
  sessions: SessionRepository,
  media: MediaRepository,
  intervalMs: number,
  logger: Logger,
): () => void {
  const timer = setInterval(() => {
    sweepExpired(sessions, media, new Date())
      .then((r) => {
        if (r.media + r.sessions > 0) logger.info({ ...r }, 'retention sweep');
      })
      .catch((error: unknown) => logger.error({ name: (error as Error)?.name }, 'retention sweep failed'));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
