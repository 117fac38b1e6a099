// The wizard's server code against a real database (PGlite, or PostgreSQL
// when TEST_DATABASE_URL is set) and the HiBob simulator over HTTP.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";

import { generateEncryptionKey } from "@/lib/crypto/secret-box";
import { decryptCredentialToken } from "@/lib/credentials/service";
import type { Database } from "@/lib/db/types";
import { PERMISSION_CATEGORY_IDS } from "@/lib/hibob/categories";
import {
  completeWizardStep,
  createLinkSession,
  recordLinkOpened,
  resolveLinkSession,
  type ActiveLinkSession,
} from "@/lib/link-sessions/service";
import { runProbe } from "@/lib/probe/engine";
import { RateLimiter } from "@/lib/rate-limit/limiter";
import { PostgresRateLimitStore } from "@/lib/rate-limit/stores";
import {
  getLatestProbeRun,
  recheckPermissions,
  submitCredentials,
  type HibobConnection,
} from "@/lib/probe-runs/service";
import { findScenario } from "@/simulator/scenarios";
import { startSimulator } from "@/simulator/server";

import { createTestDatabase, type TestDatabase } from "../support/database";

const key = generateEncryptionKey("test-key");
let database: TestDatabase;
let db: Database;
let simulator: Awaited<ReturnType<typeof startSimulator>>;
let connection: HibobConnection;

beforeAll(async () => {
  [database, simulator] = await Promise.all([
    createTestDatabase(),
    startSimulator({ port: 0 }),
  ]);
  db = database.prisma;
  connection = { baseUrl: simulator.baseUrl, timeoutMs: 10_000, runProbe };
});

afterAll(async () => {
  await Promise.all([database?.close(), simulator?.close()]);
});

async function openSession(): Promise<{ session: ActiveLinkSession; token: string }> {
  const customer = await db.customer.create({ data: { companyName: "Acme Test Ltd" } });
  const { token } = await createLinkSession(db, {
    customerId: customer.id,
    requiredCategories: PERMISSION_CATEGORY_IDS,
    ttlDays: 14,
  });
  const resolution = await resolveLinkSession(db, token);
  if (resolution.kind !== "active") {
    throw new Error(`new link resolved as ${resolution.kind}`);
  }
  return { session: resolution.session, token };
}

function scenario(id: string) {
  const found = findScenario(id);
  if (!found) {
    throw new Error(`unknown scenario ${id}`);
  }
  return found;
}

/** Submits a scenario's service user ID and token for a session. */
function submitScenario(
  session: ActiveLinkSession,
  scenarioId: string,
  overrides: Partial<HibobConnection> = {},
) {
  const { serviceUserId, token } = scenario(scenarioId);
  return submitCredentials(db, {
    session,
    serviceUserId,
    token,
    key,
    connection: { ...connection, ...overrides },
  });
}

describe("link sessions", () => {
  let session: ActiveLinkSession;
  let token: string;

  beforeEach(async () => {
    ({ session, token } = await openSession());
  });

  test("token is stored only as a hash", async () => {
    const row = await db.linkSession.findUniqueOrThrow({ where: { id: session.id } });
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.tokenHash).not.toContain(token);
  });

  test("expired link resolves as expired", async () => {
    const later = new Date(Date.now() + 15 * 24 * 3600 * 1000);
    expect((await resolveLinkSession(db, token, later)).kind).toBe("expired");
  });

  test("revoked link resolves as revoked", async () => {
    await db.linkSession.update({
      where: { id: session.id },
      data: { status: "revoked", revokedAt: new Date() },
    });
    expect((await resolveLinkSession(db, token)).kind).toBe("revoked");
  });

  test("unknown and malformed tokens are not found", async () => {
    expect((await resolveLinkSession(db, "A".repeat(43))).kind).toBe("not_found");
    expect((await resolveLinkSession(db, "'; DROP TABLE customers; --")).kind).toBe(
      "not_found",
    );
  });

  test("first open is recorded once", async () => {
    await Promise.all([recordLinkOpened(db, session), recordLinkOpened(db, session)]);
    const events = await db.auditEvent.count({
      where: { linkSessionId: session.id, action: "link.opened" },
    });
    expect(events).toBe(1);
    const row = await db.linkSession.findUniqueOrThrow({ where: { id: session.id } });
    expect(row.status).toBe("in_progress");
    expect(row.openedAt).not.toBeNull();
  });

  test("completed steps survive a new resolution", async () => {
    await completeWizardStep(db, session, 1);
    const again = await resolveLinkSession(db, token);
    expect(again.kind === "active" && again.session.currentStep).toBe(2);
  });

  test("going back does not lower progress", async () => {
    await completeWizardStep(db, session, 2);
    const resolved = await resolveLinkSession(db, token);
    if (resolved.kind !== "active") throw new Error("link not active");
    await completeWizardStep(db, resolved.session, 1);
    const row = await db.linkSession.findUniqueOrThrow({ where: { id: session.id } });
    expect(row.currentStep).toBe(3);
  });
});

describe("credential submission", () => {
  test("valid credentials are stored encrypted and probed", async () => {
    const { session } = await openSession();
    const fullAccess = scenario("full-access");

    const result = await submitScenario(session, "full-access");

    expect(result.kind).toBe("stored");
    if (result.kind !== "stored") return;
    expect(result.run.outcome).toBe("all_granted");
    expect(result.run.categories.map((c) => c.id)).toEqual([...PERMISSION_CATEGORY_IDS]);
    expect(result.credential.tokenLastFour).toBe(fullAccess.token.slice(-4));
    expect(JSON.stringify(result)).not.toContain(fullAccess.token);

    const stored = await db.hibobCredential.findUniqueOrThrow({
      where: { customerId: session.customerId },
    });
    expect(stored.encryptedToken).not.toContain(fullAccess.token);
    expect(stored.keyId).toBe("test-key");
    expect(decryptCredentialToken(stored, [key])).toBe(fullAccess.token);

    const row = await db.linkSession.findUniqueOrThrow({ where: { id: session.id } });
    expect(row.status).toBe("submitted");
    expect(row.currentStep).toBe(3);
  });

  test("audit log never holds the token", async () => {
    const { session } = await openSession();
    const fullAccess = scenario("full-access");
    await submitScenario(session, "full-access");
    const events = await db.auditEvent.findMany({ where: { linkSessionId: session.id } });
    expect(events.map((event) => event.action)).toEqual(
      expect.arrayContaining(["credentials.stored", "probe.completed"]),
    );
    expect(
      JSON.stringify(events, (_k, v) => (typeof v === "bigint" ? String(v) : v)),
    ).not.toContain(fullAccess.token);
  });

  test("rejected credentials are not stored", async () => {
    const { session } = await openSession();
    const result = await submitScenario(session, "wrong-token");

    expect(result).toMatchObject({ kind: "rejected", outcome: "invalid_credentials" });
    expect(
      await db.hibobCredential.findUnique({ where: { customerId: session.customerId } }),
    ).toBeNull();
    const run = await db.probeRun.findFirstOrThrow({
      where: { linkSessionId: session.id },
    });
    expect(run.status).toBe("failed");
    expect(run.outcome).toBe("invalid_credentials");
  });

  test("unreachable HiBob stores nothing", async () => {
    const { session } = await openSession();
    const result = await submitScenario(session, "full-access", {
      baseUrl: "http://127.0.0.1:9/v1",
    });
    expect(result).toMatchObject({ kind: "rejected", outcome: "unreachable" });
    expect(
      await db.hibobCredential.findUnique({ where: { customerId: session.customerId } }),
    ).toBeNull();
  });

  test("replacement keeps old credentials until accepted", async () => {
    const { session } = await openSession();
    const fullAccess = scenario("full-access");
    await submitScenario(session, "full-access");
    await submitScenario(session, "wrong-token");
    const stored = await db.hibobCredential.findUniqueOrThrow({
      where: { customerId: session.customerId },
    });
    expect(decryptCredentialToken(stored, [key])).toBe(fullAccess.token);
    expect((await getLatestProbeRun(db, session.customerId))?.outcome).toBe(
      "all_granted",
    );
  });

  test("same credentials again change nothing", async () => {
    const { session } = await openSession();
    const first = await submitScenario(session, "full-access");
    const second = await submitScenario(session, "full-access");

    expect(first.kind).toBe("stored");
    expect(second.kind).toBe("stored");
    const stored = await db.hibobCredential.findUniqueOrThrow({
      where: { customerId: session.customerId },
    });
    expect(stored.rotatedAt).toBeNull();
    const actions = (
      await db.auditEvent.findMany({ where: { linkSessionId: session.id } })
    ).map((event) => event.action);
    expect(actions.filter((action) => action === "credentials.stored")).toHaveLength(1);
    expect(actions).not.toContain("credentials.replaced");
  });

  test("failure cap holds for parallel submits", async () => {
    const { session } = await openSession();
    const { serviceUserId, token } = scenario("wrong-token");
    const limiter = new RateLimiter(new PostgresRateLimitStore(db));
    const cap = { name: `test-failures-${session.id}`, limit: 2, windowMs: 60 * 60_000 };

    const submit = () =>
      submitCredentials(db, {
        session,
        serviceUserId,
        token,
        key,
        connection,
        beforeCheck: async () =>
          (await limiter.check(cap, session.id)).allowed ? null : "paused",
        onInvalidCredentials: () => limiter.record(cap, session.id),
      });
    const results = [];
    for (let round = 0; round < 4; round += 1) {
      results.push(...(await Promise.all(Array.from({ length: 4 }, submit))));
    }

    const rejected = await db.probeRun.count({
      where: { linkSessionId: session.id, outcome: "invalid_credentials" },
    });
    expect(rejected).toBe(cap.limit);
    expect(
      results.some((result) => result.kind === "busy" && result.message === "paused"),
    ).toBe(true);
    // Refused submissions leave no run behind.
    expect(await db.probeRun.count({ where: { linkSessionId: session.id } })).toBe(
      cap.limit,
    );
  });

  test("rejected replacement keeps the stage", async () => {
    const { session } = await openSession();
    await submitScenario(session, "personal-view-only");
    await submitScenario(session, "wrong-token");
    const customer = await db.customer.findUniqueOrThrow({
      where: { id: session.customerId },
    });
    expect(customer.stage).toBe("missing_permissions");
    expect(customer.latestProbeOutcome).toBe("missing_permissions");
  });

  test("first rejection sets invalid credentials", async () => {
    const { session } = await openSession();
    await submitScenario(session, "wrong-token");
    const customer = await db.customer.findUniqueOrThrow({
      where: { id: session.customerId },
    });
    expect(customer.stage).toBe("invalid_credentials");
  });

  test("re-check probes with stored credentials", async () => {
    const { session } = await openSession();
    await submitScenario(session, "personal-view-only");

    const run = await recheckPermissions(db, {
      customerId: session.customerId,
      linkSessionId: session.id,
      requiredCategories: session.requiredCategories,
      keys: [key],
      connection,
      trigger: "wizard_recheck",
      actor: { type: "hr_admin" },
    });

    expect(run.outcome).toBe("missing_permissions");
    const personalResult = run.categories.find((category) => category.id === "personal");
    expect(personalResult?.status).toBe("partial");
    expect(personalResult?.missing).toEqual(["edit"]);
    expect(personalResult?.fix).toContain("Edit selected employees' Personal sections");
    expect(await db.probeRun.count({ where: { customerId: session.customerId } })).toBe(
      2,
    );
  });

  test("re-check with an unknown key fails clearly", async () => {
    const { session } = await openSession();
    await submitScenario(session, "full-access");
    await expect(
      recheckPermissions(db, {
        customerId: session.customerId,
        linkSessionId: session.id,
        requiredCategories: session.requiredCategories,
        keys: [generateEncryptionKey("another-key")],
        connection,
        trigger: "wizard_recheck",
        actor: { type: "hr_admin" },
      }),
    ).rejects.toThrow(/encrypted with key "test-key", which is not configured/);
  });

  test("only required categories are probed", async () => {
    const customer = await db.customer.create({ data: { companyName: "Subset Ltd" } });
    const { token } = await createLinkSession(db, {
      customerId: customer.id,
      requiredCategories: ["work", "basic_info"],
      ttlDays: 1,
    });
    const resolution = await resolveLinkSession(db, token);
    if (resolution.kind !== "active") throw new Error("link not active");
    const result = await submitScenario(resolution.session, "full-access");
    expect(result.kind === "stored" && result.run.categories.map((c) => c.id)).toEqual([
      "basic_info",
      "work",
    ]);
  });
});
