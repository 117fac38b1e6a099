import "server-only";

import { Redis } from "ioredis";

import { db } from "@/lib/db";
import { logger } from "@/lib/logger";

import { RateLimiter } from "./limiter";
import {
  PostgresRateLimitStore,
  RedisRateLimitStore,
  type RateLimitStore,
} from "./stores";

export {
  describeRetryAfter,
  type RateLimitDecision,
  type RateLimitRule,
} from "./limiter";
export { RATE_LIMITS, perIpRule } from "./rules";

const globalForLimiter = globalThis as unknown as {
  hibobConnectRateLimiter?: RateLimiter;
};

function createStore(): RateLimitStore {
  const redisUrl = process.env.REDIS_URL?.trim();
  if (redisUrl) {
    const redis = new Redis(redisUrl, {
      maxRetriesPerRequest: 2,
      enableOfflineQueue: true,
    });
    redis.on("error", (error) => logger.error({ err: error }, "Redis connection error"));
    return new RedisRateLimitStore(redis);
  }
  return new PostgresRateLimitStore(db);
}

/** The process's rate limiter, on Redis when REDIS_URL is set, else PostgreSQL. */
export function getRateLimiter(): RateLimiter {
  globalForLimiter.hibobConnectRateLimiter ??= new RateLimiter(createStore());
  return globalForLimiter.hibobConnectRateLimiter;
}
