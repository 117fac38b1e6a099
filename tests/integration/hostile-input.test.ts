// Hostile values against real components: link tokens against the database
// and request bodies against the HiBob simulator over HTTP.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { resolveLinkSession } from "@/lib/link-sessions/service";
import { findScenario } from "@/simulator/scenarios";
import { startSimulator } from "@/simulator/server";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { recordSecurityFigure } from "../support/security-figures";

let database: TestDatabase;
let simulator: Awaited<ReturnType<typeof startSimulator>>;

beforeAll(async () => {
  [database, simulator] = await Promise.all([
    createTestDatabase({ label: "hostile" }),
    startSimulator({ port: 0, searchRateLimitPerMinute: 10_000 }),
  ]);
});

afterAll(async () => {
  await Promise.all([database?.close(), simulator?.close()]);
});

describe("hostile link tokens", () => {
  test("never resolve and never throw", async () => {
    const runs = 200;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 100 }),
          fc.stringMatching(/^[A-Za-z0-9_-]{43}$/),
          fc.constantFrom("'; DROP TABLE link_sessions; --", "%00", "../".repeat(20)),
        ),
        async (token) => {
          const resolution = await resolveLinkSession(database.prisma, token);
          expect(resolution.kind).toBe("not_found");
        },
      ),
      { numRuns: runs },
    );
    recordSecurityFigure("inputsTried", runs);
    recordSecurityFigure("requestsRefused", runs);
  });
});

describe("hostile search bodies", () => {
  test("simulator answers 200 or 400, never 500", async () => {
    const scenario = findScenario("full-access")!;
    const authorization = `Basic ${Buffer.from(`${scenario.serviceUserId}:${scenario.token}`).toString("base64")}`;
    const runs = 150;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.json(), fc.string({ maxLength: 200 })),
        async (body) => {
          const response = await fetch(`${simulator.baseUrl}/people/search`, {
            method: "POST",
            headers: { authorization, "content-type": "application/json" },
            body,
          });
          expect([200, 400]).toContain(response.status);
        },
      ),
      { numRuns: runs },
    );
    recordSecurityFigure("inputsTried", runs);
  });
});
