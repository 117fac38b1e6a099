// Fixed-window rate limits. A rule allows `limit` events per subject in each
// window of `windowMs`; the subject is an IP address, a link session or an
// email address, hashed so counters never hold personal data in clear.
import { createHash } from "node:crypto";

import type { RateLimitStore } from "./stores";

export type RateLimitRule = {
  /** Stable name, part of every counter key. */
  name: string;
  limit: number;
  windowMs: number;
};

export type RateLimitDecision = {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** When the current window ends. */
  resetAt: Date;
  /** Milliseconds until a refused caller may try again; 0 when allowed. */
  retryAfterMs: number;
};

function windowStartOf(rule: RateLimitRule, now: Date): Date {
  return new Date(Math.floor(now.getTime() / rule.windowMs) * rule.windowMs);
}

function counterKey(rule: RateLimitRule, subject: string): string {
  const digest = createHash("sha256").update(subject).digest("base64url").slice(0, 22);
  return `${rule.name}:${digest}`;
}

function decide(
  rule: RateLimitRule,
  count: number,
  windowStart: Date,
  now: Date,
): RateLimitDecision {
  const resetAt = new Date(windowStart.getTime() + rule.windowMs);
  const allowed = count <= rule.limit;
  return {
    allowed,
    limit: rule.limit,
    remaining: Math.max(0, rule.limit - count),
    resetAt,
    retryAfterMs: allowed ? 0 : Math.max(0, resetAt.getTime() - now.getTime()),
  };
}

export class RateLimiter {
  constructor(
    private readonly store: RateLimitStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Counts one event for `subject` and says whether it is within the rule. */
  async consume(rule: RateLimitRule, subject: string): Promise<RateLimitDecision> {
    const now = this.now();
    const windowStart = windowStartOf(rule, now);
    const count = await this.store.increment(
      counterKey(rule, subject),
      windowStart,
      rule.windowMs,
    );
    return decide(rule, count, windowStart, now);
  }

  /**
   * Says whether one more event would be within the rule, without counting
   * it. Used for caps on failures, which are counted only when they happen.
   */
  async check(rule: RateLimitRule, subject: string): Promise<RateLimitDecision> {
    const now = this.now();
    const windowStart = windowStartOf(rule, now);
    const count = await this.store.read(counterKey(rule, subject), windowStart);
    return decide(rule, count + 1, windowStart, now);
  }

  /** Counts one event without deciding anything, for example a failed attempt. */
  async record(rule: RateLimitRule, subject: string): Promise<void> {
    const windowStart = windowStartOf(rule, this.now());
    await this.store.increment(counterKey(rule, subject), windowStart, rule.windowMs);
  }
}

/** Describes the wait in words for messages: "in 40 seconds", "in 3 minutes". */
export function describeRetryAfter(retryAfterMs: number): string {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  if (seconds < 90) {
    return `in ${seconds} second${seconds === 1 ? "" : "s"}`;
  }
  const minutes = Math.ceil(seconds / 60);
  return `in ${minutes} minutes`;
}
