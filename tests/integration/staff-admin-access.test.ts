// Every staff management action, called as anonymous, CSM, support and admin.
// Only the session cookie read is replaced. The guard looks the session up in
// a real database, and invitation mails go over SMTP to a capture server on
// 127.0.0.1.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";

import {
  changeStaffRoleAction,
  deactivateStaffAction,
  inviteStaffAction,
  reactivateStaffAction,
} from "@/app/staff/admin/users/actions";
import type { StaffAdminResult } from "@/lib/auth/staff-admin-actions";
import type { Database } from "@/lib/db/types";
import { listCapturedMails } from "@/lib/dev-mail/mailbox";
import {
  startSmtpCaptureServer,
  type SmtpCaptureServer,
} from "@/lib/dev-mail/smtp-capture-server";
import type { StaffRole } from "@/lib/generated/prisma/enums";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { recordSecurityFigure } from "../support/security-figures";

const session = vi.hoisted(() => ({ token: null as string | null }));

vi.mock("@/lib/auth/session-cookie", () => ({
  SESSION_COOKIE_NAMES: ["__Secure-authjs.session-token", "authjs.session-token"],
  readSessionTokenCookie: async () => session.token,
}));

type Caller = "anonymous" | "csm" | "support" | "admin";
const REFUSED_CALLERS = ["anonymous", "csm", "support"] as const;

let database: TestDatabase;
let db: Database;
let smtp: SmtpCaptureServer;
let mailboxDir: string;
const callers = {} as Record<Exclude<Caller, "anonymous">, { id: string; token: string }>;

async function createStaffWithSession(role: StaffRole, email: string) {
  const user = await db.user.create({ data: { email, name: `Staff ${role}`, role } });
  const token = randomUUID();
  await db.session.create({
    data: {
      sessionToken: token,
      userId: user.id,
      expires: new Date(Date.now() + 3600_000),
    },
  });
  return { id: user.id, token };
}

function actAs(caller: Caller): void {
  session.token = caller === "anonymous" ? null : callers[caller].token;
}

/** Everything the actions may change, to prove a refused call changed nothing. */
async function snapshot() {
  const [users, sessions, auditEvents] = await Promise.all([
    db.user.findMany({
      orderBy: { email: "asc" },
      select: { id: true, email: true, role: true, active: true },
    }),
    db.session.count(),
    db.auditEvent.count(),
  ]);
  return { users, sessions, auditEvents };
}

function expectRefusal(result: StaffAdminResult, caller: Caller): void {
  expect(result.ok, caller).toBe(false);
  recordSecurityFigure("requestsRefused");
  if (result.ok) {
    return;
  }
  if (caller === "anonymous") {
    expect(result.refusal).toBe("unauthenticated");
    expect(result.message).toMatch(/Sign in again/);
  } else {
    expect(result.refusal).toBe("forbidden");
    expect(result.message).toMatch(/role does not allow/);
  }
}

async function lastAuditEvent(action: string) {
  return db.auditEvent.findFirst({ where: { action }, orderBy: { id: "desc" } });
}

beforeAll(async () => {
  mailboxDir = mkdtempSync(path.join(tmpdir(), "staff-admin-mail-"));
  [database, smtp] = await Promise.all([
    createTestDatabase({ label: "staff_admin" }),
    startSmtpCaptureServer({ mailboxDir, port: 0 }),
  ]);
  db = database.prisma;
  // The guard and the actions use the application's shared client.
  (globalThis as { hibobConnectDb?: Database }).hibobConnectDb = db;
  process.env.APP_URL = "http://127.0.0.1:3998";
  process.env.EMAIL_SERVER = smtp.url;

  callers.csm = await createStaffWithSession("csm", "caller-csm@vendor.example");
  callers.support = await createStaffWithSession(
    "support",
    "caller-support@vendor.example",
  );
  callers.admin = await createStaffWithSession("admin", "caller-admin@vendor.example");
});

afterAll(async () => {
  delete (globalThis as { hibobConnectDb?: Database }).hibobConnectDb;
  delete process.env.EMAIL_SERVER;
  await Promise.all([database?.close(), smtp?.close()]);
  rmSync(mailboxDir, { recursive: true, force: true });
});

beforeEach(() => {
  session.token = null;
});

describe("inviteStaffAction", () => {
  const invite = (email: string) => ({
    email,
    name: "",
    role: "csm",
    sendInvitation: false,
  });

  test.each(REFUSED_CALLERS)("%s is refused and nothing changes", async (caller) => {
    actAs(caller);
    const before = await snapshot();
    expectRefusal(
      await inviteStaffAction(invite(`new-${caller}@vendor.example`)),
      caller,
    );
    expect(await snapshot()).toEqual(before);
  });

  test("admin invites, with an audit event and an invitation mail", async () => {
    actAs("admin");
    const result = await inviteStaffAction({
      email: "  New.Person@Vendor.example ",
      name: "New Person",
      role: "support",
      sendInvitation: true,
    });
    expect(result).toEqual({
      ok: true,
      message:
        "Invited new.person@vendor.example as Support and mailed the sign-in instructions.",
    });
    const user = await db.user.findUniqueOrThrow({
      where: { email: "new.person@vendor.example" },
    });
    expect(user).toMatchObject({
      name: "New Person",
      role: "support",
      active: true,
      invitedById: callers.admin.id,
    });
    const event = await lastAuditEvent("staff.invited");
    expect(event?.actorId).toBe(callers.admin.id);
    expect(event?.details).toEqual({
      userId: user.id,
      email: "new.person@vendor.example",
      role: "support",
    });
    const mails = await listCapturedMails(mailboxDir);
    const mail = mails.find((item) => item.to.includes("new.person@vendor.example"));
    expect(mail?.text).toContain("http://127.0.0.1:3998/staff/sign-in");
  });

  test("existing address is a field error", async () => {
    actAs("admin");
    const before = await snapshot();
    const result = await inviteStaffAction(invite("caller-csm@vendor.example"));
    expect(result.ok).toBe(false);
    expect(result.ok ? undefined : result.fieldErrors?.email).toMatch(
      /already a staff user/,
    );
    expect(await snapshot()).toEqual(before);
  });

  test("invalid input returns field errors", async () => {
    actAs("admin");
    const before = await snapshot();
    const result = await inviteStaffAction({
      email: "not-an-address",
      name: "x".repeat(101),
      role: "owner",
      sendInvitation: "yes",
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(Object.keys(result.fieldErrors ?? {}).sort()).toEqual([
        "email",
        "name",
        "role",
        "sendInvitation",
      ]);
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe("changeStaffRoleAction", () => {
  test.each(REFUSED_CALLERS)("%s is refused and nothing changes", async (caller) => {
    actAs(caller);
    const before = await snapshot();
    expectRefusal(
      await changeStaffRoleAction({ userId: callers.csm.id, role: "admin" }),
      caller,
    );
    expect(await snapshot()).toEqual(before);
  });

  test("admin changes a role, with an audit event", async () => {
    const target = await db.user.create({
      data: { email: `role-${randomUUID()}@vendor.example`, role: "csm" },
    });
    actAs("admin");
    const result = await changeStaffRoleAction({ userId: target.id, role: "support" });
    expect(result).toEqual({ ok: true, message: `${target.email} is now Support.` });
    expect((await db.user.findUniqueOrThrow({ where: { id: target.id } })).role).toBe(
      "support",
    );
    const event = await lastAuditEvent("staff.role_changed");
    expect(event?.actorId).toBe(callers.admin.id);
    expect(event?.details).toEqual({
      userId: target.id,
      email: target.email,
      from: "csm",
      to: "support",
    });
  });

  test("unknown user and invalid role are refused", async () => {
    actAs("admin");
    const before = await snapshot();
    const unknown = await changeStaffRoleAction({ userId: randomUUID(), role: "csm" });
    expect(unknown.ok).toBe(false);
    expect(unknown.ok ? "" : unknown.message).toMatch(/does not exist/);
    const invalid = await changeStaffRoleAction({ userId: callers.csm.id, role: "root" });
    expect(invalid.ok ? undefined : invalid.fieldErrors?.role).toMatch(/Choose a role/);
    expect(await snapshot()).toEqual(before);
  });
});

describe("deactivateStaffAction", () => {
  test.each(REFUSED_CALLERS)("%s is refused and nothing changes", async (caller) => {
    actAs(caller);
    const before = await snapshot();
    expectRefusal(await deactivateStaffAction({ userId: callers.admin.id }), caller);
    expect(await snapshot()).toEqual(before);
  });

  test("admin deactivates a user and their sessions end", async () => {
    const target = await createStaffWithSession(
      "support",
      `leaver-${randomUUID()}@vendor.example`,
    );
    actAs("admin");
    const result = await deactivateStaffAction({ userId: target.id });
    expect(result.ok).toBe(true);
    const user = await db.user.findUniqueOrThrow({ where: { id: target.id } });
    expect(user.active).toBe(false);
    expect(await db.session.count({ where: { userId: target.id } })).toBe(0);
    const event = await lastAuditEvent("staff.deactivated");
    expect(event?.details).toMatchObject({ userId: target.id, sessionsEnded: 1 });

    // The deactivated user's old session no longer opens anything.
    session.token = target.token;
    expectRefusal(await reactivateStaffAction({ userId: target.id }), "anonymous");
  });
});

describe("reactivateStaffAction", () => {
  test.each(REFUSED_CALLERS)("%s is refused and nothing changes", async (caller) => {
    const target = await db.user.create({
      data: { email: `inactive-${caller}-${randomUUID()}@vendor.example`, active: false },
    });
    actAs(caller);
    const before = await snapshot();
    expectRefusal(await reactivateStaffAction({ userId: target.id }), caller);
    expect(await snapshot()).toEqual(before);
  });

  test("admin reactivates a user, with an audit event", async () => {
    const target = await db.user.create({
      data: { email: `back-${randomUUID()}@vendor.example`, active: false },
    });
    actAs("admin");
    const result = await reactivateStaffAction({ userId: target.id });
    expect(result).toEqual({ ok: true, message: `${target.email} can sign in again.` });
    expect((await db.user.findUniqueOrThrow({ where: { id: target.id } })).active).toBe(
      true,
    );
    expect((await lastAuditEvent("staff.reactivated"))?.details).toEqual({
      userId: target.id,
      email: target.email,
    });
  });
});

describe("last active admin", () => {
  test("cannot demote or deactivate themselves, and nothing changes", async () => {
    // Other admins from earlier tests would make this admin not the last one.
    await db.user.updateMany({
      where: { role: "admin", id: { not: callers.admin.id } },
      data: { role: "csm" },
    });
    actAs("admin");
    const before = await snapshot();

    const demoted = await changeStaffRoleAction({
      userId: callers.admin.id,
      role: "csm",
    });
    expect(demoted.ok).toBe(false);
    expect(demoted.ok ? "" : demoted.message).toMatch(/only active admin/);

    const deactivated = await deactivateStaffAction({ userId: callers.admin.id });
    expect(deactivated.ok).toBe(false);
    expect(deactivated.ok ? "" : deactivated.message).toMatch(/only active admin/);

    expect(await snapshot()).toEqual(before);
  });

  test("can step down once another admin exists", async () => {
    const second = await createStaffWithSession(
      "admin",
      `admin2-${randomUUID()}@vendor.example`,
    );
    actAs("admin");
    const result = await changeStaffRoleAction({
      userId: callers.admin.id,
      role: "support",
    });
    expect(result.ok).toBe(true);

    // The remaining admin is now the last one and is protected in turn.
    session.token = second.token;
    const refused = await deactivateStaffAction({ userId: second.id });
    expect(refused.ok).toBe(false);
    expect(refused.ok ? "" : refused.message).toMatch(/only active admin/);

    // The former admin lost access on their next action.
    actAs("admin");
    expectRefusal(await reactivateStaffAction({ userId: second.id }), "support");
  });
});
