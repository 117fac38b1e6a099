// Structured logging with pino. JSON lines in production; set LOG_PRETTY=1 to
// read them as text in development. Secrets are redacted by key name wherever
// they appear in a logged object.
import pino, { type Logger } from "pino";

export const REDACTED_KEYS = [
  "token",
  "serviceUserToken",
  "authorization",
  "Authorization",
  "cookie",
  "password",
  "key",
  "encryptedToken",
  "linkToken",
];

const redactPaths = REDACTED_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);

function createLogger(): Logger {
  return pino({
    level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "warn" : "info"),
    base: { service: "hibob-connect" },
    redact: { paths: redactPaths, censor: "[redacted]" },
    serializers: { err: pino.stdSerializers.err },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}

const globalForLogger = globalThis as unknown as { hibobConnectLogger?: Logger };

export const logger: Logger = globalForLogger.hibobConnectLogger ?? createLogger();
globalForLogger.hibobConnectLogger = logger;
