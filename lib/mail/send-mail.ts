import "server-only";

import nodemailer, { type Transporter } from "nodemailer";

import { logger } from "@/lib/logger";

import { parseMailConfig, type MailConfig } from "./mail-config";

export type MailMessage = { to: string; subject: string; text: string; html?: string };

/** Thrown by sendMail when EMAIL_SERVER is not set. */
export class MailNotConfiguredError extends Error {
  constructor() {
    super(
      "Mail is not configured, so nothing was sent. Set EMAIL_SERVER (an smtp:// or smtps:// URL) " +
        "and EMAIL_FROM on the server.",
    );
    this.name = "MailNotConfiguredError";
  }
}

type CachedTransport = { config: MailConfig; transporter: Transporter };

const globalForMail = globalThis as unknown as { hibobConnectMail?: CachedTransport };

/** Returns the mail settings, or null when the server sends no mail. */
export function getMailConfig(): MailConfig | null {
  return parseMailConfig(process.env);
}

/** Returns the SMTP transport for `config`, reused while the configuration stays the same. */
function getTransport(config: MailConfig): Transporter {
  const cached = globalForMail.hibobConnectMail;
  if (
    cached &&
    cached.config.server === config.server &&
    cached.config.from === config.from
  ) {
    return cached.transporter;
  }
  const transporter = nodemailer.createTransport({
    url: config.server,
    // Fail on a stuck SMTP server within seconds instead of holding a request for minutes.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  globalForMail.hibobConnectMail = { config, transporter };
  return transporter;
}

/**
 * Sends one mail over SMTP with the server's EMAIL_SERVER and EMAIL_FROM.
 * Throws MailNotConfiguredError without EMAIL_SERVER, and the SMTP error when
 * the server rejects the mail or cannot be reached.
 */
export async function sendMail(message: MailMessage): Promise<void> {
  const config = getMailConfig();
  if (!config) {
    throw new MailNotConfiguredError();
  }
  const transporter = getTransport(config);
  const info: { messageId?: string } = await transporter.sendMail({
    from: config.from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    ...(message.html === undefined ? {} : { html: message.html }),
  });
  logger.info(
    { messageId: info.messageId, recipientDomain: message.to.split("@").pop() },
    "Mail sent",
  );
}
