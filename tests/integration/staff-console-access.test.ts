// Every server action of the staff console, called as anonymous, as a CSM
// who owns the customer, as another CSM, as support and as an admin. Only
// the session cookie read is replaced. The guards look the session up in a
// real database. The actions run against the HiBob simulator and an SMTP
// capture server on 127.0.0.1.
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";

import {
  reopenCustomerAction,
  rerunProbeAction,
} from "@/app/staff/customers/[customerId]/actions";
import { createCustomerAction } from "@/app/staff/customers/new/actions";
import { generateEncryptionKey } from "@/lib/crypto/secret-box";
import type { Database } from "@/lib/db/types";
import { extractLinks, listCapturedMails } from "@/lib/dev-mail/mailbox";
import {
  startSmtpCaptureServer,
  type SmtpCaptureServer,
} from "@/lib/dev-mail/smtp-capture-server";
import type { StaffRole } from "@/lib/generated/prisma/enums";
import { PERMISSION_CATEGORY_IDS } from "@/lib/hibob/categories";
import { createLinkSession, resolveLinkSession } from "@/lib/link-sessions/service";
import { runProbe } from "@/lib/probe/engine";
import { submitCredentials } from "@/lib/probe-runs/service";
import type { CreateCustomerInput } from "@/lib/validation/staff-forms";
import { findScenario } from "@/simulator/scenarios";
import { startSimulator } from "@/simulator/server";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { recordSecurityFigure } from "../support/security-figures";

const session = vi.hoisted(() => ({ token: null as string | null }));

vi.mock("@/lib/auth/session-cookie", () => ({
  SESSION_COOKIE_NAMES: ["__Secure-authjs.session-token", "authjs.session-token"],
  readSessionTokenCookie: async () => session.token,
}));

type Caller = "anonymous" | "ownerCsm" | "otherCsm" | "support" | "admin";
type SignedInCaller = Exclude<Caller, "anonymous">;

const CALLER_ROLES: Record<SignedInCaller, StaffRole> = {
  ownerCsm: "csm",
  otherCsm: "csm",
  support: "support",
  admin: "admin",
};

const key = generateEncryptionKey("access-test");
let database: TestDatabase;
let db: Database;
let simulator: Awaited<ReturnType<typeof startSimulator>>;
let smtp: SmtpCaptureServer;
let mailboxDir: string;
const users = {} as Record<SignedInCaller, { id: string; token: string }>;

function actAs(caller: Caller): void {
  session.token = caller === "anonymous" ? null : users[caller].token;
}

beforeAll(async () => {
  mailboxDir = mkdtempSync(path.join(tmpdir(), "staff-console-mail-"));
  [database, simulator, smtp] = await Promise.all([
    createTestDatabase({ label: "staff_access" }),
    startSimulator({ port: 0 }),
    startSmtpCaptureServer({ mailboxDir, port: 0 }),
  ]);
  db = database.prisma;
  // The guards and the actions use the application's shared client.
  (globalThis as { hibobConnectDb?: Database }).hibobConnectDb = db;
  // getConfig() reads these on its first call, which comes after this hook.
  process.env.HIBOB_BASE_URL = simulator.baseUrl;
  process.env.HIBOB_SANDBOX_BASE_URL = simulator.baseUrl;
  process.env.CREDENTIAL_ENCRYPTION_KEY = key.key.toString("base64");
  process.env.CREDENTIAL_ENCRYPTION_KEY_ID = key.id;
  process.env.APP_URL = "http://127.0.0.1:3999";
  process.env.EMAIL_SERVER = smtp.url;

  for (const caller of Object.keys(CALLER_ROLES) as SignedInCaller[]) {
    const user = await db.user.create({
      data: {
        email: `${caller.toLowerCase()}@vendor.example`,
        name: `Staff ${caller}`,
        role: CALLER_ROLES[caller],
      },
    });
    const token = randomUUID();
    await db.session.create({
      data: {
        sessionToken: token,
        userId: user.id,
        expires: new Date(Date.now() + 24 * 3600 * 1000),
      },
    });
    users[caller] = { id: user.id, token };
  }
});

afterAll(async () => {
  delete (globalThis as { hibobConnectDb?: Database }).hibobConnectDb;
  await Promise.all([database?.close(), simulator?.close(), smtp?.close()]);
  rmSync(mailboxDir, { recursive: true, force: true });
});

beforeEach(() => {
  session.token = null;
});

/** Creates a customer owned by `ownerCsm` whose HR admin stored full-access credentials. */
async function connectedCustomer(): Promise<{ customerId: string; linkToken: string }> {
  const customer = await db.customer.create({
    data: {
      companyName: `Access ${randomBytes(4).toString("hex")}`,
      hrAdminEmail: "hr@access.example",
      ownerId: users.ownerCsm.id,
    },
  });
  const { token: linkToken } = await createLinkSession(db, {
    customerId: customer.id,
    requiredCategories: PERMISSION_CATEGORY_IDS,
    ttlDays: 14,
  });
  const resolution = await resolveLinkSession(db, linkToken);
  if (resolution.kind !== "active") {
    throw new Error(`new link resolved as ${resolution.kind}`);
  }
  const scenario = findScenario("full-access");
  if (!scenario) {
    throw new Error("the simulator has no full-access scenario");
  }
  const stored = await submitCredentials(db, {
    session: resolution.session,
    serviceUserId: scenario.serviceUserId,
    token: scenario.token,
    key,
    connection: { baseUrl: simulator.baseUrl, timeoutMs: 10_000, runProbe },
  });
  if (stored.kind !== "stored") {
    throw new Error(`credentials were not stored: ${stored.kind}`);
  }
  return { customerId: customer.id, linkToken };
}

/** Everything a staff action could write, to check that a refusal wrote nothing. */
async function snapshot() {
  const [customers, linkSessions, auditEvents, probeRuns, credentials] =
    await Promise.all([
      db.customer.findMany({ orderBy: { id: "asc" } }),
      db.linkSession.findMany({ orderBy: { id: "asc" } }),
      db.auditEvent.count(),
      db.probeRun.count(),
      db.hibobCredential.findMany({ orderBy: { id: "asc" } }),
    ]);
  return { customers, linkSessions, auditEvents, probeRuns, credentials };
}

function createInput(overrides: Partial<CreateCustomerInput> = {}): CreateCustomerInput {
  return {
    companyName: `Created ${randomBytes(4).toString("hex")}`,
    hrAdminEmail: "hr@created.example",
    hibobEnvironment: "production",
    requiredCategories: ["work", "employment"],
    ownerId: "",
    linkTtlDays: 10,
    emailLink: false,
    ...overrides,
  };
}

/** Returns the failure of an action result, or throws when the action succeeded. */
function failureOf<Result extends { ok: boolean }>(
  result: Result,
): Extract<Result, { ok: false }> {
  if (result.ok) {
    throw new Error("expected the action to be refused, but it succeeded");
  }
  recordSecurityFigure("requestsRefused");
  return result as Extract<Result, { ok: false }>;
}

const REOPEN_INPUT = { mode: "relink", reason: "Token was rotated", emailLink: false };

describe("createCustomerAction", () => {
  test.each<[Caller, RegExp]>([
    ["anonymous", /session has ended/],
    ["support", /role does not allow/],
  ])("%s is refused", async (caller, message) => {
    actAs(caller);
    const before = await snapshot();

    const result = await createCustomerAction(createInput());

    expect(result.ok).toBe(false);
    expect(failureOf(result).message).toMatch(message);
    expect(await snapshot()).toEqual(before);
  });

  test.each<SignedInCaller>(["ownerCsm", "otherCsm", "admin"])(
    "%s may create",
    async (caller) => {
      actAs(caller);
      const input = createInput();

      const result = await createCustomerAction(input);

      if (!result.ok) {
        throw new Error(`create failed: ${result.message}`);
      }
      expect(result.companyName).toBe(input.companyName);
      expect(result.link.url).toMatch(
        /^http:\/\/127\.0\.0\.1:3999\/link\/[A-Za-z0-9_-]{43}$/,
      );
      const customer = await db.customer.findUniqueOrThrow({
        where: { id: result.customerId },
      });
      expect(customer.ownerId).toBe(caller === "admin" ? null : users[caller].id);
      const token = result.link.url.split("/").pop() ?? "";
      expect((await resolveLinkSession(db, token)).kind).toBe("active");
    },
  );

  test("CSM cannot hand a customer to someone else", async () => {
    actAs("ownerCsm");
    const result = await createCustomerAction(
      createInput({ ownerId: users.otherCsm.id }),
    );
    if (!result.ok) {
      throw new Error(`create failed: ${result.message}`);
    }
    const customer = await db.customer.findUniqueOrThrow({
      where: { id: result.customerId },
    });
    expect(customer.ownerId).toBe(users.ownerCsm.id);
  });

  test("admin assigns an owner", async () => {
    actAs("admin");
    const result = await createCustomerAction(
      createInput({ ownerId: users.otherCsm.id }),
    );
    if (!result.ok) {
      throw new Error(`create failed: ${result.message}`);
    }
    const customer = await db.customer.findUniqueOrThrow({
      where: { id: result.customerId },
    });
    expect(customer.ownerId).toBe(users.otherCsm.id);
  });

  test("admin cannot pick support as owner", async () => {
    actAs("admin");
    const before = await snapshot();
    const result = await createCustomerAction(createInput({ ownerId: users.support.id }));
    expect(result.ok).toBe(false);
    expect(failureOf(result).fieldErrors?.ownerId).toMatch(/CSM/);
    expect(await snapshot()).toEqual(before);
  });

  test("invalid input returns field errors", async () => {
    actAs("ownerCsm");
    const before = await snapshot();

    const result = await createCustomerAction({
      ...createInput(),
      companyName: " ",
      linkTtlDays: 91,
    });

    expect(result.ok).toBe(false);
    expect(failureOf(result).fieldErrors?.companyName).toBe("Enter the company name.");
    expect(failureOf(result).fieldErrors?.linkTtlDays).toMatch(/90 days/);
    expect(await snapshot()).toEqual(before);
  });

  test("garbage input is rejected", async () => {
    actAs("admin");
    const before = await snapshot();
    for (const input of [null, "text", 42, [], { companyName: { toString: "x" } }]) {
      const result = await createCustomerAction(input);
      expect(result.ok).toBe(false);
    }
    expect(await snapshot()).toEqual(before);
  });

  test("emails the link to the HR admin", async () => {
    actAs("ownerCsm");
    const address = `hr-${randomBytes(3).toString("hex")}@created.example`;

    const result = await createCustomerAction(
      createInput({ hrAdminEmail: address, emailLink: true }),
    );

    if (!result.ok) {
      throw new Error(`create failed: ${result.message}`);
    }
    expect(result.link.emailed).toBe(true);
    const mails = (await listCapturedMails(mailboxDir)).filter((mail) =>
      mail.to.includes(address),
    );
    expect(mails).toHaveLength(1);
    expect(extractLinks(mails[0]?.text ?? "")).toContain(result.link.url);
    expect(mails[0]?.text).toMatch(/works until/);
    const event = await db.auditEvent.findFirstOrThrow({
      where: { customerId: result.customerId, action: "link.emailed" },
    });
    expect(event.actorId).toBe(users.ownerCsm.id);
  });

  test("deactivated user is signed out", async () => {
    const user = await db.user.create({
      data: { email: "gone@vendor.example", role: "admin", active: false },
    });
    const token = randomUUID();
    await db.session.create({
      data: {
        sessionToken: token,
        userId: user.id,
        expires: new Date(Date.now() + 3600_000),
      },
    });
    session.token = token;
    const before = await snapshot();

    const result = await createCustomerAction(createInput());

    expect(failureOf(result).message).toMatch(/session has ended/);
    expect(await snapshot()).toEqual(before);
  });
});

describe("reopenCustomerAction", () => {
  test.each<[Caller, RegExp]>([
    ["anonymous", /session has ended/],
    ["otherCsm", /customer's own CSM/],
  ])("%s is refused", async (caller, message) => {
    const { customerId, linkToken } = await connectedCustomer();
    actAs(caller);
    const before = await snapshot();

    const result = await reopenCustomerAction(customerId, REOPEN_INPUT);

    expect(result.ok).toBe(false);
    expect(failureOf(result).message).toMatch(message);
    expect(await snapshot()).toEqual(before);
    expect((await resolveLinkSession(db, linkToken)).kind).toBe("active");
  });

  test.each<SignedInCaller>(["ownerCsm", "support", "admin"])(
    "%s may reopen",
    async (caller) => {
      const { customerId, linkToken } = await connectedCustomer();
      actAs(caller);

      const result = await reopenCustomerAction(customerId, REOPEN_INPUT);

      if (!result.ok) {
        throw new Error(`reopen failed: ${result.message}`);
      }
      expect(result.mode).toBe("relink");
      expect((await resolveLinkSession(db, linkToken)).kind).toBe("revoked");
      const newToken = result.link.url.split("/").pop() ?? "";
      expect((await resolveLinkSession(db, newToken)).kind).toBe("active");
      const event = await db.auditEvent.findFirstOrThrow({
        where: { customerId, action: "link.reopened" },
      });
      expect(event.actorType).toBe("staff");
      expect(event.actorId).toBe(users[caller].id);
      expect(event.details).toMatchObject({
        mode: "relink",
        reason: "Token was rotated",
      });
    },
  );

  test("recheck shows the fresh result", async () => {
    const { customerId } = await connectedCustomer();
    actAs("support");

    const result = await reopenCustomerAction(customerId, {
      mode: "recheck",
      reason: "Customer changed permissions",
      emailLink: false,
    });

    if (!result.ok) {
      throw new Error(`reopen failed: ${result.message}`);
    }
    expect(result.recheck?.outcome).toBe("all_granted");
    const run = await db.probeRun.findUniqueOrThrow({
      where: { id: result.recheck?.id ?? "" },
    });
    expect(run.trigger).toBe("staff");
  });

  test.each<[string, unknown]>([
    ["empty", ""],
    ["blank", "     "],
    ["too short", "abc"],
    ["too long", "x".repeat(501)],
    ["missing", undefined],
  ])("%s reason is refused", async (_name, reason) => {
    const { customerId, linkToken } = await connectedCustomer();
    actAs("admin");
    const before = await snapshot();

    const result = await reopenCustomerAction(customerId, { ...REOPEN_INPUT, reason });

    expect(result.ok).toBe(false);
    expect(failureOf(result).fieldErrors?.reason).toMatch(/reason/i);
    expect(await snapshot()).toEqual(before);
    expect((await resolveLinkSession(db, linkToken)).kind).toBe("active");
  });

  test.each(["not-a-uuid", "00000000-0000-4000-8000-000000000000"])(
    "unknown customer %s is refused",
    async (customerId) => {
      actAs("admin");
      const before = await snapshot();
      const result = await reopenCustomerAction(customerId, REOPEN_INPUT);
      expect(result.ok).toBe(false);
      expect(failureOf(result).message).toMatch(/customer/);
      expect(await snapshot()).toEqual(before);
    },
  );
});

describe("rerunProbeAction", () => {
  test.each<[Caller, RegExp]>([
    ["anonymous", /session has ended/],
    ["otherCsm", /customer's own CSM/],
  ])("%s is refused", async (caller, message) => {
    const { customerId } = await connectedCustomer();
    actAs(caller);
    const before = await snapshot();

    const result = await rerunProbeAction(customerId);

    expect(result.ok).toBe(false);
    expect(failureOf(result).message).toMatch(message);
    expect(await snapshot()).toEqual(before);
  });

  test.each<SignedInCaller>(["ownerCsm", "support", "admin"])(
    "%s may re-run",
    async (caller) => {
      const { customerId } = await connectedCustomer();
      actAs(caller);

      const result = await rerunProbeAction(customerId);

      if (!result.ok) {
        throw new Error(`re-run failed: ${result.message}`);
      }
      expect(result.run.outcome).toBe("all_granted");
      const event = await db.auditEvent.findFirstOrThrow({
        where: { customerId, action: "probe.rechecked" },
      });
      expect(event.actorType).toBe("staff");
      expect(event.actorId).toBe(users[caller].id);
    },
  );

  test("customer without credentials gets a clear message", async () => {
    actAs("admin");
    const created = await createCustomerAction(createInput());
    if (!created.ok) {
      throw new Error(`create failed: ${created.message}`);
    }
    const before = await snapshot();

    const result = await rerunProbeAction(created.customerId);

    expect(failureOf(result).message).toMatch(/No HiBob credentials are stored/);
    expect(await snapshot()).toEqual(before);
  });

  test("unknown customer is refused", async () => {
    actAs("support");
    const result = await rerunProbeAction("00000000-0000-4000-8000-000000000000");
    expect(failureOf(result).message).toMatch(/customer/);
  });
});
