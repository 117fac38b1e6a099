// sendMail over real SMTP to the capture server on 127.0.0.1, and the
// mailbox folder the capture server writes.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";

import {
  extractLinks,
  listCapturedMails,
  saveCapturedMail,
  type CapturedMail,
} from "@/lib/dev-mail/mailbox";
import {
  startSmtpCaptureServer,
  type SmtpCaptureServer,
} from "@/lib/dev-mail/smtp-capture-server";
import { MailNotConfiguredError, sendMail } from "@/lib/mail/send-mail";

let smtp: SmtpCaptureServer;
let mailboxDir: string;
const received: CapturedMail[] = [];

beforeAll(async () => {
  mailboxDir = mkdtempSync(path.join(tmpdir(), "auth-mail-"));
  smtp = await startSmtpCaptureServer({
    mailboxDir,
    port: 0,
    onMail: (mail) => received.push(mail),
  });
});

afterAll(async () => {
  await smtp?.close();
  rmSync(mailboxDir, { recursive: true, force: true });
});

afterEach(() => {
  delete process.env.EMAIL_SERVER;
  delete process.env.EMAIL_FROM;
});

describe("sendMail", () => {
  test("delivers over SMTP to the capture server", async () => {
    process.env.EMAIL_SERVER = smtp.url;
    process.env.EMAIL_FROM = "HiBob Connect <no-reply@test.example>";
    await sendMail({
      to: "HR.Admin@Customer.example",
      subject: "Your HiBob Connect setup link",
      text: "Open https://connect.vendor.example/link/abc to start.\nThanks.",
      html: '<p><a href="https://connect.vendor.example/link/abc">Start</a></p>',
    });

    const mails = await listCapturedMails(mailboxDir);
    const mail = mails.find(
      (candidate) => candidate.subject === "Your HiBob Connect setup link",
    );
    expect(mail).toBeDefined();
    expect(mail?.to).toEqual(["hr.admin@customer.example"]);
    expect(mail?.from).toBe("no-reply@test.example");
    expect(mail?.text).toContain(
      "Open https://connect.vendor.example/link/abc to start.",
    );
    expect(mail?.html).toContain('href="https://connect.vendor.example/link/abc"');
    expect(extractLinks(mail?.text ?? "")).toEqual([
      "https://connect.vendor.example/link/abc",
    ]);
    expect(received.some((item) => item.id === mail?.id)).toBe(true);
  });

  test("without EMAIL_SERVER it throws a clear error", async () => {
    await expect(
      sendMail({ to: "a@b.example", subject: "s", text: "t" }),
    ).rejects.toBeInstanceOf(MailNotConfiguredError);
    await expect(
      sendMail({ to: "a@b.example", subject: "s", text: "t" }),
    ).rejects.toThrow(/Set EMAIL_SERVER/);
  });

  test("an unreachable SMTP server fails the call", async () => {
    // Port 1 on loopback has no listener.
    process.env.EMAIL_SERVER = "smtp://127.0.0.1:1";
    await expect(
      sendMail({ to: "a@b.example", subject: "s", text: "t" }),
    ).rejects.toThrow();
  });
});

describe("mailbox folder", () => {
  test("lists newest first and skips foreign and malformed files", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "auth-mailbox-"));
    try {
      const base = { from: "a@b.example", to: ["x@y.example"], text: "", html: null };
      await saveCapturedMail(
        dir,
        { ...base, subject: "older" },
        new Date("2026-01-01T10:00:00Z"),
      );
      await saveCapturedMail(
        dir,
        { ...base, subject: "newer" },
        new Date("2026-01-01T11:00:00Z"),
      );
      writeFileSync(path.join(dir, "1767265200000-aaaaaaaaaaaa.json"), "{not json");
      writeFileSync(path.join(dir, "notes.txt"), "not a mail");

      const mails = await listCapturedMails(dir);
      expect(mails.map((mail) => mail.subject)).toEqual(["newer", "older"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a missing folder is an empty mailbox", async () => {
    expect(await listCapturedMails(path.join(mailboxDir, "does-not-exist"))).toEqual([]);
  });
});
