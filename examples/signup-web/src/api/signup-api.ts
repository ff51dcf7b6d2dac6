import type { SessionClientReport } from '@facegate/core';
import { ApiError, toApiError } from './api-error';
import type {
  CapturedFrame,
  Challenge,
  PageConfig,
  SessionView,
  StepResponse,
  VendorCredentials,
  VendorSession,
} from './api-types';

/**
 * The signup server's API. The session lives in an httpOnly cookie the page
 * never sees; every verdict comes from the server. The server's clock is
 * estimated from the Date header so step timers follow the server's deadlines
 * even when this device's clock is wrong.
 */
export class SignupApi {
  /** Server time minus this device's time, in ms (0 until a response said otherwise). */
  clockOffsetMs = 0;

  constructor(private readonly base = '') {}

  /** Current time on the server, estimated. */
  serverNow(): number {
    return Date.now() + this.clockOffsetMs;
  }

  config(): Promise<PageConfig> {
    return this.request('GET', '/api/config');
  }

  start(): Promise<{ session: SessionView }> {
    return this.request('POST', '/api/signup/sessions', { auth: 'cookie' });
  }

  current(): Promise<{ session: SessionView }> {
    return this.request('GET', '/api/signup/sessions/current');
  }

  /** Close the signup; the server deletes its images at once. */
  cancel(): Promise<{ session: SessionView }> {
    return this.request('DELETE', '/api/signup/sessions/current');
  }

  restartStep(): Promise<{ session: SessionView }> {
    return this.request('POST', '/api/signup/steps/restart', {});
  }

  challenge(): Promise<{ challenge: Challenge }> {
    return this.request('POST', '/api/signup/liveness/challenge', {});
  }

  frames(nonce: string, frames: CapturedFrame[]): Promise<StepResponse> {
    return this.request('POST', '/api/signup/liveness/frames', { nonce, frames });
  }

  vendorSession(): Promise<VendorSession> {
    return this.request('POST', '/api/signup/liveness/vendor-session', {});
  }

  /** Short-lived credentials for the vendor component (AWS), for the current vendor session only. */
  vendorCredentials(): Promise<VendorCredentials> {
    return this.request('POST', '/api/signup/liveness/vendor-session/credentials', {});
  }

  /** The vendor session's verdict, fetched by the server; `pending` while the vendor is still working. */
  vendorResult(report?: SessionClientReport): Promise<StepResponse | { pending: true; session: SessionView }> {
    return this.request('POST', '/api/signup/liveness/vendor-session/result', report ? { report } : {});
  }

  document(image: string, filename?: string): Promise<StepResponse & { preview: string | null }> {
    return this.request('POST', '/api/signup/document', filename ? { image, filename } : { image });
  }

  match(): Promise<StepResponse> {
    return this.request('POST', '/api/signup/match', {});
  }

  uniqueness(): Promise<StepResponse> {
    return this.request('POST', '/api/signup/uniqueness', {});
  }

  register(form: { fullName: string; email: string; phone?: string }): Promise<{ session: SessionView }> {
    return this.request('POST', '/api/signup/register', form);
  }

  private async request<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.base}${path}`, {
        method,
        credentials: 'same-origin',
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, 'network_error', 'The server could not be reached.');
    }
    const date = Date.parse(response.headers.get('date') ?? '');
    // The Date header has 1 s resolution: only correct clocks that are clearly off.
    if (Number.isFinite(date) && Math.abs(date - Date.now()) > 2_000) this.clockOffsetMs = date - Date.now();
    const parsed: unknown = await response.json().catch(() => null);
    if (!response.ok) throw toApiError(response.status, parsed);
    return parsed as T;
  }
}
