import { setTimeout as sleep } from 'node:timers/promises';
import { FacegateError, silentLogger } from '@facegate/core';
import type { HealthStatus } from '@facegate/core/spec';
import type { FaciaReadiness } from './facia-readiness';
import { FACIA_PROVIDER_ID } from './facia-settings';

/** The longest one `/status_check` probe may take during `warmUp()`, in ms. */
export const WARM_UP_PROBE_TIMEOUT_MS = 10_000;

/** How {@link waitUntilReady} waits. */
export interface WarmUpPlan {
  /** Give up after this long, in ms (0: probe once). */
  readonly timeoutMs: number;
  /** Pause between probes, in ms. */
  readonly pollMs: number;
  /** Clock in ms. */
  readonly now: () => number;
  /** Aborted by the provider's `close()`: stops the wait with `aborted`. */
  readonly signal: AbortSignal;
}

function cancelled(cause?: unknown): FacegateError {
  return new FacegateError({
    code: 'aborted',
    message: `${FACIA_PROVIDER_ID} warmUp was cancelled (the provider was closed)`,
    provider: FACIA_PROVIDER_ID,
    cause,
  });
}

/** One probe, bounded by {@link WARM_UP_PROBE_TIMEOUT_MS}; a probe that times out reads as `down`. */
async function probeOnce(readiness: FaciaReadiness, plan: WarmUpPlan, timeoutMs: number): Promise<HealthStatus> {
  const signal = AbortSignal.any([plan.signal, AbortSignal.timeout(Math.max(1, timeoutMs))]);
  try {
    return await readiness.probe({ signal, logger: silentLogger, attempt: 0 });
  } catch (error) {
    if (plan.signal.aborted) throw cancelled(error);
    return { status: 'down', detail: `status_check did not answer within ${Math.round(timeoutMs)} ms` };
  }
}

/**
 * Probe `GET /status_check` until the server says "Service is live" (the
 * gate then trusts it for `readinessTtlMs`), pausing `pollMs` between probes.
 * Past `timeoutMs` it fails with a retryable `provider_unavailable` naming the
 * last state; `close()` stops it with `aborted`. Never sends an image.
 */
export async function waitUntilReady(readiness: FaciaReadiness, plan: WarmUpPlan): Promise<void> {
  const deadline = plan.now() + plan.timeoutMs;
  for (;;) {
    if (plan.signal.aborted) throw cancelled();
    const remaining = deadline - plan.now();
    const health = await probeOnce(readiness, plan, Math.min(WARM_UP_PROBE_TIMEOUT_MS, Math.max(remaining, 1)));
    if (health.status === 'ready') return;
    const left = deadline - plan.now();
    if (left <= 0) {
      throw new FacegateError({
        code: 'provider_unavailable',
        retryable: true,
        message: `The Facia server was not ready after ${Math.round(plan.timeoutMs / 1000)} s of warmUp (last status: ${health.status}${health.detail ? `, ${health.detail}` : ''})`,
        provider: FACIA_PROVIDER_ID,
        details: { health: health.status },
      });
    }
    try {
      await sleep(Math.min(plan.pollMs, left), undefined, { signal: plan.signal });
    } catch (error) {
      throw cancelled(error);
    }
  }
}
