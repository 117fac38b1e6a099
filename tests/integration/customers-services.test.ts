// The staff console's customer services against a real database (PGlite, or
// PostgreSQL when TEST_DATABASE_URL is set) and the HiBob simulator over HTTP:
// creating a customer, reopening (recheck and relink), re-running the probe,
// emailing a link and the customer page's data.
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { createCustomer } from "@/lib/customers/create";
import { getCustomerDetail } from "@/lib/customers/detail";
import { CustomerActionError, CustomerNotFoundError } from "@/lib/customers/errors";
import {
  composeSetupLinkEmail,
  emailSetupLink,
  type MailMessage,
} from "@/lib/customers/link-email";
import { reopenCustomer } from "@/lib/customers/reopen";
import { NO_CREDENTIALS_MESSAGE, rerunCustomerProbe } from "@/lib/customers/rerun";
import { generateEncryptionKey } from "@/lib/crypto/secret-box";
import type { Database } from "@/lib/db/types";
import {
  PERMISSION_CATEGORY_IDS,
  type PermissionCategoryId,
} from "@/lib/hibob/categories";
import {
  createLinkSession,
  resolveLinkSession,
  type ActiveLinkSession,
} from "@/lib/link-sessions/service";
import { runProbe } from "@/lib/probe/engine";
import { submitCredentials, type HibobConnection } from "@/lib/probe-runs/service";
import {
  createCustomerSchema,
  type CreateCustomerInput,
} from "@/lib/validation/staff-forms";
import { loadWizard } from "@/lib/wizard/load-wizard";
import { findScenario } from "@/simulator/scenarios";
import { startSimulator } from "@/simulator/server";

import { createTestDatabase, type TestDatabase } from "../support/database";

const key = generateEncryptionKey("test-key");
let database: TestDatabase;
let db: Database;
let simulator: Awaited<ReturnType<typeof startSimulator>>;
let connection: HibobConnection;
const staff = { csm: "", otherCsm: "", support: "", admin: "" };

beforeAll(async () => {
  [database, simulator] = await Promise.all([
    createTestDatabase({ label: "customers" }),
    startSimulator({ port: 0 }),
  ]);
  db = database.prisma;
  // loadWizard reads the application's shared client.
  (globalThis as { hibobConnectDb?: Database }).hibobConnectDb = db;
  connection = { baseUrl: simulator.baseUrl, timeoutMs: 10_000, runProbe };
  for (const [name, role] of [
    ["csm", "csm"],
    ["otherCsm", "csm"],
    ["support", "support"],
    ["admin", "admin"],
  ] as const) {
    const user = await db.user.create({
      data: {
        email: `${name.toLowerCase()}@vendor.example`,
        name: `Staff ${name}`,
        role,
      },
    });
    staff[name] = user.id;
  }
});

afterAll(async () => {
  delete (globalThis as { hibobConnectDb?: Database }).hibobConnectDb;
  await Promise.all([database?.close(), simulator?.close()]);
});

function scenario(id: string) {
  const found = findScenario(id);
  if (!found) {
    throw new Error(`unknown scenario ${id}`);
  }
  return found;
}

function values(overrides: Partial<CreateCustomerInput> = {}) {
  return createCustomerSchema.parse({
    companyName: "Acme Test Ltd",
    hrAdminEmail: "hr@acme.example",
    hibobEnvironment: "production",
    requiredCategories: PERMISSION_CATEGORY_IDS.filter((id) => id !== "basic_info"),
    ownerId: "",
    linkTtlDays: 14,
    emailLink: false,
    ...overrides,
  });
}

async function activeSession(token: string): Promise<ActiveLinkSession> {
  const resolution = await resolveLinkSession(db, token);
  if (resolution.kind !== "active") {
    throw new Error(`link resolved as ${resolution.kind}`);
  }
  return resolution.session;
}

/** Creates a customer owned by the CSM whose HR admin stored a scenario's credentials. */
async function connectedCustomer(
  scenarioId = "full-access",
  requiredCategories: readonly PermissionCategoryId[] = PERMISSION_CATEGORY_IDS,
) {
  const customer = await db.customer.create({
    data: { companyName: `Connected ${scenarioId}`, ownerId: staff.csm },
  });
  const { token } = await createLinkSession(db, {
    customerId: customer.id,
    requiredCategories,
    ttlDays: 14,
  });
  const { serviceUserId, token: hibobToken } = scenario(scenarioId);
  const result = await submitCredentials(db, {
    session: await activeSession(token),
    serviceUserId,
    token: hibobToken,
    key,
    connection,
  });
  if (result.kind !== "stored") {
    throw new Error(`credentials were not stored: ${result.kind}`);
  }
  return { customerId: customer.id, token };
}

const connectionFor = () => connection;

function reopen(
  customerId: string,
  mode: "recheck" | "relink",
  actor: { id: string; role: "csm" | "support" | "admin" },
  reason = "HR admin rotated the token",
) {
  return reopenCustomer(db, {
    customerId,
    mode,
    reason,
    actor,
    ttlDays: 7,
    keys: [key],
    connectionFor,
  });
}

/** Counts the rows that staff actions write, to check that a refusal changed nothing. */
async function rowCounts() {
  const [customers, linkSessions, auditEvents, probeRuns, credentials] =
    await Promise.all([
      db.customer.count(),
      db.linkSession.count(),
      db.auditEvent.count(),
      db.probeRun.count(),
      db.hibobCredential.count(),
    ]);
  return { customers, linkSessions, auditEvents, probeRuns, credentials };
}

describe("createCustomer", () => {
  test("CSM creates and owns a customer", async () => {
    const created = await createCustomer(db, {
      values: values({ ownerId: staff.otherCsm }),
      actor: { id: staff.csm, role: "csm" },
    });

    const customer = await db.customer.findUniqueOrThrow({
      where: { id: created.customerId },
    });
    expect(customer.companyName).toBe("Acme Test Ltd");
    expect(customer.hrAdminEmail).toBe("hr@acme.example");
    expect(customer.ownerId).toBe(staff.csm);
    expect(customer.stage).toBe("link_sent");
    expect(customer.linkExpiresAt?.getTime()).toBe(created.expiresAt.getTime());
  });

  test("new link opens the wizard with every category", async () => {
    const created = await createCustomer(db, {
      values: values(),
      actor: { id: staff.csm, role: "csm" },
    });
    const session = await activeSession(created.token);
    expect(session.customerId).toBe(created.customerId);
    expect(session.requiredCategories).toEqual([...PERMISSION_CATEGORY_IDS]);
    const row = await db.linkSession.findUniqueOrThrow({ where: { id: session.id } });
    expect(row.mode).toBe("initial");
    expect(row.createdById).toBe(staff.csm);
    expect(row.tokenHash).not.toContain(created.token);
  });

  test("link validity follows the form", async () => {
    const now = new Date("2026-12-01T00:00:00Z");
    const created = await createCustomer(db, {
      values: values({ linkTtlDays: 3 }),
      actor: { id: staff.csm, role: "csm" },
      now,
    });
    expect(created.expiresAt.toISOString()).toBe("2026-12-04T00:00:00.000Z");
  });

  test("chosen categories plus basic info", async () => {
    const created = await createCustomer(db, {
      values: values({ requiredCategories: ["work"] }),
      actor: { id: staff.csm, role: "csm" },
    });
    expect((await activeSession(created.token)).requiredCategories).toEqual([
      "basic_info",
      "work",
    ]);
  });

  test("audit records customer and link", async () => {
    const created = await createCustomer(db, {
      values: values(),
      actor: { id: staff.csm, role: "csm" },
    });
    const events = await db.auditEvent.findMany({
      where: { customerId: created.customerId },
      orderBy: { id: "asc" },
    });
    expect(events.map((event) => event.action)).toEqual([
      "customer.created",
      "link.created",
    ]);
    for (const event of events) {
      expect(event.actorType).toBe("staff");
      expect(event.actorId).toBe(staff.csm);
    }
    expect(events[1]?.linkSessionId).toBe(created.linkSessionId);
    expect(
      JSON.stringify(events, (_k, v) => (typeof v === "bigint" ? String(v) : v)),
    ).not.toContain(created.token);
  });

  test("admin assigns a CSM", async () => {
    const created = await createCustomer(db, {
      values: values({ ownerId: staff.otherCsm }),
      actor: { id: staff.admin, role: "admin" },
    });
    const customer = await db.customer.findUniqueOrThrow({
      where: { id: created.customerId },
    });
    expect(customer.ownerId).toBe(staff.otherCsm);
  });

  test("admin leaves a customer unassigned", async () => {
    const created = await createCustomer(db, {
      values: values({ ownerId: "" }),
      actor: { id: staff.admin, role: "admin" },
    });
    const customer = await db.customer.findUniqueOrThrow({
      where: { id: created.customerId },
    });
    expect(customer.ownerId).toBeNull();
  });

  test("owner must be an active CSM", async () => {
    const before = await rowCounts();
    for (const ownerId of [staff.support, "no-such-user"]) {
      const error = await createCustomer(db, {
        values: values({ ownerId }),
        actor: { id: staff.admin, role: "admin" },
      }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(CustomerActionError);
      expect((error as CustomerActionError).fieldErrors?.ownerId).toMatch(/CSM/);
    }
    expect(await rowCounts()).toEqual(before);
  });
});

describe("reopenCustomer", () => {
  test("recheck revokes old links and checks again", async () => {
    const { customerId, token: oldToken } = await connectedCustomer();

    const reopened = await reopen(customerId, "recheck", {
      id: staff.support,
      role: "support",
    });

    expect((await resolveLinkSession(db, oldToken)).kind).toBe("revoked");
    const session = await activeSession(reopened.token);
    expect(session.customerId).toBe(customerId);
    const row = await db.linkSession.findUniqueOrThrow({ where: { id: session.id } });
    expect(row.mode).toBe("recheck");
    expect(row.reopenReason).toBe("HR admin rotated the token");
    expect(row.createdById).toBe(staff.support);

    expect(reopened.recheck?.outcome).toBe("all_granted");
    const run = await db.probeRun.findUniqueOrThrow({
      where: { id: reopened.recheck?.id ?? "" },
    });
    expect(run.trigger).toBe("staff");
    expect(run.linkSessionId).toBe(reopened.linkSessionId);

    const customer = await db.customer.findUniqueOrThrow({ where: { id: customerId } });
    expect(customer.stage).toBe("connected");
    expect(customer.linkExpiresAt?.getTime()).toBe(reopened.expiresAt.getTime());
  });

  test("reopen is audited with mode and reason", async () => {
    const { customerId } = await connectedCustomer();
    const reopened = await reopen(customerId, "recheck", {
      id: staff.admin,
      role: "admin",
    });

    const reopenedEvent = await db.auditEvent.findFirstOrThrow({
      where: { customerId, action: "link.reopened" },
    });
    expect(reopenedEvent.actorType).toBe("staff");
    expect(reopenedEvent.actorId).toBe(staff.admin);
    expect(reopenedEvent.linkSessionId).toBe(reopened.linkSessionId);
    expect(reopenedEvent.details).toMatchObject({
      mode: "recheck",
      reason: "HR admin rotated the token",
    });
    expect(reopened.revokedLinkSessionIds).toHaveLength(1);

    const recheckEvent = await db.auditEvent.findFirstOrThrow({
      where: { customerId, action: "probe.rechecked" },
    });
    expect(recheckEvent.actorType).toBe("staff");
    expect(recheckEvent.actorId).toBe(staff.admin);
  });

  test("reopen keeps the newest link's categories", async () => {
    const { customerId } = await connectedCustomer("full-access", ["basic_info", "work"]);
    const reopened = await reopen(customerId, "relink", { id: staff.csm, role: "csm" });
    expect((await activeSession(reopened.token)).requiredCategories).toEqual([
      "basic_info",
      "work",
    ]);
  });

  test("every earlier link is revoked", async () => {
    const { customerId, token: first } = await connectedCustomer();
    const second = await reopen(customerId, "relink", { id: staff.csm, role: "csm" });
    const third = await reopen(customerId, "relink", { id: staff.csm, role: "csm" });

    expect((await resolveLinkSession(db, first)).kind).toBe("revoked");
    expect((await resolveLinkSession(db, second.token)).kind).toBe("revoked");
    expect((await resolveLinkSession(db, third.token)).kind).toBe("active");
    const active = await db.linkSession.count({
      where: { customerId, status: { not: "revoked" } },
    });
    expect(active).toBe(1);
    const revoked = await db.linkSession.findMany({
      where: { customerId, status: "revoked" },
    });
    expect(revoked.every((session) => session.revokedAt !== null)).toBe(true);
  });

  test("unopened relink shows as reopened", async () => {
    const { customerId } = await connectedCustomer();
    await reopen(customerId, "relink", { id: staff.csm, role: "csm" });
    const customer = await db.customer.findUniqueOrThrow({ where: { id: customerId } });
    expect(customer.stage).toBe("reopened");
  });

  test("other CSM is refused and nothing changes", async () => {
    const { customerId, token } = await connectedCustomer();
    const before = await rowCounts();

    await expect(
      reopen(customerId, "relink", { id: staff.otherCsm, role: "csm" }),
    ).rejects.toBeInstanceOf(CustomerActionError);

    expect(await rowCounts()).toEqual(before);
    expect((await resolveLinkSession(db, token)).kind).toBe("active");
  });

  test("recheck without credentials is refused", async () => {
    const created = await createCustomer(db, {
      values: values(),
      actor: { id: staff.csm, role: "csm" },
    });
    const before = await rowCounts();

    const error = await reopen(created.customerId, "recheck", {
      id: staff.support,
      role: "support",
    }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(CustomerActionError);
    expect((error as CustomerActionError).fieldErrors?.mode).toMatch(/new credentials/);
    expect(await rowCounts()).toEqual(before);
    expect((await resolveLinkSession(db, created.token)).kind).toBe("active");
  });

  test("unknown customer is not found", async () => {
    await expect(
      reopen("00000000-0000-4000-8000-000000000000", "relink", {
        id: staff.admin,
        role: "admin",
      }),
    ).rejects.toBeInstanceOf(CustomerNotFoundError);
  });

  test("concurrent reopens leave one active link", async () => {
    const { customerId } = await connectedCustomer();
    await Promise.all([
      reopen(customerId, "relink", { id: staff.support, role: "support" }),
      reopen(customerId, "relink", { id: staff.admin, role: "admin" }),
    ]);
    const active = await db.linkSession.count({
      where: { customerId, status: { not: "revoked" } },
    });
    expect(active).toBe(1);
  });
});

describe("relink", () => {
  test("old credentials stay until new ones authenticate", async () => {
    const { customerId } = await connectedCustomer("full-access");
    const original = await db.hibobCredential.findUniqueOrThrow({
      where: { customerId },
    });

    const reopened = await reopen(customerId, "relink", {
      id: staff.support,
      role: "support",
    });
    const session = await activeSession(reopened.token);

    const wrong = scenario("wrong-token");
    const rejected = await submitCredentials(db, {
      session,
      serviceUserId: wrong.serviceUserId,
      token: wrong.token,
      key,
      connection,
    });
    expect(rejected.kind).toBe("rejected");
    const afterRejection = await db.hibobCredential.findUniqueOrThrow({
      where: { customerId },
    });
    expect(afterRejection.serviceUserId).toBe(original.serviceUserId);
    expect(afterRejection.encryptedToken).toBe(original.encryptedToken);
    expect(afterRejection.rotatedAt).toBeNull();

    const replacement = scenario("personal-view-only");
    const stored = await submitCredentials(db, {
      session: await activeSession(reopened.token),
      serviceUserId: replacement.serviceUserId,
      token: replacement.token,
      key,
      connection,
    });
    expect(stored.kind).toBe("stored");
    const replaced = await db.hibobCredential.findMany({ where: { customerId } });
    expect(replaced).toHaveLength(1);
    expect(replaced[0]?.id).toBe(original.id);
    expect(replaced[0]?.serviceUserId).toBe(replacement.serviceUserId);
    expect(replaced[0]?.encryptedToken).not.toBe(original.encryptedToken);
    expect(replaced[0]?.rotatedAt).not.toBeNull();

    const customer = await db.customer.findUniqueOrThrow({ where: { id: customerId } });
    expect(customer.stage).toBe("missing_permissions");
  });

  test("wizard asks for new credentials until submitted", async () => {
    const { customerId } = await connectedCustomer("full-access");
    const reopened = await reopen(customerId, "relink", {
      id: staff.support,
      role: "support",
    });

    const before = await loadWizard(reopened.token);
    if (before.kind !== "active") {
      throw new Error(`relink link resolved as ${before.kind}`);
    }
    expect(before.credential).toBeNull();

    const replacement = scenario("work-no-history");
    await submitCredentials(db, {
      session: await activeSession(reopened.token),
      serviceUserId: replacement.serviceUserId,
      token: replacement.token,
      key,
      connection,
    });

    const after = await loadWizard(reopened.token);
    if (after.kind !== "active") {
      throw new Error(`relink link resolved as ${after.kind}`);
    }
    expect(after.credential?.serviceUserId).toBe(replacement.serviceUserId);
  });

  test("recheck link shows stored credentials", async () => {
    const { customerId } = await connectedCustomer("full-access");
    const reopened = await reopen(customerId, "recheck", {
      id: staff.support,
      role: "support",
    });
    const state = await loadWizard(reopened.token);
    if (state.kind !== "active") {
      throw new Error(`recheck link resolved as ${state.kind}`);
    }
    expect(state.credential?.serviceUserId).toBe(scenario("full-access").serviceUserId);
  });

  test("replaced link shows as revoked in the wizard", async () => {
    const { customerId, token } = await connectedCustomer("full-access");
    await reopen(customerId, "relink", { id: staff.support, role: "support" });
    expect((await loadWizard(token)).kind).toBe("revoked");
  });
});

describe("rerunCustomerProbe", () => {
  test("support re-runs with stored credentials", async () => {
    const { customerId } = await connectedCustomer("personal-view-only");

    const run = await rerunCustomerProbe(db, {
      customerId,
      actor: { id: staff.support, role: "support" },
      keys: [key],
      connectionFor,
    });

    expect(run.outcome).toBe("missing_permissions");
    expect(run.categories.find((category) => category.id === "personal")?.status).toBe(
      "partial",
    );
    const row = await db.probeRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(row.trigger).toBe("staff");
    const event = await db.auditEvent.findFirstOrThrow({
      where: { customerId, action: "probe.rechecked" },
    });
    expect(event.actorType).toBe("staff");
    expect(event.actorId).toBe(staff.support);
    expect(event.details).toMatchObject({
      probeRunId: run.id,
      outcome: "missing_permissions",
    });
    const customer = await db.customer.findUniqueOrThrow({ where: { id: customerId } });
    expect(customer.latestProbeRunId).toBe(run.id);
  });

  test("owning CSM may re-run", async () => {
    const { customerId } = await connectedCustomer();
    const run = await rerunCustomerProbe(db, {
      customerId,
      actor: { id: staff.csm, role: "csm" },
      keys: [key],
      connectionFor,
    });
    expect(run.outcome).toBe("all_granted");
  });

  test("other CSM is refused", async () => {
    const { customerId } = await connectedCustomer();
    const before = await rowCounts();
    await expect(
      rerunCustomerProbe(db, {
        customerId,
        actor: { id: staff.otherCsm, role: "csm" },
        keys: [key],
        connectionFor,
      }),
    ).rejects.toBeInstanceOf(CustomerActionError);
    expect(await rowCounts()).toEqual(before);
  });

  test("no stored credentials gives a clear message", async () => {
    const created = await createCustomer(db, {
      values: values(),
      actor: { id: staff.csm, role: "csm" },
    });
    await expect(
      rerunCustomerProbe(db, {
        customerId: created.customerId,
        actor: { id: staff.admin, role: "admin" },
        keys: [key],
        connectionFor,
      }),
    ).rejects.toThrow(NO_CREDENTIALS_MESSAGE);
  });

  test("missing key is reported by name", async () => {
    const { customerId } = await connectedCustomer();
    await expect(
      rerunCustomerProbe(db, {
        customerId,
        actor: { id: staff.admin, role: "admin" },
        keys: [generateEncryptionKey("another-key")],
        connectionFor,
      }),
    ).rejects.toThrow(/"test-key"/);
  });
});

describe("emailSetupLink", () => {
  test("sent email is audited", async () => {
    const created = await createCustomer(db, {
      values: values(),
      actor: { id: staff.csm, role: "csm" },
    });
    const sent: MailMessage[] = [];
    const result = await emailSetupLink(db, {
      customerId: created.customerId,
      linkSessionId: created.linkSessionId,
      actorId: staff.csm,
      to: "hr@acme.example",
      companyName: "Acme Test Ltd",
      linkUrl: `http://127.0.0.1/link/${created.token}`,
      expiresAt: created.expiresAt,
      mode: "initial",
      sender: { name: "Staff csm", email: "csm@vendor.example" },
      mailer: async (message) => {
        sent.push(message);
      },
    });

    expect(result).toEqual({ emailed: true });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.to).toBe("hr@acme.example");
    expect(sent[0]?.text).toContain(`/link/${created.token}`);
    const event = await db.auditEvent.findFirstOrThrow({
      where: { customerId: created.customerId, action: "link.emailed" },
    });
    expect(event.actorId).toBe(staff.csm);
    expect(event.details).toMatchObject({ to: "hr@acme.example" });
    expect(JSON.stringify(event.details)).not.toContain(created.token);
  });

  test("failed email is reported, not audited", async () => {
    const created = await createCustomer(db, {
      values: values(),
      actor: { id: staff.csm, role: "csm" },
    });
    const result = await emailSetupLink(db, {
      customerId: created.customerId,
      linkSessionId: created.linkSessionId,
      actorId: staff.csm,
      to: "hr@acme.example",
      companyName: "Acme Test Ltd",
      linkUrl: `http://127.0.0.1/link/${created.token}`,
      expiresAt: created.expiresAt,
      mode: "initial",
      sender: { name: null, email: "csm@vendor.example" },
      mailer: async () => {
        throw new Error("connect ECONNREFUSED 127.0.0.1:2525");
      },
    });
    expect(result.emailed).toBe(false);
    expect(
      await db.auditEvent.count({
        where: { customerId: created.customerId, action: "link.emailed" },
      }),
    ).toBe(0);
  });

  test("message names link, expiry and contact", () => {
    const message = composeSetupLinkEmail({
      to: "hr@acme.example",
      companyName: "Acme <Test> Ltd",
      linkUrl: "http://127.0.0.1/link/abc",
      expiresAt: new Date("2026-12-18T09:30:00Z"),
      mode: "relink",
      sender: { name: "Casey", email: "casey@vendor.example" },
    });
    expect(message.subject).toBe("Connect Acme <Test> Ltd's HiBob account");
    expect(message.text).toContain("http://127.0.0.1/link/abc");
    expect(message.text).toContain("18 December 2026 at 09:30 UTC");
    expect(message.text).toContain("casey@vendor.example");
    expect(message.text).toContain("new service user details");
    expect(message.html).toContain("Acme &lt;Test&gt; Ltd");
    expect(message.html).not.toContain("<Test>");
  });
});

describe("getCustomerDetail", () => {
  test("credential metadata without secrets", async () => {
    const { customerId } = await connectedCustomer("full-access");
    const stored = await db.hibobCredential.findUniqueOrThrow({ where: { customerId } });

    const detail = await getCustomerDetail(db, customerId);

    expect(detail?.credential).toEqual({
      serviceUserId: scenario("full-access").serviceUserId,
      tokenLastFour: scenario("full-access").token.slice(-4),
      storedAt: stored.createdAt,
      rotatedAt: null,
    });
    const serialized = JSON.stringify(detail);
    expect(serialized).not.toContain(scenario("full-access").token);
    expect(serialized).not.toContain(stored.encryptedToken);
  });

  test("latest run per category", async () => {
    const { customerId } = await connectedCustomer("work-no-history");
    const detail = await getCustomerDetail(db, customerId);
    expect(detail?.latestRun?.categories.map((category) => category.id)).toEqual([
      ...PERMISSION_CATEGORY_IDS,
    ]);
    expect(
      detail?.latestRun?.categories.find((category) => category.id === "work")?.fix,
    ).toMatch(/histories/);
    expect(detail?.stage).toBe("missing_permissions");
  });

  test("timeline names actions and actors", async () => {
    const created = await createCustomer(db, {
      values: values({ companyName: "Timeline Ltd" }),
      actor: { id: staff.csm, role: "csm" },
    });
    const { serviceUserId, token } = scenario("full-access");
    await submitCredentials(db, {
      session: await activeSession(created.token),
      serviceUserId,
      token,
      key,
      connection,
    });
    await reopen(
      created.customerId,
      "relink",
      { id: staff.support, role: "support" },
      "Token leaked",
    );

    const detail = await getCustomerDetail(db, created.customerId);
    const timeline = detail?.timeline ?? [];
    expect(timeline.map((entry) => entry.action)).toEqual([
      "link.reopened",
      "probe.completed",
      "credentials.stored",
      "link.created",
      "customer.created",
    ]);
    expect(timeline[0]).toMatchObject({
      label: "Setup reopened with a new link",
      actor: "support@vendor.example",
    });
    expect(timeline[0]?.details).toEqual(
      expect.arrayContaining(["Reopened: enter new credentials", "Reason: Token leaked"]),
    );
    expect(timeline[1]).toMatchObject({ actor: "HR admin" });
    expect(timeline[1]?.details).toContain("Result: All permissions granted");
    expect(timeline[4]).toMatchObject({
      label: "Customer created",
      actor: "csm@vendor.example",
    });
    expect(detail?.linkSession).toMatchObject({
      mode: "relink",
      status: "pending",
      reopenReason: "Token leaked",
      currentStep: 1,
    });
  });

  test("owner and header fields", async () => {
    const created = await createCustomer(db, {
      values: values({ companyName: "Header GmbH", hibobEnvironment: "sandbox" }),
      actor: { id: staff.csm, role: "csm" },
    });
    const detail = await getCustomerDetail(db, created.customerId);
    expect(detail).toMatchObject({
      companyName: "Header GmbH",
      hrAdminEmail: "hr@acme.example",
      hibobEnvironment: "sandbox",
      stage: "link_sent",
      owner: { id: staff.csm, email: "csm@vendor.example" },
      credential: null,
      latestRun: null,
    });
  });

  test("expired link shows as expired", async () => {
    const created = await createCustomer(db, {
      values: values({ linkTtlDays: 1 }),
      actor: { id: staff.csm, role: "csm" },
    });
    const later = new Date(Date.now() + 2 * 24 * 3600 * 1000);
    const detail = await getCustomerDetail(db, created.customerId, later);
    expect(detail?.stage).toBe("expired");
    expect(detail?.linkSession?.expired).toBe(true);
  });

  test.each(["not-a-uuid", "00000000-0000-4000-8000-000000000000", ""])(
    "%j is not found",
    async (id) => {
      expect(await getCustomerDetail(db, id)).toBeNull();
    },
  );
});
