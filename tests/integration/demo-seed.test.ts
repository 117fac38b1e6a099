// The local run's demo data against a real database: links are reused while
// valid, and a customer never ends up with two open links.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { seedDemoCustomers, type DemoScenario } from "@/lib/demo/seed-demo";
import { PERMISSION_CATEGORY_IDS } from "@/lib/hibob/categories";
import { createLinkSession } from "@/lib/link-sessions/service";

import { createTestDatabase, type TestDatabase } from "../support/database";

const SCENARIO: DemoScenario = {
  id: "full-access",
  label: "Full access",
  description: "Every permission.",
  serviceUserId: "SERVICE-DEMO01",
  token: "demo-token-not-secret",
};

let database: TestDatabase;
let dataDir: string;

function seed() {
  return seedDemoCustomers(database.prisma, {
    scenarios: [SCENARIO],
    appUrl: "http://127.0.0.1:3000",
    dataDir,
    linkTtlDays: 14,
  });
}

beforeAll(async () => {
  database = await createTestDatabase({ label: "demo_seed" });
  dataDir = mkdtempSync(path.join(tmpdir(), "demo-seed-"));
});

afterAll(async () => {
  await database?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("seedDemoCustomers", () => {
  test("a second run reuses the link", async () => {
    const [first] = await seed();
    const [second] = await seed();
    expect(second?.url).toBe(first?.url);
    expect(second?.customerId).toBe(first?.customerId);
  });

  test("a link issued by staff is replaced, not doubled", async () => {
    const [before] = await seed();
    const customerId = before?.customerId ?? "";
    // As a reopen does: the demo link is revoked and a new one issued.
    await database.prisma.linkSession.updateMany({
      where: { customerId },
      data: { status: "revoked", revokedAt: new Date() },
    });
    await createLinkSession(database.prisma, {
      customerId,
      requiredCategories: [...PERMISSION_CATEGORY_IDS],
      ttlDays: 14,
    });

    const [after] = await seed();
    expect(after?.url).not.toBe(before?.url);
    const open = await database.prisma.linkSession.count({
      where: { customerId, status: { not: "revoked" } },
    });
    expect(open).toBe(1);
  });
});
