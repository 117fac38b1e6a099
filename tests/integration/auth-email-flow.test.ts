// Email sign-in end to end without a browser: Auth.js's request handler
// (CSRF, sign-in request, link callback, sign-out) with the app's
// configuration, a real database, and mails sent by sendMail over SMTP to the
// capture server on 127.0.0.1.
//
// The test calls @auth/core's Auth(), which next-auth's route handlers call
// with basePath /api/auth: next-auth's own entry imports "next/server"
// without a file extension, which Node.js cannot load outside Next.js.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { Auth, type AuthConfig } from "@auth/core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { createAuthConfig } from "@/lib/auth/auth-config";
import { parseAuthSettings } from "@/lib/auth/auth-env";
import { resolveStaffUserFromSessionToken } from "@/lib/auth/staff";
import type { Database } from "@/lib/db/types";
import { extractLinks, listCapturedMails } from "@/lib/dev-mail/mailbox";
import {
  startSmtpCaptureServer,
  type SmtpCaptureServer,
} from "@/lib/dev-mail/smtp-capture-server";
import { sendMail } from "@/lib/mail/send-mail";

import { createTestDatabase, type TestDatabase } from "../support/database";

const ORIGIN = "http://127.0.0.1:3999";
const SESSION_COOKIE = "authjs.session-token";

let database: TestDatabase;
let db: Database;
let smtp: SmtpCaptureServer;
let mailboxDir: string;
let authConfig: AuthConfig;

/** A cookie jar of name=value pairs, enough for Auth.js's cookies. */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(";");
      const separator = pair?.indexOf("=") ?? -1;
      if (!pair || separator < 0) {
        continue;
      }
      const name = pair.slice(0, separator);
      const value = pair.slice(separator + 1);
      if (value === "" || /expires=Thu, 01 Jan 1970/i.test(header)) {
        this.cookies.delete(name);
      } else {
        this.cookies.set(name, value);
      }
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

async function send(jar: CookieJar, url: string, form?: Record<string, string>) {
  const request = new Request(url, {
    method: form ? "POST" : "GET",
    headers: {
      cookie: jar.header(),
      ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
    },
    ...(form ? { body: new URLSearchParams(form).toString() } : {}),
  });
  const response = await Auth(request, authConfig);
  jar.store(response);
  return response;
}

async function csrfToken(jar: CookieJar): Promise<string> {
  const response = await send(jar, `${ORIGIN}/api/auth/csrf`);
  const body = (await response.json()) as { csrfToken: string };
  return body.csrfToken;
}

async function requestLink(jar: CookieJar, email: string, callbackUrl = "/staff") {
  return send(jar, `${ORIGIN}/api/auth/signin/nodemailer`, {
    email,
    csrfToken: await csrfToken(jar),
    callbackUrl,
  });
}

async function mailsTo(email: string) {
  return (await listCapturedMails(mailboxDir)).filter((mail) => mail.to.includes(email));
}

async function waitForSignInLink(email: string): Promise<string> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const [mail] = await mailsTo(email);
    const link = mail
      ? extractLinks(mail.text).find((url) =>
          url.includes("/api/auth/callback/nodemailer"),
        )
      : undefined;
    if (link) {
      return link;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`No sign-in mail to ${email} arrived within 10 seconds.`);
}

beforeAll(async () => {
  mailboxDir = mkdtempSync(path.join(tmpdir(), "auth-flow-mail-"));
  [database, smtp] = await Promise.all([
    createTestDatabase({ label: "auth_flow" }),
    startSmtpCaptureServer({ mailboxDir, port: 0 }),
  ]);
  db = database.prisma;
  // sendMail reads the SMTP settings from the environment on every call.
  process.env.EMAIL_SERVER = smtp.url;
  process.env.EMAIL_FROM = "HiBob Connect <no-reply@test.example>";

  const settings = parseAuthSettings(
    {
      EMAIL_SERVER: smtp.url,
      STAFF_ALLOWED_DOMAINS: "partner.example",
      STAFF_DEFAULT_ROLE: "support",
    },
    { appUrl: ORIGIN, deployment: "test" },
  );
  authConfig = {
    ...createAuthConfig({
      db,
      settings,
      secret: "t".repeat(44),
      sendSignInMail: sendMail,
    }),
    basePath: "/api/auth",
  };
});

afterAll(async () => {
  delete process.env.EMAIL_SERVER;
  delete process.env.EMAIL_FROM;
  await Promise.all([database?.close(), smtp?.close()]);
  rmSync(mailboxDir, { recursive: true, force: true });
});

describe("email sign-in", () => {
  test("invited user signs in through the mailed link", async () => {
    const email = `admin-${randomUUID()}@vendor.example`;
    const user = await db.user.create({ data: { email, role: "admin" } });
    const jar = new CookieJar();

    const requested = await requestLink(jar, email.toUpperCase(), "/staff/admin/users");
    expect(requested.status).toBe(302);
    const verifyRequest = `${ORIGIN}/api/auth/verify-request?provider=nodemailer&type=email`;
    expect(requested.headers.get("location")).toBe(verifyRequest);
    expect((await send(jar, verifyRequest)).headers.get("location")).toBe(
      "/staff/sign-in/check-email?provider=nodemailer&type=email",
    );

    const link = await waitForSignInLink(email);
    expect(link.startsWith(`${ORIGIN}/api/auth/callback/nodemailer?`)).toBe(true);
    const [mail] = await mailsTo(email);
    expect(mail?.subject).toBe("Sign in to HiBob Connect");

    const callback = await send(jar, link);
    expect(callback.status).toBe(302);
    expect(callback.headers.get("location")).toBe(`${ORIGIN}/staff/admin/users`);
    const sessionToken = jar.get(SESSION_COOKIE);
    expect(sessionToken).toBeTruthy();

    const staff = await resolveStaffUserFromSessionToken(db, sessionToken, new Date());
    expect(staff).toEqual({ id: user.id, email, name: null, role: "admin" });
    const signedIn = await db.auditEvent.findFirst({
      where: { action: "staff.signed_in", actorId: user.id },
    });
    expect(signedIn?.details).toEqual({ provider: "nodemailer", newUser: false });
  });

  test("the link works once", async () => {
    const email = `csm-${randomUUID()}@vendor.example`;
    await db.user.create({ data: { email } });
    await requestLink(new CookieJar(), email);
    const link = await waitForSignInLink(email);

    expect((await send(new CookieJar(), link)).headers.get("location")).toBe(
      `${ORIGIN}/staff`,
    );
    const reused = await send(new CookieJar(), link);
    expect(reused.headers.get("location")).toBe(
      `${ORIGIN}/staff/sign-in?error=Verification`,
    );
  });

  test("address without access is refused and gets no mail", async () => {
    const email = `eve-${randomUUID()}@attacker.example`;
    const refused = await requestLink(new CookieJar(), email);
    expect(refused.status).toBe(302);
    expect(refused.headers.get("location")).toBe(
      `${ORIGIN}/staff/sign-in?error=AccessDenied`,
    );

    // Give a wrongly sent mail time to arrive before checking that none did.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await mailsTo(email)).toEqual([]);
    expect(await db.verificationToken.count({ where: { identifier: email } })).toBe(0);
    expect(await db.user.count({ where: { email } })).toBe(0);
  });

  test("deactivated user is refused even when the domain is allowlisted", async () => {
    const email = `old-${randomUUID()}@partner.example`;
    await db.user.create({ data: { email, active: false } });
    const refused = await requestLink(new CookieJar(), email);
    expect(refused.headers.get("location")).toBe(
      `${ORIGIN}/staff/sign-in?error=AccessDenied`,
    );
    expect(await mailsTo(email)).toEqual([]);
  });

  test("user deactivated after requesting the link cannot use it", async () => {
    const email = `leaver-${randomUUID()}@vendor.example`;
    const user = await db.user.create({ data: { email } });
    await requestLink(new CookieJar(), email);
    const link = await waitForSignInLink(email);
    await db.user.update({ where: { id: user.id }, data: { active: false } });

    const jar = new CookieJar();
    const callback = await send(jar, link);
    expect(callback.headers.get("location")).toBe(
      `${ORIGIN}/staff/sign-in?error=AccessDenied`,
    );
    expect(jar.get(SESSION_COOKIE)).toBeUndefined();
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
  });

  test("allowlisted newcomer is created with the default role", async () => {
    const email = `new-${randomUUID()}@partner.example`;
    await requestLink(new CookieJar(), email);
    const jar = new CookieJar();
    await send(jar, await waitForSignInLink(email));

    const staff = await resolveStaffUserFromSessionToken(
      db,
      jar.get(SESSION_COOKIE),
      new Date(),
    );
    expect(staff?.email).toBe(email);
    expect(staff?.role).toBe("support");
    const signedIn = await db.auditEvent.findFirst({
      where: { action: "staff.signed_in", actorId: staff?.id ?? "" },
    });
    expect(signedIn?.details).toEqual({ provider: "nodemailer", newUser: true });
  });

  test("a link to another site is replaced by the dashboard", async () => {
    const email = `csm-${randomUUID()}@vendor.example`;
    await db.user.create({ data: { email } });
    await requestLink(new CookieJar(), email, "https://evil.example/phish");
    const link = await waitForSignInLink(email);
    expect(new URL(link).searchParams.get("callbackUrl")).toBe(`${ORIGIN}/staff`);
  });

  test("sign-out deletes the session and is audited", async () => {
    const email = `support-${randomUUID()}@vendor.example`;
    const user = await db.user.create({ data: { email, role: "support" } });
    const jar = new CookieJar();
    await requestLink(jar, email);
    await send(jar, await waitForSignInLink(email));
    const sessionToken = jar.get(SESSION_COOKIE);
    expect(sessionToken).toBeTruthy();

    const signedOut = await send(jar, `${ORIGIN}/api/auth/signout`, {
      csrfToken: await csrfToken(jar),
      callbackUrl: "/staff/sign-in?signedOut=1",
    });
    expect(signedOut.headers.get("location")).toBe(`${ORIGIN}/staff/sign-in?signedOut=1`);
    expect(jar.get(SESSION_COOKIE)).toBeUndefined();
    expect(await db.session.count({ where: { sessionToken } })).toBe(0);
    expect(
      await resolveStaffUserFromSessionToken(db, sessionToken, new Date()),
    ).toBeNull();
    const event = await db.auditEvent.findFirst({
      where: { action: "staff.signed_out", actorId: user.id },
    });
    expect(event).not.toBeNull();
  });
});
