// Session token to staff user, on a real database (PGlite, or PostgreSQL when
// TEST_DATABASE_URL is set). Only the Next.js request (the cookie read and the
// request headers) is replaced, because it does not exist outside Next.js.
import { randomUUID } from "node:crypto";

import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";

import {
  AuthenticationError,
  AuthorizationError,
  getStaffUser,
  hasRole,
  loadStaffPage,
  requireStaffAction,
  requireStaffPage,
  resolveStaffUserFromSessionToken,
} from "@/lib/auth/staff";
import type { Database } from "@/lib/db/types";
import { currentRequestContext } from "@/lib/request-context";
import type { StaffRole } from "@/lib/generated/prisma/enums";

import { createTestDatabase, type TestDatabase } from "../support/database";

const request = vi.hoisted(() => ({ token: null as string | null, path: "/staff" }));
const REQUEST_ID = vi.hoisted(() => "request-id-from-proxy");

vi.mock("@/lib/auth/session-cookie", () => ({
  SESSION_COOKIE_NAMES: ["__Secure-authjs.session-token", "authjs.session-token"],
  readSessionTokenCookie: async () => request.token,
}));

vi.mock("next/headers", () => ({
  headers: async () =>
    new Headers({ "x-request-path": request.path, "x-request-id": REQUEST_ID }),
}));

const HOUR = 3600 * 1000;
let database: TestDatabase;
let db: Database;

async function createStaff(
  role: StaffRole,
  options: { active?: boolean; sessionExpiresInMs?: number } = {},
): Promise<{ id: string; email: string; token: string }> {
  const email = `${role}-${randomUUID()}@vendor.example`;
  const user = await db.user.create({
    data: { email, name: `Test ${role}`, role, active: options.active ?? true },
  });
  const token = randomUUID();
  await db.session.create({
    data: {
      sessionToken: token,
      userId: user.id,
      expires: new Date(Date.now() + (options.sessionExpiresInMs ?? HOUR)),
    },
  });
  return { id: user.id, email, token };
}

/** Returns the digest Next.js puts on the error that redirect() or forbidden() throws. */
async function interruptOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return String((error as { digest?: unknown }).digest ?? error);
  }
  throw new Error("Expected a Next.js interrupt, but the call returned.");
}

beforeAll(async () => {
  // next build sets this from experimental.authInterrupts in next.config.ts.
  process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";
  database = await createTestDatabase({ label: "auth_session" });
  db = database.prisma;
  // The guards read the application's shared client.
  (globalThis as { hibobConnectDb?: Database }).hibobConnectDb = db;
});

afterAll(async () => {
  delete (globalThis as { hibobConnectDb?: Database }).hibobConnectDb;
  await database?.close();
});

beforeEach(() => {
  request.token = null;
  request.path = "/staff";
});

describe("resolveStaffUserFromSessionToken", () => {
  test("active user with a valid session", async () => {
    const staff = await createStaff("support");
    const user = await resolveStaffUserFromSessionToken(db, staff.token, new Date());
    expect(user).toEqual({
      id: staff.id,
      email: staff.email,
      name: "Test support",
      role: "support",
    });
  });

  test("expired session resolves to null", async () => {
    const staff = await createStaff("admin", { sessionExpiresInMs: -1000 });
    expect(
      await resolveStaffUserFromSessionToken(db, staff.token, new Date()),
    ).toBeNull();
  });

  test("session expiring exactly now resolves to null", async () => {
    const staff = await createStaff("csm");
    const session = await db.session.findUniqueOrThrow({
      where: { sessionToken: staff.token },
    });
    expect(
      await resolveStaffUserFromSessionToken(db, staff.token, session.expires),
    ).toBeNull();
    expect(
      await resolveStaffUserFromSessionToken(
        db,
        staff.token,
        new Date(session.expires.getTime() - 1),
      ),
    ).not.toBeNull();
  });

  test("inactive user resolves to null", async () => {
    const staff = await createStaff("admin", { active: false });
    expect(
      await resolveStaffUserFromSessionToken(db, staff.token, new Date()),
    ).toBeNull();
  });

  test("unknown, empty and oversized tokens resolve to null", async () => {
    for (const token of [randomUUID(), "", null, undefined, "x".repeat(10_000)]) {
      expect(await resolveStaffUserFromSessionToken(db, token, new Date())).toBeNull();
    }
  });
});

describe("getStaffUser", () => {
  test("anonymous caller is null", async () => {
    expect(await getStaffUser()).toBeNull();
  });

  test("reads the session cookie", async () => {
    const staff = await createStaff("csm");
    request.token = staff.token;
    expect((await getStaffUser())?.id).toBe(staff.id);
  });

  test("deleted session signs the user out", async () => {
    const staff = await createStaff("csm");
    request.token = staff.token;
    await db.session.deleteMany({ where: { userId: staff.id } });
    expect(await getStaffUser()).toBeNull();
  });
});

describe("requireStaffAction", () => {
  test("anonymous caller gets AuthenticationError", async () => {
    await expect(requireStaffAction()).rejects.toBeInstanceOf(AuthenticationError);
    await expect(requireStaffAction(["admin"])).rejects.toThrow(/Sign in again/);
  });

  test("wrong role gets AuthorizationError", async () => {
    const staff = await createStaff("support");
    request.token = staff.token;
    await expect(requireStaffAction(["admin"])).rejects.toBeInstanceOf(
      AuthorizationError,
    );
    await expect(requireStaffAction(["csm", "admin"])).rejects.toThrow(
      /role does not allow/,
    );
  });

  test("allowed role and no role list return the user", async () => {
    const staff = await createStaff("csm");
    request.token = staff.token;
    expect((await requireStaffAction(["csm", "admin"])).id).toBe(staff.id);
    expect((await requireStaffAction()).role).toBe("csm");
  });

  test("deactivated user gets AuthenticationError", async () => {
    const staff = await createStaff("admin", { active: false });
    request.token = staff.token;
    await expect(requireStaffAction(["admin"])).rejects.toBeInstanceOf(
      AuthenticationError,
    );
  });
});

describe("requireStaffPage", () => {
  test("anonymous caller is redirected to sign-in with the current path", async () => {
    request.path = "/staff/customers/abc?tab=timeline";
    const digest = await interruptOf(requireStaffPage(["admin"]));
    expect(digest).toContain("NEXT_REDIRECT");
    expect(digest).toContain(
      "/staff/sign-in?callbackUrl=%2Fstaff%2Fcustomers%2Fabc%3Ftab%3Dtimeline",
    );
  });

  test("a foreign callback path becomes the dashboard", async () => {
    request.path = "//evil.example/staff";
    const digest = await interruptOf(requireStaffPage());
    expect(digest).toContain("/staff/sign-in?callbackUrl=%2Fstaff;");
  });

  test("wrong role gets forbidden (403)", async () => {
    const staff = await createStaff("csm");
    request.token = staff.token;
    const digest = await interruptOf(requireStaffPage(["admin"]));
    expect(digest).toContain("NEXT_HTTP_ERROR_FALLBACK;403");
  });

  test("allowed role returns the user", async () => {
    const staff = await createStaff("admin");
    request.token = staff.token;
    expect((await requireStaffPage(["admin"])).email).toBe(staff.email);
  });
});

describe("loadStaffPage", () => {
  test("load runs with the request id", async () => {
    const staff = await createStaff("admin");
    request.token = staff.token;
    const { user, data } = await loadStaffPage(["admin"], async () => {
      return currentRequestContext()?.requestId;
    });
    expect(user.email).toBe(staff.email);
    expect(data).toBe(REQUEST_ID);
  });

  test("wrong role never loads", async () => {
    const staff = await createStaff("csm");
    request.token = staff.token;
    const load = vi.fn(async () => "data");
    const digest = await interruptOf(loadStaffPage(["admin"], load));
    expect(digest).toContain("NEXT_HTTP_ERROR_FALLBACK;403");
    expect(load).not.toHaveBeenCalled();
  });
});

describe("hasRole", () => {
  test("checks membership", () => {
    const user = { id: "u", email: "a@b.example", name: null, role: "support" as const };
    expect(hasRole(user, ["support", "admin"])).toBe(true);
    expect(hasRole(user, ["admin"])).toBe(false);
    expect(hasRole(user, [])).toBe(false);
  });
});
