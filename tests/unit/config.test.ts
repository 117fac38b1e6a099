import { describe, expect, test } from "vitest";

import { ConfigError, isAllowedHibobBaseUrl, parseConfig } from "@/lib/config";

describe("parseConfig", () => {
  test("defaults point at HiBob's production and sandbox APIs", () => {
    const config = parseConfig({});
    expect(config.hibobBaseUrls.production).toBe("https://api.hibob.com/v1");
    expect(config.hibobBaseUrls.sandbox).toBe("https://api.sandbox.hibob.com/v1");
    expect(config.linkTtlDays).toBe(14);
    expect(config.databaseUrl).toBeUndefined();
  });

  test("empty variables count as unset", () => {
    const config = parseConfig({ DATABASE_URL: "", HIBOB_BASE_URL: " " });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.hibobBaseUrls.production).toBe("https://api.hibob.com/v1");
  });

  test("trailing slashes are removed", () => {
    const config = parseConfig({ HIBOB_BASE_URL: "http://127.0.0.1:4010/v1/" });
    expect(config.hibobBaseUrls.production).toBe("http://127.0.0.1:4010/v1");
  });

  test("every invalid variable is listed by name", () => {
    try {
      parseConfig({
        HIBOB_BASE_URL: "ftp://x",
        LINK_TTL_DAYS: "0",
        HIBOB_TIMEOUT_MS: "abc",
      });
      expect.unreachable("invalid configuration was accepted");
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      expect(message).toContain("HIBOB_BASE_URL");
      expect(message).toContain("LINK_TTL_DAYS");
      expect(message).toContain("HIBOB_TIMEOUT_MS");
    }
  });
});

describe("HiBob base URL", () => {
  test.each([
    ["https://api.hibob.com/v1", "production", true],
    ["https://api.sandbox.hibob.com/v1", "production", true],
    ["http://api.hibob.com/v1", "production", false],
    ["https://api.hibob.com.attacker.example/v1", "production", false],
    ["https://user:pass@api.hibob.com/v1", "production", false],
    ["https://api.hibob.com/v1?x=1", "production", false],
    ["http://127.0.0.1:4010/v1", "production", false],
    ["http://127.0.0.1:4010/v1", "development", true],
    ["http://localhost:4010/v1", "test", true],
    ["http://10.0.0.5:4010/v1", "development", false],
    ["not a url", "development", false],
  ] as const)("%s in %s: %s", (url, deployment, allowed) => {
    expect(isAllowedHibobBaseUrl(url, deployment)).toBe(allowed);
  });

  test("production refuses the simulator address", () => {
    expect(() =>
      parseConfig({ NODE_ENV: "production", HIBOB_BASE_URL: "http://127.0.0.1:4010/v1" }),
    ).toThrow(/HIBOB_BASE_URL: must be https:\/\/api.hibob.com\/v1/);
  });

  test("production requires a trusted proxy count", () => {
    expect(() => parseConfig({ NODE_ENV: "production" })).toThrow(
      /TRUST_PROXY_HOPS: must be 1 or more in production/,
    );
    expect(
      parseConfig({ NODE_ENV: "production", TRUST_PROXY_HOPS: "1" }).trustProxyHops,
    ).toBe(1);
  });

  test("proxy count defaults to none outside production", () => {
    expect(parseConfig({}).trustProxyHops).toBe(0);
    expect(() => parseConfig({ TRUST_PROXY_HOPS: "-1" })).toThrow(/TRUST_PROXY_HOPS/);
  });

  test("APP_ENV test allows the simulator in a production build", () => {
    const config = parseConfig({
      NODE_ENV: "production",
      APP_ENV: "test",
      HIBOB_BASE_URL: "http://127.0.0.1:4010/v1",
    });
    expect(config.deployment).toBe("test");
    expect(config.hibobBaseUrls.production).toBe("http://127.0.0.1:4010/v1");
  });
});
