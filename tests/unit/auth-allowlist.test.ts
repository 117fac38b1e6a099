import { describe, expect, test } from "vitest";

import {
  AllowlistError,
  EMPTY_ALLOWLIST,
  decideStaffSignIn,
  emailDomain,
  isAllowlisted,
  normalizeEmail,
  parseAllowlist,
} from "@/lib/auth/allowlist";

describe("parseAllowlist", () => {
  test("splits, trims and lower-cases entries", () => {
    const allowlist = parseAllowlist(
      " Ana@Example.com , ben@example.org,, ",
      "Example.NET",
    );
    expect([...allowlist.emails]).toEqual(["ana@example.com", "ben@example.org"]);
    expect([...allowlist.domains]).toEqual(["example.net"]);
  });

  test("accepts domains with a leading @", () => {
    const allowlist = parseAllowlist(undefined, "@vendor.example");
    expect([...allowlist.domains]).toEqual(["vendor.example"]);
  });

  test("unset and blank lists are empty", () => {
    for (const value of [undefined, "", " , "]) {
      const allowlist = parseAllowlist(value, value);
      expect(allowlist.emails.size).toBe(0);
      expect(allowlist.domains.size).toBe(0);
    }
  });

  test("invalid email entry is named", () => {
    expect(() => parseAllowlist("ana@example.com,not-an-address", undefined)).toThrow(
      AllowlistError,
    );
    expect(() => parseAllowlist("not-an-address", undefined)).toThrow(/"not-an-address"/);
  });

  test("invalid domain entry is named", () => {
    for (const domain of [
      "localhost",
      "exa mple.com",
      "ana@example.com",
      "-bad.example",
    ]) {
      expect(() => parseAllowlist(undefined, domain), domain).toThrow(AllowlistError);
    }
  });
});

describe("isAllowlisted", () => {
  const allowlist = parseAllowlist("ana@partner.example", "vendor.example");

  test("matches listed addresses in any case", () => {
    expect(isAllowlisted(allowlist, "ana@partner.example")).toBe(true);
    expect(isAllowlisted(allowlist, "  ANA@Partner.Example ")).toBe(true);
  });

  test("matches every address of a listed domain", () => {
    expect(isAllowlisted(allowlist, "someone@vendor.example")).toBe(true);
    expect(isAllowlisted(allowlist, "Someone@VENDOR.example")).toBe(true);
  });

  test("other addresses of a listed address's domain do not match", () => {
    expect(isAllowlisted(allowlist, "ben@partner.example")).toBe(false);
  });

  test("subdomains and look-alike domains do not match", () => {
    expect(isAllowlisted(allowlist, "a@mail.vendor.example")).toBe(false);
    expect(isAllowlisted(allowlist, "a@evilvendor.example")).toBe(false);
    expect(isAllowlisted(allowlist, "a@vendor.example.evil.test")).toBe(false);
  });

  test("the empty allowlist matches nothing", () => {
    expect(isAllowlisted(EMPTY_ALLOWLIST, "ana@partner.example")).toBe(false);
  });
});

describe("decideStaffSignIn", () => {
  const allowlist = parseAllowlist("ana@partner.example", "vendor.example");

  test("active user is allowed without the allowlist", () => {
    expect(
      decideStaffSignIn({
        email: "someone@elsewhere.example",
        existing: { active: true },
        allowlist: EMPTY_ALLOWLIST,
      }),
    ).toEqual({ allowed: true, reason: "active-user" });
  });

  test("deactivated user is refused even when allowlisted", () => {
    expect(
      decideStaffSignIn({
        email: "ana@partner.example",
        existing: { active: false },
        allowlist,
      }),
    ).toEqual({ allowed: false, reason: "deactivated" });
    expect(
      decideStaffSignIn({
        email: "zoe@vendor.example",
        existing: { active: false },
        allowlist,
      }),
    ).toEqual({ allowed: false, reason: "deactivated" });
  });

  test("allowlisted newcomer is allowed", () => {
    expect(
      decideStaffSignIn({ email: "New@Vendor.Example", existing: null, allowlist }),
    ).toEqual({ allowed: true, reason: "allowlisted" });
  });

  test("unknown address is refused as not invited", () => {
    expect(
      decideStaffSignIn({ email: "eve@attacker.example", existing: null, allowlist }),
    ).toEqual({ allowed: false, reason: "not-invited" });
  });

  test("malformed address is refused", () => {
    for (const email of [
      "",
      "no-at-sign",
      "a@b",
      '"a"@vendor.example',
      "a b@vendor.example",
    ]) {
      expect(decideStaffSignIn({ email, existing: null, allowlist }), email).toEqual({
        allowed: false,
        reason: "invalid-email",
      });
    }
  });
});

describe("email helpers", () => {
  test("normalizeEmail trims and lower-cases", () => {
    expect(normalizeEmail("  Ana@Example.COM\n")).toBe("ana@example.com");
  });

  test("emailDomain returns the part after the last @", () => {
    expect(emailDomain("ana@example.com")).toBe("example.com");
    expect(emailDomain("no-at-sign")).toBeNull();
    expect(emailDomain("trailing@")).toBeNull();
    expect(emailDomain("@leading.example")).toBeNull();
  });
});
