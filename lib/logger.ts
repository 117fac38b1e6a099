// Structured logging with pino: JSON lines, each with the request id when one
// is being handled. Secrets are redacted by key name wherever they appear in
// a logged object.
import pino, { type Logger } from "pino";

import { currentRequestContext } from "./request-context";

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

/** Builds a logger with the app's settings; tests pass their own destination. */
export function createAppLogger(destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "warn" : "info"),
    base: { service: "hibob-connect" },
    redact: { paths: redactPaths, censor: "[redacted]" },
    serializers: { err: pino.stdSerializers.err },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Adds the request id to every line written while a request is handled.
    mixin: () => {
      const context = currentRequestContext();
      return context ? { requestId: context.requestId } : {};
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

const globalForLogger = globalThis as unknown as { hibobConnectLogger?: Logger };

export const logger: Logger = globalForLogger.hibobConnectLogger ?? createAppLogger();
globalForLogger.hibobConnectLogger = logger;
