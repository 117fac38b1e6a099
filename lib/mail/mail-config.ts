// SMTP settings shared by sendMail and Auth.js's email sign-in provider.
import { z } from "zod";

export type MailConfig = {
  /** SMTP URL, for example `smtps://user:password@smtp.example.com:465`. */
  server: string;
  /** The From header of every mail, for example `HiBob Connect <no-reply@example.com>`. */
  from: string;
};

const DEVELOPMENT_FROM = "HiBob Connect <no-reply@localhost>";

const smtpUrl = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value);
      return (
        (url.protocol === "smtp:" || url.protocol === "smtps:") && url.hostname !== ""
      );
    } catch {
      return false;
    }
  }, "must be an smtp:// or smtps:// URL, for example smtps://user:password@smtp.example.com:465");

export class MailConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MailConfigError";
  }
}

/**
 * Reads EMAIL_SERVER and EMAIL_FROM. Returns null when EMAIL_SERVER is unset,
 * so the app runs without mail. Production also needs EMAIL_FROM; elsewhere
 * it defaults to a local address.
 */
export function parseMailConfig(
  env: Record<string, string | undefined>,
): MailConfig | null {
  const server = env.EMAIL_SERVER?.trim();
  if (!server) {
    return null;
  }
  const parsedServer = smtpUrl.safeParse(server);
  if (!parsedServer.success) {
    // The message names the variable but never repeats the URL, which may contain a password.
    throw new MailConfigError(
      `EMAIL_SERVER ${parsedServer.error.issues[0]?.message ?? "is invalid"}`,
    );
  }

  const from = env.EMAIL_FROM?.trim();
  const production = (env.APP_ENV?.trim() || env.NODE_ENV) === "production";
  if (!from && production) {
    throw new MailConfigError(
      "EMAIL_FROM is not set. Set it to the sender of sign-in mails, for example " +
        '"HiBob Connect <no-reply@your-company.example>".',
    );
  }
  return { server: parsedServer.data, from: from || DEVELOPMENT_FROM };
}
