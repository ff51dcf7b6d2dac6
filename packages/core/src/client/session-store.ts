import type { LivenessResult } from '../results/liveness';

/** What the client remembers about a liveness session. */
export interface StoredLivenessSession {
  provider: string;
  sessionId: string;
  /** When the session stops accepting a capture (ISO 8601). */
  expiresAt: string;
  /** The first complete result read for this session; later reads return it unchanged. */
  result?: LivenessResult;
}

/**
 * Where the client keeps session expiry and results. The default lives in
 * memory; apps running several instances pass a shared store so a session
 * created on one instance is enforced on all.
 */
export interface LivenessSessionStore {
  /** The stored session, or undefined when unknown or expired. */
  get(key: string): Promise<StoredLivenessSession | undefined>;
  /** Store a session for `ttlMs` milliseconds (replacing any earlier value). */
  set(key: string, value: StoredLivenessSession, ttlMs: number): Promise<void>;
}

/** An in-memory {@link LivenessSessionStore} with per-entry expiry. */
export function createMemorySessionStore(now: () => number = Date.now): LivenessSessionStore {
  const entries = new Map<string, { value: StoredLivenessSession; until: number }>();
  return {
    async get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.until <= now()) {
        entries.delete(key);
        return undefined;
      }
      return entry.value;
    },
    async set(key, value, ttlMs) {
      // Drop expired entries as we go so the map cannot grow without bound.
      for (const [k, e] of entries) if (e.until <= now()) entries.delete(k);
      entries.set(key, { value, until: now() + ttlMs });
    },
  };
}
