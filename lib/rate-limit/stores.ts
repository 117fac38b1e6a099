// Counter stores for rate limits. Both are shared by every app instance:
// PostgreSQL by default, Redis when REDIS_URL is set.
import type { Redis } from "ioredis";

import type { DatabaseExecutor } from "@/lib/db/types";

export interface RateLimitStore {
  /** Adds `amount` to the counter of `key` in the window and returns the new total. */
  increment(
    key: string,
    windowStart: Date,
    windowMs: number,
    amount?: number,
  ): Promise<number>;
  /** Returns the counter of `key` in the window without changing it. */
  read(key: string, windowStart: Date): Promise<number>;
}

/** Share of calls that also delete expired rows, so the table stays small. */
const CLEANUP_PROBABILITY = 0.01;

export class PostgresRateLimitStore implements RateLimitStore {
  constructor(private readonly db: DatabaseExecutor) {}

  async increment(
    key: string,
    windowStart: Date,
    windowMs: number,
    amount = 1,
  ): Promise<number> {
    const expiresAt = new Date(windowStart.getTime() + windowMs);
    const rows = await this.db.$queryRaw<{ count: number }[]>`
      INSERT INTO "rate_limit_counters" ("key", "window_start", "count", "expires_at")
      VALUES (${key}, ${windowStart}, ${amount}, ${expiresAt})
      ON CONFLICT ("key", "window_start")
      DO UPDATE SET "count" = "rate_limit_counters"."count" + ${amount}
      RETURNING "count"`;
    if (Math.random() < CLEANUP_PROBABILITY) {
      await this.db
        .$executeRaw`DELETE FROM "rate_limit_counters" WHERE "expires_at" < now()`;
    }
    return Number(rows[0]?.count ?? amount);
  }

  async read(key: string, windowStart: Date): Promise<number> {
    const row = await this.db.rateLimitCounter.findUnique({
      where: { key_windowStart: { key, windowStart } },
      select: { count: true },
    });
    return row?.count ?? 0;
  }
}

export class RedisRateLimitStore implements RateLimitStore {
  constructor(private readonly redis: Redis) {}

  private redisKey(key: string, windowStart: Date): string {
    return `hibob-connect:rate:${key}:${windowStart.getTime()}`;
  }

  async increment(
    key: string,
    windowStart: Date,
    windowMs: number,
    amount = 1,
  ): Promise<number> {
    const redisKey = this.redisKey(key, windowStart);
    const [[incrementError, total] = [null, 0]] =
      (await this.redis
        .multi()
        .incrby(redisKey, amount)
        .pexpire(redisKey, windowMs)
        .exec()) ?? [];
    if (incrementError) {
      throw incrementError;
    }
    return Number(total);
  }

  async read(key: string, windowStart: Date): Promise<number> {
    const value = await this.redis.get(this.redisKey(key, windowStart));
    return value === null ? 0 : Number(value);
  }
}
