import { describe, expect, test } from "vitest";

import { composeInvitationMail } from "@/lib/auth/invitation-mail";
import { devMailboxDir } from "@/lib/dev-mail/config";
import { extractLinks, splitTextAndLinks } from "@/lib/dev-mail/mailbox";

describe("extractLinks", () => {
  test("finds http and https URLs in order", () => {
    const text =
      "Open http://localhost:3000/api/auth/callback/nodemailer?token=a&email=b%40c.example.\n" +
      "Or (https://connect.example/staff/sign-in) later.";
    expect(extractLinks(text)).toEqual([
      "http://localhost:3000/api/auth/callback/nodemailer?token=a&email=b%40c.example.",
      "https://connect.example/staff/sign-in",
    ]);
  });

  test("ignores other schemes", () => {
    expect(
      extractLinks("javascript:alert(1) mailto:a@b.example ftp://x.example"),
    ).toEqual([]);
  });
});

describe("splitTextAndLinks", () => {
  test("keeps every character, in order", () => {
    const text = "Hi,\nopen https://a.example/x now, or https://b.example.";
    const parts = splitTextAndLinks(text);
    expect(parts.map((part) => part.value).join("")).toBe(text);
    expect(
      parts.filter((part) => part.kind === "link").map((part) => part.value),
    ).toEqual(["https://a.example/x", "https://b.example."]);
  });

  test("text without links is one part", () => {
    expect(splitTextAndLinks("no links")).toEqual([{ kind: "text", value: "no links" }]);
    expect(splitTextAndLinks("")).toEqual([]);
  });
});

describe("devMailboxDir", () => {
  test("enabled outside production when DEV_MAILBOX_DIR is set", () => {
    expect(devMailboxDir({ NODE_ENV: "development", DEV_MAILBOX_DIR: "/tmp/mail" })).toBe(
      "/tmp/mail",
    );
  });

  test("disabled in production even when set", () => {
    expect(
      devMailboxDir({ NODE_ENV: "production", DEV_MAILBOX_DIR: "/tmp/mail" }),
    ).toBeNull();
  });

  test("disabled when unset or blank", () => {
    expect(devMailboxDir({ NODE_ENV: "development" })).toBeNull();
    expect(devMailboxDir({ NODE_ENV: "development", DEV_MAILBOX_DIR: " " })).toBeNull();
  });
});

describe("composeInvitationMail", () => {
  test("names the inviter and role and links the sign-in page", () => {
    const mail = composeInvitationMail({
      appUrl: "https://connect.vendor.example",
      role: "support",
      invitedBy: { name: "Alex Admin", email: "alex@vendor.example" },
    });
    expect(mail.subject).toBe("You are invited to the HiBob Connect staff console");
    expect(mail.text).toContain("Alex Admin (alex@vendor.example) invited you");
    expect(mail.text).toContain("as Support");
    expect(extractLinks(mail.text)).toEqual([
      "https://connect.vendor.example/staff/sign-in",
    ]);
  });

  test("inviter without a name is shown by address", () => {
    const mail = composeInvitationMail({
      appUrl: "http://localhost:3000",
      role: "csm",
      invitedBy: { name: null, email: "alex@vendor.example" },
    });
    expect(mail.text.startsWith("alex@vendor.example invited you")).toBe(true);
  });
});
