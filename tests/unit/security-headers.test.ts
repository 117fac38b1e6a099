import { describe, expect, test } from "vitest";

import {
  buildContentSecurityPolicy,
  buildSecurityHeaders,
  parseFrameAncestors,
} from "@/lib/http/security-headers";
import { clientIpFromHeaders } from "@/lib/request-ip";

describe("security headers", () => {
  test("production CSP has the nonce and no eval", () => {
    const csp = buildContentSecurityPolicy({
      nonce: "abc123",
      production: true,
      frameAncestors: [],
    });
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
  });

  test("development CSP allows eval for React", () => {
    const csp = buildContentSecurityPolicy({
      nonce: "n",
      production: false,
      frameAncestors: [],
    });
    expect(csp).toContain("'unsafe-eval'");
  });

  test("HSTS only in production", () => {
    const production = buildSecurityHeaders({
      nonce: "n",
      production: true,
      frameAncestors: [],
    });
    const development = buildSecurityHeaders({
      nonce: "n",
      production: false,
      frameAncestors: [],
    });
    expect(production["Strict-Transport-Security"]).toMatch(/max-age=\d+/);
    expect(development["Strict-Transport-Security"]).toBeUndefined();
  });

  test("allowed embedders replace DENY", () => {
    const headers = buildSecurityHeaders({
      nonce: "n",
      production: true,
      frameAncestors: ["https://app.vendor.example"],
    });
    expect(headers["Content-Security-Policy"]).toContain(
      "frame-ancestors https://app.vendor.example",
    );
    expect(headers["X-Frame-Options"]).toBeUndefined();
  });

  test("form-action adds the SSO origin", () => {
    const csp = buildContentSecurityPolicy({
      nonce: "n",
      production: true,
      frameAncestors: [],
      formActionOrigins: ["https://sso.vendor.example"],
    });
    expect(csp).toContain("form-action 'self' https://sso.vendor.example");
  });

  test("frame ancestors accept only https origins", () => {
    expect(
      parseFrameAncestors(
        "https://a.example, http://b.example javascript:alert(1) https://c.example:8443",
      ),
    ).toEqual(["https://a.example", "https://c.example:8443"]);
    expect(parseFrameAncestors(undefined)).toEqual([]);
  });
});

describe("clientIpFromHeaders", () => {
  const forwarded = new Headers({
    "x-forwarded-for": "198.51.100.1, 203.0.113.9, 192.0.2.7",
  });

  test("no proxy uses the last entry", () => {
    expect(clientIpFromHeaders(forwarded, 0)).toBe("192.0.2.7");
  });

  test("one proxy uses its entry", () => {
    // The client sent "198.51.100.1, 203.0.113.9"; the proxy appended 192.0.2.7.
    expect(clientIpFromHeaders(forwarded, 1)).toBe("192.0.2.7");
  });

  test("two proxies skip the inner one", () => {
    expect(clientIpFromHeaders(forwarded, 2)).toBe("203.0.113.9");
  });

  test("client entries cannot replace the proxy's", () => {
    const spoofed = new Headers({ "x-forwarded-for": "10.9.9.9, 192.0.2.7" });
    expect(clientIpFromHeaders(spoofed, 1)).toBe("192.0.2.7");
  });

  test("too few entries give unknown", () => {
    expect(clientIpFromHeaders(new Headers({ "x-forwarded-for": "192.0.2.7" }), 2)).toBe(
      "unknown",
    );
  });

  test("missing header gives unknown", () => {
    expect(clientIpFromHeaders(new Headers(), 1)).toBe("unknown");
  });
});
