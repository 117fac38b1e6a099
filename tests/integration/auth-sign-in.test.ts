// The sign-in decision, the Auth.js callbacks and the adapter wrapper on a
// real database (PGlite, or PostgreSQL when TEST_DATABASE_URL is set).
import { randomUUID } from "node:crypto";

import type { AdapterAccount } from "next-auth/adapters";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { createStaffAdapter, withoutProviderTokens } from "@/lib/auth/adapter";
import { parseAllowlist } from "@/lib/auth/allowlist";
import { createAuthConfig } from "@/lib/auth/auth-config";
import { parseAuthSettings } from "@/lib/auth/auth-env";
import { checkStaffSignIn } from "@/lib/auth/sign-in-policy";
import type { Database } from "@/lib/db/types";

import { createTestDatabase, type TestDatabase } from "../support/database";

const allowlist = parseAllowlist("guest@partner.example", "vendor.example");
let database: TestDatabase;
let db: Database;

function uniqueEmail(domain: string): string {
  return `user-${randomUUID()}@${domain}`;
}

async function refusalEvents() {
  return db.auditEvent.findMany({
    where: { action: "staff.sign_in_refused" },
    orderBy: { id: "asc" },
  });
}

beforeAll(async () => {
  database = await createTestDatabase({ label: "auth_sign_in" });
  db = database.prisma;
});

afterAll(async () => {
  await database?.close();
});

describe("checkStaffSignIn", () => {
  test("active invited user is allowed in any letter case", async () => {
    const email = uniqueEmail("elsewhere.example");
    await db.user.create({ data: { email, role: "support" } });
    const check = await checkStaffSignIn(db, allowlist, {
      email: `  ${email.toUpperCase()} `,
      provider: "nodemailer",
      stage: "request",
    });
    expect(check).toEqual({ allowed: true, email, reason: "active-user" });
  });

  test("allowlisted newcomer is allowed and nothing is recorded", async () => {
    const before = (await refusalEvents()).length;
    const check = await checkStaffSignIn(db, allowlist, {
      email: "Guest@Partner.example",
      provider: "nodemailer",
      stage: "request",
    });
    expect(check.allowed).toBe(true);
    expect(check.reason).toBe("allowlisted");
    expect(await refusalEvents()).toHaveLength(before);
  });

  test("deactivated user is refused even though the domain is allowlisted", async () => {
    const email = uniqueEmail("vendor.example");
    const user = await db.user.create({ data: { email, role: "admin", active: false } });
    const check = await checkStaffSignIn(db, allowlist, {
      email,
      provider: "nodemailer",
      stage: "callback",
    });
    expect(check).toEqual({ allowed: false, email, reason: "deactivated" });
    const event = (await refusalEvents()).at(-1);
    expect(event?.actorId).toBe(user.id);
    expect(event?.details).toEqual({
      emailDomain: "vendor.example",
      reason: "deactivated",
      provider: "nodemailer",
      stage: "callback",
    });
  });

  test("unknown address is refused and recorded by domain only", async () => {
    const email = uniqueEmail("attacker.example");
    const check = await checkStaffSignIn(db, allowlist, {
      email,
      provider: "nodemailer",
      stage: "request",
    });
    expect(check).toEqual({ allowed: false, email, reason: "not-invited" });
    const event = (await refusalEvents()).at(-1);
    expect(event?.actorType).toBe("staff");
    expect(event?.actorId).toBeNull();
    expect(event?.details).toEqual({
      emailDomain: "attacker.example",
      reason: "not-invited",
      provider: "nodemailer",
      stage: "request",
    });
    expect(JSON.stringify(event?.details)).not.toContain(email.split("@")[0]);
  });

  test("address the identity provider has not verified is refused", async () => {
    const email = uniqueEmail("elsewhere.example");
    await db.user.create({ data: { email } });
    const check = await checkStaffSignIn(db, allowlist, {
      email,
      provider: "oidc",
      stage: "callback",
      emailVerified: false,
    });
    expect(check.allowed).toBe(false);
    expect(check.reason).toBe("unverified-email");
  });

  test("missing address is refused", async () => {
    const check = await checkStaffSignIn(db, allowlist, {
      email: null,
      provider: "oidc",
      stage: "callback",
    });
    expect(check).toEqual({ allowed: false, email: "", reason: "invalid-email" });
  });
});

describe("Auth.js callbacks", () => {
  const settings = parseAuthSettings(
    { STAFF_ALLOWED_DOMAINS: "vendor.example", STAFF_DEFAULT_ROLE: "support" },
    { appUrl: "http://127.0.0.1:3999", deployment: "test" },
  );
  const config = () =>
    createAuthConfig({
      db,
      settings,
      secret: "s".repeat(44),
      sendSignInMail: async () => {},
    });

  test("signIn refuses an unknown address before the mail is sent", async () => {
    const signIn = config().callbacks?.signIn;
    if (!signIn) {
      throw new Error("signIn callback expected");
    }
    const email = uniqueEmail("attacker.example");
    const allowed = await signIn({
      user: { id: randomUUID(), email, emailVerified: null },
      account: {
        providerAccountId: email,
        userId: "x",
        type: "email",
        provider: "nodemailer",
      },
      email: { verificationRequest: true },
    });
    expect(allowed).toBe(false);
    const event = (await refusalEvents()).at(-1);
    expect(event?.details).toMatchObject({ stage: "request", reason: "not-invited" });
  });

  test("signIn allows an invited user", async () => {
    const signIn = config().callbacks?.signIn;
    const email = uniqueEmail("elsewhere.example");
    const user = await db.user.create({ data: { email } });
    const allowed = await signIn?.({
      user,
      account: {
        providerAccountId: email,
        userId: user.id,
        type: "email",
        provider: "nodemailer",
      },
    });
    expect(allowed).toBe(true);
  });

  test("signIn refuses an SSO profile with an unverified address", async () => {
    const signIn = config().callbacks?.signIn;
    const email = uniqueEmail("vendor.example");
    const allowed = await signIn?.({
      user: { id: randomUUID(), email },
      account: { providerAccountId: "sub-1", type: "oidc", provider: "oidc" },
      profile: { sub: "sub-1", email, email_verified: false },
    });
    expect(allowed).toBe(false);
  });

  test("signIn and signOut events are audited", async () => {
    const events = config().events;
    const user = await db.user.create({
      data: { email: uniqueEmail("elsewhere.example") },
    });
    await events?.signIn?.({
      user,
      account: { providerAccountId: user.email, type: "email", provider: "nodemailer" },
      isNewUser: false,
    });
    await events?.signOut?.({
      session: {
        sessionToken: randomUUID(),
        userId: user.id,
        expires: new Date(Date.now() + 1000),
      },
    });
    const recorded = await db.auditEvent.findMany({
      where: { actorId: user.id },
      orderBy: { id: "asc" },
    });
    expect(recorded.map((event) => event.action)).toEqual([
      "staff.signed_in",
      "staff.signed_out",
    ]);
    expect(recorded[0]?.details).toEqual({ provider: "nodemailer", newUser: false });
  });
});

describe("staff adapter", () => {
  test("linkAccount stores no provider tokens", async () => {
    const adapter = createStaffAdapter(db, { defaultRole: "csm" });
    const user = await db.user.create({ data: { email: uniqueEmail("vendor.example") } });
    const account: AdapterAccount = {
      userId: user.id,
      type: "oidc",
      provider: "oidc",
      providerAccountId: `sub-${randomUUID()}`,
      access_token: "access-token-value",
      refresh_token: "refresh-token-value",
      id_token: "id-token-value",
      expires_at: 1_900_000_000,
      token_type: "bearer",
      scope: "openid email profile",
      session_state: "state-value",
      // Identity providers add fields of their own that have no column.
      "not-before-policy": 0,
    };
    await adapter.linkAccount?.(account);
    const stored = await db.account.findFirstOrThrow({ where: { userId: user.id } });
    expect(stored.access_token).toBeNull();
    expect(stored.refresh_token).toBeNull();
    expect(stored.id_token).toBeNull();
    expect(stored.session_state).toBeNull();
    expect(stored.expires_at).toBeNull();
    expect(stored.provider).toBe("oidc");
    expect(stored.providerAccountId).toBe(account.providerAccountId);
    expect(stored.scope).toBe("openid email profile");
    expect(JSON.stringify(stored)).not.toMatch(/token-value/);
    expect(withoutProviderTokens(account)).not.toHaveProperty("access_token");
  });

  test("createUser stores a lower-cased address with the default role", async () => {
    const adapter = createStaffAdapter(db, { defaultRole: "support" });
    const email = uniqueEmail("Vendor.Example");
    const created = await adapter.createUser?.({
      id: randomUUID(),
      email: ` ${email.toUpperCase()} `,
      emailVerified: null,
    });
    const stored = await db.user.findUniqueOrThrow({ where: { id: created?.id ?? "" } });
    expect(stored.email).toBe(email.toLowerCase());
    expect(stored.role).toBe("support");
    expect(stored.active).toBe(true);
  });

  test("deleteSession of a missing session returns null", async () => {
    const adapter = createStaffAdapter(db, { defaultRole: "csm" });
    expect(await adapter.deleteSession?.(randomUUID())).toBeNull();
  });

  test("deleteSession returns the deleted session", async () => {
    const adapter = createStaffAdapter(db, { defaultRole: "csm" });
    const user = await db.user.create({ data: { email: uniqueEmail("vendor.example") } });
    const sessionToken = randomUUID();
    await db.session.create({
      data: { sessionToken, userId: user.id, expires: new Date(Date.now() + 60_000) },
    });
    const deleted = await adapter.deleteSession?.(sessionToken);
    expect(deleted).toMatchObject({ sessionToken, userId: user.id });
    expect(await db.session.count({ where: { sessionToken } })).toBe(0);
  });
});
