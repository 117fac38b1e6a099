// HiBob failures seen from the wizard's server code: every probe run ends in
// a recorded state with a message for the HR admin, nothing is half written,
// a double submit stores one credential, and runs left by a crash are closed.
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";

import { generateEncryptionKey } from "@/lib/crypto/secret-box";
import type { Database } from "@/lib/db/types";
import { PERMISSION_CATEGORY_IDS } from "@/lib/hibob/categories";
import {
  createLinkSession,
  resolveLinkSession,
  type ActiveLinkSession,
} from "@/lib/link-sessions/service";
import { runProbe } from "@/lib/probe/engine";
import { INTERRUPTED_RUN_MESSAGE, markInterruptedRuns } from "@/lib/probe-runs/recovery";
import {
  recheckPermissions,
  submitCredentials,
  type HibobConnection,
} from "@/lib/probe-runs/service";
import type { FaultConfig } from "@/simulator/faults";
import { findScenario } from "@/simulator/scenarios";
import { startSimulator } from "@/simulator/server";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { recordSecurityFigure } from "../support/security-figures";

const key = generateEncryptionKey("faults");
const fullAccess = findScenario("full-access")!;
let database: TestDatabase;
let db: Database;
let simulator: Awaited<ReturnType<typeof startSimulator>>;
let connection: HibobConnection;

beforeAll(async () => {
  [database, simulator] = await Promise.all([
    createTestDatabase({ label: "faults" }),
    startSimulator({ port: 0 }),
  ]);
  db = database.prisma;
  connection = { baseUrl: simulator.baseUrl, timeoutMs: 1_000, runProbe };
});

afterEach(async () => {
  const injected = await fetch(`${simulator.url}/__simulator/fault`).then(
    (response) => response.json() as Promise<{ injected: number }>,
  );
  recordSecurityFigure("faultsInjected", injected.injected);
  simulator.setFault({ mode: "none" });
});

afterAll(async () => {
  await Promise.all([database?.close(), simulator?.close()]);
});

async function openSession(): Promise<ActiveLinkSession> {
  const customer = await db.customer.create({ data: { companyName: "Faulty Ltd" } });
  const { token } = await createLinkSession(db, {
    customerId: customer.id,
    requiredCategories: PERMISSION_CATEGORY_IDS,
    ttlDays: 14,
  });
  const resolution = await resolveLinkSession(db, token);
  if (resolution.kind !== "active") {
    throw new Error(`new link resolved as ${resolution.kind}`);
  }
  return resolution.session;
}

function submit(session: ActiveLinkSession) {
  return submitCredentials(db, {
    session,
    serviceUserId: fullAccess.serviceUserId,
    token: fullAccess.token,
    key,
    connection,
  });
}

const failingFaults: { name: string; fault: FaultConfig; outcome: string }[] = [
  { name: "timeout", fault: { mode: "timeout" }, outcome: "timed_out" },
  { name: "server error", fault: { mode: "server-error" }, outcome: "unreachable" },
  {
    name: "dropped connection",
    fault: { mode: "drop-connection" },
    outcome: "unreachable",
  },
  {
    name: "429 burst",
    fault: { mode: "rate-limit-burst", retryAfterSeconds: 30 },
    outcome: "rate_limited",
  },
];

describe("probe runs under HiBob faults", () => {
  test.each(failingFaults)(
    "$name ends recorded, nothing stored",
    async ({ fault, outcome }) => {
      const session = await openSession();
      simulator.setFault(fault);

      const result = await submit(session);

      expect(result.kind).toBe("rejected");
      const runs = await db.probeRun.findMany({ where: { linkSessionId: session.id } });
      expect(runs).toHaveLength(1);
      expect(runs[0]?.status).toBe("failed");
      expect(runs[0]?.finishedAt).not.toBeNull();
      if (outcome !== "unreachable") {
        expect(runs[0]?.outcome).toBe(outcome);
      } else {
        expect(["unreachable", "error"]).toContain(runs[0]?.outcome);
      }
      expect(runs[0]?.summary).toMatch(
        /Nothing was changed in HiBob and no data was lost/,
      );
      expect(runs[0]?.summary).not.toContain(fullAccess.token);
      expect(
        await db.hibobCredential.count({ where: { customerId: session.customerId } }),
      ).toBe(0);
    },
  );

  test("slow answers still complete", async () => {
    const session = await openSession();
    simulator.setFault({ mode: "slow", delayMs: 300 });
    const result = await submit(session);
    expect(result.kind).toBe("stored");
    expect(result.kind === "stored" && result.run.outcome).toBe("all_granted");
  });

  test("short 429 burst is waited out", async () => {
    const session = await openSession();
    simulator.setFault({
      mode: "rate-limit-burst",
      pathPrefix: "/v1/people/search",
      count: 1,
      retryAfterSeconds: 1,
    });
    const result = await submitCredentials(db, {
      session,
      serviceUserId: fullAccess.serviceUserId,
      token: fullAccess.token,
      key,
      connection: { ...connection, timeoutMs: 5_000 },
    });
    expect(result.kind === "stored" && result.run.outcome).toBe("all_granted");
  });

  test("failed re-check keeps stored credentials", async () => {
    const session = await openSession();
    await submit(session);
    simulator.setFault({ mode: "server-error" });

    const run = await recheckPermissions(db, {
      customerId: session.customerId,
      linkSessionId: session.id,
      requiredCategories: session.requiredCategories,
      keys: [key],
      connection,
      trigger: "wizard_recheck",
      actor: { type: "hr_admin" },
    });

    expect(run.status).toBe("failed");
    expect(
      await db.hibobCredential.count({ where: { customerId: session.customerId } }),
    ).toBe(1);
  });
});

describe("double submit", () => {
  test("stores one credential and runs one check", async () => {
    const session = await openSession();
    simulator.setFault({ mode: "slow", delayMs: 300 });

    const results = await Promise.all([submit(session), submit(session)]);

    expect(results.map((result) => result.kind).sort()).toEqual(["busy", "stored"]);
    expect(
      await db.hibobCredential.count({ where: { customerId: session.customerId } }),
    ).toBe(1);
    expect(await db.probeRun.count({ where: { customerId: session.customerId } })).toBe(
      1,
    );
  });

  test("sequential re-checks give the same result", async () => {
    const session = await openSession();
    await submit(session);
    const recheck = () =>
      recheckPermissions(db, {
        customerId: session.customerId,
        linkSessionId: session.id,
        requiredCategories: session.requiredCategories,
        keys: [key],
        connection,
        trigger: "wizard_recheck",
        actor: { type: "hr_admin" },
      });
    const first = await recheck();
    const second = await recheck();
    expect(second.categories).toEqual(first.categories);
    expect(second.outcome).toBe(first.outcome);
  });
});

describe("markInterruptedRuns", () => {
  test("closes runs a crash left running", async () => {
    const session = await openSession();
    const stale = await db.probeRun.create({
      data: {
        customerId: session.customerId,
        linkSessionId: session.id,
        trigger: "wizard_submit",
        status: "running",
        startedAt: new Date(Date.now() - 10 * 60 * 1000),
      },
    });
    const fresh = await db.probeRun.create({
      data: {
        customerId: session.customerId,
        trigger: "wizard_submit",
        status: "running",
      },
    });

    const marked = await markInterruptedRuns(db);

    expect(marked).toBeGreaterThanOrEqual(1);
    const staleAfter = await db.probeRun.findUniqueOrThrow({ where: { id: stale.id } });
    expect(staleAfter.status).toBe("failed");
    expect(staleAfter.summary).toBe(INTERRUPTED_RUN_MESSAGE);
    const freshAfter = await db.probeRun.findUniqueOrThrow({ where: { id: fresh.id } });
    expect(freshAfter.status).toBe("running");
  });
});
