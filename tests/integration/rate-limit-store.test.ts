// The PostgreSQL counter store as two app instances use it: two separate
// clients on one database must share every count.
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { createPrismaClient } from "@/lib/db/client";
import type { Database } from "@/lib/db/types";
import { RateLimiter } from "@/lib/rate-limit/limiter";
import { PostgresRateLimitStore, RedisRateLimitStore } from "@/lib/rate-limit/stores";
import { Redis } from "ioredis";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { recordSecurityFigure } from "../support/security-figures";

let database: TestDatabase;
let secondInstance: Database | undefined;

beforeAll(async () => {
  database = await createTestDatabase({ label: "ratelimit" });
  // A second client stands for a second app instance (PostgreSQL only; PGlite
  // serves a single process).
  secondInstance = database.url
    ? createPrismaClient({ databaseUrl: database.url })
    : undefined;
});

afterAll(async () => {
  await secondInstance?.$disconnect();
  await database?.close();
});

describe("PostgresRateLimitStore", () => {
  test("counts concurrent increments exactly", async () => {
    const store = new PostgresRateLimitStore(database.prisma);
    // A window that ends an hour from now, because increments now and then
    // delete counters whose window has ended.
    const windowMs = 60 * 60_000;
    const windowStart = new Date();
    const totals = await Promise.all(
      Array.from({ length: 20 }, () =>
        store.increment("concurrent", windowStart, windowMs),
      ),
    );
    expect(totals.sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    expect(await store.read("concurrent", windowStart)).toBe(20);
  });

  test("limit holds across two instances", async (context) => {
    if (!secondInstance) {
      context.skip();
      return;
    }
    const rule = { name: "shared", limit: 5, windowMs: 60_000 };
    const first = new RateLimiter(new PostgresRateLimitStore(database.prisma));
    const second = new RateLimiter(new PostgresRateLimitStore(secondInstance));

    const decisions = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        (index % 2 ? first : second).consume(rule, "ip"),
      ),
    );

    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(5);
    recordSecurityFigure(
      "requestsRefused",
      decisions.filter((decision) => !decision.allowed).length,
    );
  });
});

const redisUrl = process.env.TEST_REDIS_URL?.trim();

describe.skipIf(!redisUrl)(
  redisUrl
    ? "RedisRateLimitStore"
    : "RedisRateLimitStore (skipped: TEST_REDIS_URL is not set)",
  () => {
    const clients: Redis[] = [];
    const prefix = `test-${Date.now()}-${Math.random().toString(36).slice(2)}`;

    afterAll(async () => {
      await Promise.all(clients.map((client) => client.quit()));
    });

    function connect(): Redis {
      const client = new Redis(redisUrl ?? "", { maxRetriesPerRequest: 1 });
      clients.push(client);
      return client;
    }

    test("limit holds across two clients", async () => {
      const rule = { name: `${prefix}-shared`, limit: 5, windowMs: 60_000 };
      const first = new RateLimiter(new RedisRateLimitStore(connect()));
      const second = new RateLimiter(new RedisRateLimitStore(connect()));

      const decisions = await Promise.all(
        Array.from({ length: 8 }, (_, index) =>
          (index % 2 ? first : second).consume(rule, "ip"),
        ),
      );

      expect(decisions.filter((decision) => decision.allowed)).toHaveLength(5);
      recordSecurityFigure(
        "requestsRefused",
        decisions.filter((decision) => !decision.allowed).length,
      );
    });

    test("counters expire with their window", async () => {
      const client = connect();
      const store = new RedisRateLimitStore(client);
      const windowStart = new Date();
      await store.increment(`${prefix}-expiry`, windowStart, 1_000);
      const ttl = await client.pttl(
        `hibob-connect:rate:${prefix}-expiry:${windowStart.getTime()}`,
      );
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(1_000);
    });
  },
);
