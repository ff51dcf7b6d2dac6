import { FacegateError } from '@facegate/core';
import { type HttpAnswer, type HttpTransport, parseJsonBody } from '@facegate/core/adapter-kit';
import type { CallContext, HealthStatus } from '@facegate/core/spec';
import { FACIA_PROVIDER_ID } from './facia-settings';

/** The path of Facia's readiness probe. */
export const STATUS_CHECK_PATH = '/status_check';
/** What `/status_check` answers once the models are loaded. */
export const READY_TEXT = 'Service is live';

/**
 * Readiness of the Facia server, probed with `GET /status_check` and cached
 * briefly, so operations are refused (without sending any image) while the
 * server is still loading its models or is down.
 */
export interface FaciaReadiness {
  /** Probe now (no cache) and remember a `ready` answer for the TTL. Throws only when `ctx.signal` aborts. */
  probe(ctx: CallContext): Promise<HealthStatus>;
  /** Return when the server is known ready (cached, else probed); otherwise throw `provider_unavailable` (retryable). */
  ensureReady(operation: string, ctx: CallContext): Promise<void>;
  /** Record that the server just answered an operation properly. */
  markReady(): void;
  /** Forget a `ready` answer (after a transport failure or a 5xx), so the next operation probes. */
  invalidate(): void;
}

/** True when a `/status_check` body says "Service is live", as plain text or as a JSON string. */
export function saysServiceIsLive(text: string): boolean {
  const trimmed = text.trim();
  let value: unknown = trimmed;
  if (trimmed.startsWith('"')) {
    try {
      value = parseJsonBody(trimmed, { provider: FACIA_PROVIDER_ID, operation: 'status_check' });
    } catch {
      return false;
    }
  }
  return typeof value === 'string' && value.trim().toLowerCase() === READY_TEXT.toLowerCase();
}

/**
 * Read a `/status_check` answer: 2xx saying "Service is live" → `ready`; any
 * other 2xx → `warming_up` (the server answers but has not said it is live);
 * any other status → `down`.
 */
export function classifyStatusCheck(answer: HttpAnswer): HealthStatus {
  if (answer.status < 200 || answer.status >= 300) {
    return { status: 'down', detail: `status_check answered HTTP ${answer.status}` };
  }
  if (saysServiceIsLive(answer.text)) return { status: 'ready' };
  return { status: 'warming_up', detail: `status_check did not report "${READY_TEXT}" yet` };
}

/** Build the readiness gate for one server. */
export function createFaciaReadiness(http: HttpTransport, ttlMs: number, now: () => number): FaciaReadiness {
  let readyUntil = Number.NEGATIVE_INFINITY;

  const markReady = (): void => {
    readyUntil = now() + ttlMs;
  };
  const invalidate = (): void => {
    readyUntil = Number.NEGATIVE_INFINITY;
  };

  async function probe(ctx: CallContext): Promise<HealthStatus> {
    let health: HealthStatus;
    try {
      health = classifyStatusCheck(
        await http.send({
          method: 'GET',
          path: STATUS_CHECK_PATH,
          operation: 'status_check',
          signal: ctx.signal,
          headers: { accept: 'application/json, text/plain' },
        }),
      );
    } catch (error) {
      if (ctx.signal.aborted) throw error;
      const code = FacegateError.isInstance(error) ? error.code : 'provider_error';
      health = {
        status: 'down',
        detail: code === 'provider_unavailable' ? 'the server could not be reached' : `status_check failed (${code})`,
      };
    }
    if (health.status === 'ready') markReady();
    else invalidate();
    return health;
  }

  async function ensureReady(operation: string, ctx: CallContext): Promise<void> {
    if (now() < readyUntil) return;
    const health = await probe(ctx);
    if (health.status === 'ready') return;
    ctx.logger.warn(
      { provider: FACIA_PROVIDER_ID, operation, health: health.status, detail: health.detail },
      'facia server not ready; request not sent',
    );
    const state =
      health.status === 'warming_up'
        ? 'is still warming up (it loads its models for 5–10 minutes after start)'
        : `is down (${health.detail ?? 'no answer'})`;
    throw new FacegateError({
      code: 'provider_unavailable',
      retryable: true,
      message: `The Facia server ${state}; ${operation} was not sent`,
      provider: FACIA_PROVIDER_ID,
      details: { health: health.status },
    });
  }

  return { probe, ensureReady, markReady, invalidate };
}
