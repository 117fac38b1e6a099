import { afterEach, describe, expect, test } from "vitest";

import { checkHealth } from "@/lib/health";

import { createTestDatabase, type TestDatabase } from "../support/database";

let database: TestDatabase | undefined;

afterEach(async () => {
  await database?.close();
  database = undefined;
});

describe("checkHealth", () => {
  test("migrated database is ok", async () => {
    database = await createTestDatabase({ label: "health" });
    const report = await checkHealth(database.prisma);
    expect(report.status).toBe("ok");
    expect(report.database.reachable).toBe(true);
    expect(report.migrations?.upToDate).toBe(true);
    expect(report.migrations?.pending).toEqual([]);
  });

  test("unmigrated database is degraded", async () => {
    database = await createTestDatabase({ label: "health", migrate: false });
    const report = await checkHealth(database.prisma);
    expect(report.status).toBe("degraded");
    expect(report.migrations?.upToDate).toBe(false);
    expect(report.migrations?.pending.length).toBeGreaterThan(0);
  });

  test("closed database is down", async () => {
    database = await createTestDatabase({ label: "health" });
    const prisma = database.prisma;
    await database.close();
    database = undefined;
    const report = await checkHealth(prisma);
    expect(report.status).toBe("down");
    expect(report.database.reachable).toBe(false);
  });
});
