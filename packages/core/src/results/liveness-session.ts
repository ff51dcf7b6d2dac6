import { z } from 'zod';
import { sessionClientInfoSchema } from '../spec/session-components';
import { rawResponseSchema, warningSchema } from './common';
import { livenessObservationSchema } from './liveness';

/** What an adapter reports after creating a liveness session. */
export const livenessSessionObservationSchema = z.strictObject({
  sessionId: z.string().min(1),
  /** When the session stops accepting a capture (ISO 8601). */
  expiresAt: z.iso.datetime({ offset: true }),
  client: sessionClientInfoSchema,
  raw: rawResponseSchema,
  warnings: z.array(warningSchema),
});
/** An adapter's created session. */
export type LivenessSessionObservation = z.infer<typeof livenessSessionObservationSchema>;

/** A created liveness session. */
export const livenessSessionSchema = livenessSessionObservationSchema.extend({ provider: z.string() });
/** A liveness session: hand `client` to the browser, keep `sessionId` on the server. */
export type LivenessSession = z.infer<typeof livenessSessionSchema>;

/** What an adapter reports when asked for a session's result. */
export const sessionResultObservationSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('pending'), raw: rawResponseSchema }),
  z.strictObject({ status: z.literal('complete'), observation: livenessObservationSchema }),
]);
/** `pending` while the user has not finished; `complete` with the finding. */
export type SessionResultObservation = z.infer<typeof sessionResultObservationSchema>;
