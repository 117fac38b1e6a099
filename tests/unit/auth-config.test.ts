import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterEach, describe, expect, test } from "vitest";

import { parseAllowlist } from "@/lib/auth/allowlist";
import {
  EMAIL_PROVIDER_ID,
  SIGN_IN_LINK_MINUTES,
  buildProviders,
  createAuthConfig,
  resolveRedirect,
  type SignInMail,
} from "@/lib/auth/auth-config";
import {
  AuthSettingsError,
  parseAuthSettings,
  parseOidcSettings,
  type AuthSettings,
} from "@/lib/auth/auth-env";
import { AuthSecretError, resolveAuthSecret } from "@/lib/auth/auth-secret";
import { buildOidcProvider, OIDC_PROVIDER_ID } from "@/lib/auth/oidc-provider";
import { safeCallbackPath } from "@/lib/auth/paths";
import { signInErrorMessage } from "@/lib/auth/sign-in-errors";
import { composeSignInMail, pinToAppOrigin } from "@/lib/auth/sign-in-mail";
import type { Database } from "@/lib/db/types";
import { MailConfigError, parseMailConfig } from "@/lib/mail/mail-config";

const BASE = {
  appUrl: "https://connect.vendor.example",
  deployment: "production",
} as const;
const OIDC_ENV = {
  AUTH_OIDC_ISSUER: "https://login.vendor.example/realms/staff/",
  AUTH_OIDC_CLIENT_ID: "hibob-connect",
  AUTH_OIDC_CLIENT_SECRET: "client-secret-value",
};

function settings(overrides: Partial<AuthSettings> = {}): AuthSettings {
  return {
    appUrl: "https://connect.vendor.example",
    production: true,
    allowlist: parseAllowlist(undefined, undefined),
    defaultRole: "csm",
    oidc: null,
    mail: null,
    sessionMaxAgeSeconds: 12 * 3600,
    ...overrides,
  };
}

describe("parseAuthSettings", () => {
  test("defaults: csm role, 12-hour sessions, no providers", () => {
    const parsed = parseAuthSettings({}, BASE);
    expect(parsed.defaultRole).toBe("csm");
    expect(parsed.sessionMaxAgeSeconds).toBe(12 * 3600);
    expect(parsed.oidc).toBeNull();
    expect(parsed.mail).toBeNull();
    expect(parsed.production).toBe(true);
  });

  test("reads the allowlist and default role", () => {
    const parsed = parseAuthSettings(
      {
        STAFF_ALLOWED_EMAILS: "Ana@Partner.example",
        STAFF_ALLOWED_DOMAINS: "vendor.example",
        STAFF_DEFAULT_ROLE: "Support",
        STAFF_SESSION_HOURS: "8",
      },
      BASE,
    );
    expect([...parsed.allowlist.emails]).toEqual(["ana@partner.example"]);
    expect([...parsed.allowlist.domains]).toEqual(["vendor.example"]);
    expect(parsed.defaultRole).toBe("support");
    expect(parsed.sessionMaxAgeSeconds).toBe(8 * 3600);
  });

  test("unknown default role is rejected", () => {
    expect(() => parseAuthSettings({ STAFF_DEFAULT_ROLE: "owner" }, BASE)).toThrow(
      /STAFF_DEFAULT_ROLE must be csm, support or admin/,
    );
  });

  test("session hours outside 1 to 720 are rejected", () => {
    for (const value of ["0", "721", "1.5", "abc"]) {
      expect(
        () => parseAuthSettings({ STAFF_SESSION_HOURS: value }, BASE),
        value,
      ).toThrow(AuthSettingsError);
    }
  });

  test("trailing slash is removed from the app URL", () => {
    const parsed = parseAuthSettings({}, { ...BASE, appUrl: "http://localhost:3000/" });
    expect(parsed.appUrl).toBe("http://localhost:3000");
  });
});

describe("parseOidcSettings", () => {
  test("unset when none of the three variables is set", () => {
    expect(parseOidcSettings({}, "production")).toBeNull();
    expect(parseOidcSettings({ AUTH_OIDC_NAME: "Okta" }, "production")).toBeNull();
  });

  test("complete settings with the default name", () => {
    expect(parseOidcSettings(OIDC_ENV, "production")).toEqual({
      issuer: "https://login.vendor.example/realms/staff",
      clientId: "hibob-connect",
      clientSecret: "client-secret-value",
      name: "company SSO",
    });
  });

  test("custom display name", () => {
    expect(
      parseOidcSettings({ ...OIDC_ENV, AUTH_OIDC_NAME: "Okta" }, "production")?.name,
    ).toBe("Okta");
  });

  test("half configuration names the missing variables", () => {
    expect(() =>
      parseOidcSettings({ AUTH_OIDC_ISSUER: OIDC_ENV.AUTH_OIDC_ISSUER }, "production"),
    ).toThrow(/AUTH_OIDC_CLIENT_ID, AUTH_OIDC_CLIENT_SECRET are missing/);
  });

  test("error message never contains the client secret", () => {
    try {
      parseOidcSettings(
        { AUTH_OIDC_CLIENT_ID: "id", AUTH_OIDC_CLIENT_SECRET: "super-secret-value" },
        "production",
      );
      expect.unreachable();
    } catch (error) {
      expect(String(error)).not.toContain("super-secret-value");
    }
  });

  test("plain http issuer only on loopback outside production", () => {
    const loopback = {
      ...OIDC_ENV,
      AUTH_OIDC_ISSUER: "http://127.0.0.1:8080/realms/staff",
    };
    expect(parseOidcSettings(loopback, "development")?.issuer).toBe(
      "http://127.0.0.1:8080/realms/staff",
    );
    expect(() => parseOidcSettings(loopback, "production")).toThrow(/must use https/);
    const remote = { ...OIDC_ENV, AUTH_OIDC_ISSUER: "http://login.vendor.example" };
    expect(() => parseOidcSettings(remote, "development")).toThrow(/must use https/);
  });

  test("issuer that is not a URL is rejected", () => {
    expect(() =>
      parseOidcSettings(
        { ...OIDC_ENV, AUTH_OIDC_ISSUER: "login.vendor.example" },
        "production",
      ),
    ).toThrow(/AUTH_OIDC_ISSUER must be the issuer URL/);
  });
});

describe("parseMailConfig", () => {
  test("unset EMAIL_SERVER means no mail", () => {
    expect(parseMailConfig({})).toBeNull();
    expect(parseMailConfig({ EMAIL_SERVER: "  " })).toBeNull();
  });

  test("development defaults the sender", () => {
    expect(parseMailConfig({ EMAIL_SERVER: "smtp://127.0.0.1:2525" })).toEqual({
      server: "smtp://127.0.0.1:2525",
      from: "HiBob Connect <no-reply@localhost>",
    });
  });

  test("production requires EMAIL_FROM", () => {
    expect(() =>
      parseMailConfig({
        EMAIL_SERVER: "smtps://smtp.example.com",
        NODE_ENV: "production",
      }),
    ).toThrow(/EMAIL_FROM is not set/);
    expect(
      parseMailConfig({
        EMAIL_SERVER: "smtps://smtp.example.com",
        EMAIL_FROM: "Connect <no-reply@vendor.example>",
        NODE_ENV: "production",
      })?.from,
    ).toBe("Connect <no-reply@vendor.example>");
  });

  test("APP_ENV test relaxes a production build", () => {
    expect(
      parseMailConfig({
        EMAIL_SERVER: "smtp://127.0.0.1:1",
        NODE_ENV: "production",
        APP_ENV: "test",
      })?.from,
    ).toBe("HiBob Connect <no-reply@localhost>");
  });

  test("non-SMTP URL is rejected without echoing it", () => {
    for (const server of ["https://smtp.example.com", "smtp.example.com", "smtp://"]) {
      try {
        parseMailConfig({ EMAIL_SERVER: server });
        expect.unreachable(server);
      } catch (error) {
        expect(error).toBeInstanceOf(MailConfigError);
        expect((error as Error).message).toMatch(/^EMAIL_SERVER must be an smtp/);
      }
    }
    try {
      parseMailConfig({ EMAIL_SERVER: "http://user:pa55word@smtp.example.com" });
    } catch (error) {
      expect(String(error)).not.toContain("pa55word");
    }
  });
});

/** Applies a provider's user options over its defaults, as Auth.js does at run time. */
function effectiveProvider(provider: unknown): Record<string, unknown> {
  const { options, ...defaults } = provider as { options?: Record<string, unknown> };
  return { ...defaults, ...options };
}

describe("buildProviders", () => {
  const noMail = async (): Promise<void> => {};

  test("no providers without mail or SSO settings", () => {
    expect(buildProviders(settings(), noMail)).toEqual([]);
  });

  test("email provider when mail is configured", () => {
    const providers = buildProviders(
      settings({ mail: { server: "smtp://127.0.0.1:2525", from: "A <a@b.example>" } }),
      noMail,
    );
    expect(providers).toHaveLength(1);
    const provider = effectiveProvider(providers[0]);
    expect(provider.id).toBe(EMAIL_PROVIDER_ID);
    expect(provider.type).toBe("email");
    expect(provider.maxAge).toBe(SIGN_IN_LINK_MINUTES * 60);
  });

  test("both providers, email first", () => {
    const providers = buildProviders(
      settings({
        mail: { server: "smtp://127.0.0.1:2525", from: "A <a@b.example>" },
        oidc: parseOidcSettings(OIDC_ENV, "production"),
      }),
      noMail,
    );
    expect(providers.map((provider) => effectiveProvider(provider).id)).toEqual([
      EMAIL_PROVIDER_ID,
      OIDC_PROVIDER_ID,
    ]);
  });

  test("sign-in mail link is pinned to the app URL", async () => {
    const sent: SignInMail[] = [];
    const [provider] = buildProviders(
      settings({ mail: { server: "smtp://127.0.0.1:2525", from: "A <a@b.example>" } }),
      async (mail) => {
        sent.push(mail);
      },
    );
    const email = effectiveProvider(provider) as {
      sendVerificationRequest(params: { identifier: string; url: string }): Promise<void>;
    };
    await email.sendVerificationRequest({
      identifier: "ana@vendor.example",
      url: "http://attacker.example/api/auth/callback/nodemailer?token=abc&email=ana%40vendor.example",
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.to).toBe("ana@vendor.example");
    expect(sent[0]?.text).toContain(
      "https://connect.vendor.example/api/auth/callback/nodemailer?token=abc&email=ana%40vendor.example",
    );
    expect(sent[0]?.text).not.toContain("attacker.example");
  });
});

describe("buildOidcProvider", () => {
  const oidc = parseOidcSettings({ ...OIDC_ENV, AUTH_OIDC_NAME: "Okta" }, "production");

  test("generic OpenID Connect client from the settings", () => {
    if (!oidc) {
      throw new Error("OIDC settings expected");
    }
    const provider = buildOidcProvider(oidc);
    expect(provider.id).toBe("oidc");
    expect(provider.type).toBe("oidc");
    expect(provider.name).toBe("Okta");
    expect(provider.issuer).toBe("https://login.vendor.example/realms/staff");
    expect(provider.clientId).toBe("hibob-connect");
    expect(provider.clientSecret).toBe("client-secret-value");
    expect(provider.checks).toEqual(["pkce", "state", "nonce"]);
    expect(provider.allowDangerousEmailAccountLinking).toBe(true);
  });

  test("profile email is trimmed and lower-cased", async () => {
    if (!oidc) {
      throw new Error("OIDC settings expected");
    }
    const provider = buildOidcProvider(oidc);
    const user = await provider.profile?.(
      { sub: "abc-123", email: " Ana@Vendor.Example ", name: "Ana" },
      {},
    );
    expect(user).toEqual({
      id: "abc-123",
      email: "ana@vendor.example",
      name: "Ana",
      image: null,
    });
  });
});

describe("createAuthConfig", () => {
  const config = createAuthConfig({
    db: {} as Database,
    settings: settings({ appUrl: "http://localhost:3000", production: false }),
    secret: "x".repeat(44),
    sendSignInMail: async () => {},
  });

  test("database sessions with the configured lifetime", () => {
    expect(config.session).toEqual({ strategy: "database", maxAge: 12 * 3600 });
  });

  test("custom pages under /staff", () => {
    expect(config.pages).toEqual({
      signIn: "/staff/sign-in",
      error: "/staff/sign-in",
      verifyRequest: "/staff/sign-in/check-email",
      signOut: "/staff/sign-out",
    });
  });

  test("secure cookies follow the app URL's scheme", () => {
    expect(config.useSecureCookies).toBe(false);
    const https = createAuthConfig({
      db: {} as Database,
      settings: settings(),
      secret: "x".repeat(44),
      sendSignInMail: async () => {},
    });
    expect(https.useSecureCookies).toBe(true);
  });
});

describe("resolveRedirect", () => {
  const base = "http://127.0.0.1:3000";
  const app = "https://connect.vendor.example";

  test("same-site paths are kept", () => {
    expect(resolveRedirect("/staff/admin/users", base, app)).toBe(
      "http://127.0.0.1:3000/staff/admin/users",
    );
  });

  test("URLs on the request or app origin are kept", () => {
    expect(resolveRedirect("http://127.0.0.1:3000/staff?x=1", base, app)).toBe(
      "http://127.0.0.1:3000/staff?x=1",
    );
    expect(resolveRedirect("https://connect.vendor.example/staff", base, app)).toBe(
      "https://connect.vendor.example/staff",
    );
  });

  test("other origins and tricks fall back to the dashboard", () => {
    for (const url of [
      "https://evil.example/staff",
      "//evil.example/staff",
      "/\\evil.example",
      "javascript:alert(1)",
      "not a url",
    ]) {
      expect(resolveRedirect(url, base, app), url).toBe("http://127.0.0.1:3000/staff");
    }
  });
});

describe("safeCallbackPath", () => {
  test("keeps same-site paths with query", () => {
    expect(safeCallbackPath("/staff/customers/abc?tab=1")).toBe(
      "/staff/customers/abc?tab=1",
    );
  });

  test("replaces everything else with the dashboard", () => {
    for (const value of [
      undefined,
      null,
      "",
      "staff",
      "//evil.example",
      "/\\evil.example",
      "/\t/evil.example",
      "https://evil.example",
    ]) {
      expect(safeCallbackPath(value), String(value)).toBe("/staff");
    }
  });
});

describe("sign-in mail", () => {
  test("pinToAppOrigin replaces scheme, host and port only", () => {
    expect(
      pinToAppOrigin(
        "http://evil.example:8080/api/auth/callback/nodemailer?token=t&email=a%40b.example",
        "https://connect.vendor.example",
      ),
    ).toBe(
      "https://connect.vendor.example/api/auth/callback/nodemailer?token=t&email=a%40b.example",
    );
  });

  test("mail contains the link and its lifetime, HTML escaped", () => {
    const mail = composeSignInMail({
      url: "https://x.example/cb?a=1&b=2",
      validMinutes: 30,
    });
    expect(mail.subject).toBe("Sign in to HiBob Connect");
    expect(mail.text).toContain("https://x.example/cb?a=1&b=2");
    expect(mail.text).toContain("within 30 minutes");
    expect(mail.html).toContain('href="https://x.example/cb?a=1&amp;b=2"');
  });
});

describe("signInErrorMessage", () => {
  test("no code, no message", () => {
    expect(signInErrorMessage(undefined)).toBeNull();
    expect(signInErrorMessage("")).toBeNull();
  });

  test("refusal tells the user to ask for an invitation", () => {
    expect(signInErrorMessage("AccessDenied")).toMatch(
      /Ask an admin of HiBob Connect to invite you/,
    );
  });

  test("expired link asks for a new one", () => {
    expect(signInErrorMessage("Verification")).toMatch(/expired or was already used/);
  });

  test("SSO and unknown errors get generic messages", () => {
    expect(signInErrorMessage("OAuthCallbackError")).toMatch(
      /company SSO did not finish/,
    );
    expect(signInErrorMessage("Configuration")).toMatch(/problem on our side/);
    expect(signInErrorMessage("<script>")).toMatch(/problem on our side/);
  });
});

describe("resolveAuthSecret", () => {
  let dir: string | undefined;
  const warnings: string[] = [];
  const warn = (message: string) => warnings.push(message);

  afterEach(() => {
    if (dir) {
      rmSync(dir, { recursive: true, force: true });
      dir = undefined;
    }
    warnings.length = 0;
  });

  function tempDir(): string {
    dir = mkdtempSync(path.join(tmpdir(), "auth-secret-"));
    return dir;
  }

  test("uses AUTH_SECRET when set", () => {
    const secret = "s".repeat(44);
    expect(
      resolveAuthSecret({
        env: { AUTH_SECRET: secret },
        dataDir: tempDir(),
        production: true,
        warn,
      }),
    ).toBe(secret);
  });

  test("rejects a short AUTH_SECRET without echoing it", () => {
    try {
      resolveAuthSecret({
        env: { AUTH_SECRET: "short-secret" },
        dataDir: tempDir(),
        production: false,
        warn,
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AuthSecretError);
      expect(String(error)).not.toContain("short-secret");
    }
  });

  test("production without AUTH_SECRET fails with a hint", () => {
    expect(() =>
      resolveAuthSecret({ env: {}, dataDir: tempDir(), production: true, warn }),
    ).toThrow(/AUTH_SECRET is not set.*openssl rand -base64 32/);
  });

  test("development creates a private secret file once and reuses it", () => {
    const dataDir = tempDir();
    const first = resolveAuthSecret({ env: {}, dataDir, production: false, warn });
    const second = resolveAuthSecret({ env: {}, dataDir, production: false, warn });
    expect(first).toBe(second);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(warnings).toHaveLength(1);
    const file = path.join(dataDir, "auth-secret.json");
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({ secret: first });
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  test("malformed secret file is reported", () => {
    const dataDir = tempDir();
    writeFileSync(path.join(dataDir, "auth-secret.json"), '{"secret":"short"}');
    expect(() =>
      resolveAuthSecret({ env: {}, dataDir, production: false, warn }),
    ).toThrow(/malformed/);
  });
});
