// Server configuration, read once from the environment and validated.
import path from "node:path";

import { z } from "zod";

const DEFAULT_HIBOB_BASE_URL = "https://api.hibob.com/v1";
const DEFAULT_HIBOB_SANDBOX_BASE_URL = "https://api.sandbox.hibob.com/v1";

const emptyToUndefined = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

const optionalString = z.preprocess(emptyToUndefined, z.string().optional());

const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http or https URL" });

/** HiBob's API hosts; nothing else may receive a customer's credentials in production. */
export const HIBOB_API_HOSTS = ["api.hibob.com", "api.sandbox.hibob.com"] as const;

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * Accepts HiBob's own hosts over https everywhere, and a loopback address
 * (the HiBob simulator) only in development and test deployments.
 */
export function isAllowedHibobBaseUrl(
  value: string,
  deployment: DeploymentEnvironment,
): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username || url.password || url.search || url.hash) {
    return false;
  }
  if (
    url.protocol === "https:" &&
    (HIBOB_API_HOSTS as readonly string[]).includes(url.hostname)
  ) {
    return true;
  }
  return deployment !== "production" && LOOPBACK_HOSTS.has(url.hostname);
}

export type DeploymentEnvironment = "development" | "test" | "production";

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /**
   * What this deployment is, when it differs from NODE_ENV: the end-to-end
   * tests run a production build as "test" so it may talk to the simulator.
   */
  APP_ENV: z.preprocess(
    emptyToUndefined,
    z.enum(["development", "test", "production"]).optional(),
  ),
  DATABASE_URL: optionalString,
  DATA_DIR: optionalString,
  APP_URL: z.preprocess(emptyToUndefined, httpUrl.default("http://localhost:3000")),
  HIBOB_BASE_URL: z.preprocess(emptyToUndefined, httpUrl.default(DEFAULT_HIBOB_BASE_URL)),
  HIBOB_SANDBOX_BASE_URL: z.preprocess(
    emptyToUndefined,
    httpUrl.default(DEFAULT_HIBOB_SANDBOX_BASE_URL),
  ),
  HIBOB_TIMEOUT_MS: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int().min(1000).max(120_000).default(10_000),
  ),
  LINK_TTL_DAYS: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int().min(1).max(90).default(14),
  ),
  TRUST_PROXY_HOPS: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int().min(0).max(10).optional(),
  ),
});

export type AppConfig = {
  environment: "development" | "production" | "test";
  deployment: DeploymentEnvironment;
  databaseUrl: string | undefined;
  dataDir: string;
  appUrl: string;
  hibobBaseUrls: { production: string; sandbox: string };
  hibobTimeoutMs: number;
  linkTtlDays: number;
  /**
   * Reverse proxies in front of the app that append the address they were
   * connected from to X-Forwarded-For. See lib/request-ip.ts.
   */
  trustProxyHops: number;
};

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

/**
 * Parses the environment. Lists every invalid variable by name and reason,
 * never by value, because some of them are secrets.
 */
export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `- ${issue.path.join(".")}: ${issue.message}`)
      .join("\n");
    throw new ConfigError(`Invalid server configuration:\n${problems}`);
  }
  const values = parsed.data;
  const deployment = values.APP_ENV ?? values.NODE_ENV;

  const invalidSettings = (
    [
      ["HIBOB_BASE_URL", values.HIBOB_BASE_URL],
      ["HIBOB_SANDBOX_BASE_URL", values.HIBOB_SANDBOX_BASE_URL],
    ] as const
  )
    .filter(([, url]) => !isAllowedHibobBaseUrl(url, deployment))
    .map(
      ([name]) =>
        `- ${name}: must be https://${HIBOB_API_HOSTS.join("/v1 or https://")}/v1` +
        (deployment === "production"
          ? " (a loopback simulator address is accepted only when APP_ENV is development or test)"
          : " or a loopback address of the HiBob simulator"),
    );
  // next start does not terminate TLS, and it keeps an X-Forwarded-For header
  // that the client sent, so a production server needs a proxy in front and
  // must know how many there are.
  if (deployment === "production" && (values.TRUST_PROXY_HOPS ?? 0) < 1) {
    invalidSettings.push(
      "- TRUST_PROXY_HOPS: must be 1 or more in production. Run the app behind the reverse proxy " +
        "or load balancer that terminates TLS and appends the client address to X-Forwarded-For, " +
        "and set this to the number of such proxies (usually 1).",
    );
  }
  if (invalidSettings.length > 0) {
    throw new ConfigError(`Invalid server configuration:\n${invalidSettings.join("\n")}`);
  }

  return {
    environment: values.NODE_ENV,
    deployment,
    databaseUrl: values.DATABASE_URL,
    // Runtime data, not source: keep the bundler from tracing this path.
    dataDir: path.resolve(/*turbopackIgnore: true*/ values.DATA_DIR ?? ".data"),
    appUrl: values.APP_URL.replace(/\/+$/, ""),
    hibobBaseUrls: {
      production: values.HIBOB_BASE_URL.replace(/\/+$/, ""),
      sandbox: values.HIBOB_SANDBOX_BASE_URL.replace(/\/+$/, ""),
    },
    hibobTimeoutMs: values.HIBOB_TIMEOUT_MS,
    linkTtlDays: values.LINK_TTL_DAYS,
    trustProxyHops: values.TRUST_PROXY_HOPS ?? 0,
  };
}
