import { describe, expect, test } from "vitest";

import { RateLimiter, describeRetryAfter } from "@/lib/rate-limit/limiter";
import type { RateLimitStore } from "@/lib/rate-limit/stores";

/** In-memory store for unit tests; the real stores are covered by integration tests. */
class MemoryStore implements RateLimitStore {
  readonly counters = new Map<string, number>();

  async increment(key: string, windowStart: Date, _windowMs: number, amount = 1) {
    const mapKey = `${key}@${windowStart.getTime()}`;
    const total = (this.counters.get(mapKey) ?? 0) + amount;
    this.counters.set(mapKey, total);
    return total;
  }

  async read(key: string, windowStart: Date) {
    return this.counters.get(`${key}@${windowStart.getTime()}`) ?? 0;
  }
}

const rule = { name: "test", limit: 3, windowMs: 60_000 };

describe("RateLimiter", () => {
  test("allows up to the limit, then refuses", async () => {
    const now = new Date("2026-12-04T12:00:10Z");
    const limiter = new RateLimiter(new MemoryStore(), () => now);
    const decisions = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      decisions.push(await limiter.consume(rule, "203.0.113.7"));
    }
    expect(decisions.map((decision) => decision.allowed)).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(decisions[2]?.remaining).toBe(0);
    expect(decisions[3]?.retryAfterMs).toBe(50_000);
  });

  test("subjects are counted apart", async () => {
    const limiter = new RateLimiter(new MemoryStore());
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await limiter.consume(rule, "a");
    }
    expect((await limiter.consume(rule, "a")).allowed).toBe(false);
    expect((await limiter.consume(rule, "b")).allowed).toBe(true);
  });

  test("new window starts a new count", async () => {
    let now = new Date("2026-12-04T12:00:59Z");
    const limiter = new RateLimiter(new MemoryStore(), () => now);
    for (let attempt = 0; attempt < 4; attempt += 1) {
      await limiter.consume(rule, "a");
    }
    now = new Date("2026-12-04T12:01:00Z");
    expect((await limiter.consume(rule, "a")).allowed).toBe(true);
  });

  test("check does not count", async () => {
    const store = new MemoryStore();
    const limiter = new RateLimiter(store);
    await limiter.check(rule, "a");
    await limiter.check(rule, "a");
    expect([...store.counters.values()]).toEqual([]);
  });

  test("recorded failures trip the check", async () => {
    const limiter = new RateLimiter(new MemoryStore());
    for (let failure = 0; failure < 3; failure += 1) {
      expect((await limiter.check(rule, "link")).allowed).toBe(true);
      await limiter.record(rule, "link");
    }
    expect((await limiter.check(rule, "link")).allowed).toBe(false);
  });

  test("counter keys hold no subject in clear", async () => {
    const store = new MemoryStore();
    await new RateLimiter(store).consume(rule, "hr-admin@customer.example");
    for (const key of store.counters.keys()) {
      expect(key).not.toContain("hr-admin");
      expect(key.startsWith("test:")).toBe(true);
    }
  });
});

describe("describeRetryAfter", () => {
  test.each([
    [0, "in 1 second"],
    [1_000, "in 1 second"],
    [40_500, "in 41 seconds"],
    [150_000, "in 3 minutes"],
  ])("%d ms reads %j", (milliseconds, expected) => {
    expect(describeRetryAfter(milliseconds)).toBe(expected);
  });
});
