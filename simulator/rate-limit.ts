// Per-service-user request limit over fixed one-minute windows, reported in
// the X-RateLimit-* headers.
import type { Headers } from "./http";

export type RateLimitDecision = {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** End of the current window, in Unix epoch seconds. */
  resetEpochSeconds: number;
};

const WINDOW_MS = 60_000;

/**
 * Counts requests per key in fixed windows that start at the key's first
 * request. NOTE: HiBob does not document whether its window is fixed or
 * sliding.
 */
export class RateLimiter {
  readonly #limit: number;
  readonly #windows = new Map<string, { startMs: number; count: number }>();

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** Counts one request for `key` unless the limit is reached. */
  take(key: string, nowMs: number): RateLimitDecision {
    let window = this.#windows.get(key);
    if (!window || nowMs >= window.startMs + WINDOW_MS) {
      window = { startMs: nowMs, count: 0 };
      this.#windows.set(key, window);
    }

    const allowed = window.count < this.#limit;
    if (allowed) {
      window.count += 1;
    }
    return {
      allowed,
      limit: this.#limit,
      remaining: this.#limit - window.count,
      resetEpochSeconds: Math.ceil((window.startMs + WINDOW_MS) / 1000),
    };
  }
}

export function rateLimitHeaders(decision: RateLimitDecision): Headers {
  return {
    "X-RateLimit-Limit": String(decision.limit),
    "X-RateLimit-Remaining": String(decision.remaining),
    "X-RateLimit-Reset": String(decision.resetEpochSeconds),
  };
}
