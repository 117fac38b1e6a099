import "server-only";

import { recordAuditEvent } from "@/lib/audit";
import type { DatabaseExecutor } from "@/lib/db/types";
import type { LinkSessionMode } from "@/lib/generated/prisma/enums";
import { logger } from "@/lib/logger";

export type MailMessage = { to: string; subject: string; text: string; html?: string };

/** Sends one email; rejects when the mail server does not accept it. */
export type Mailer = (message: MailMessage) => Promise<unknown>;

export type SetupLinkEmail = {
  to: string;
  companyName: string;
  linkUrl: string;
  expiresAt: Date;
  mode: LinkSessionMode;
  /** The staff user sending the link, named as the contact. */
  sender: { name: string | null; email: string };
};

export function formatExpiry(expiresAt: Date): string {
  return `${new Intl.DateTimeFormat("en-GB", {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: "UTC",
  }).format(expiresAt)} UTC`;
}

function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

const INTRODUCTIONS: Record<LinkSessionMode, (companyName: string) => string> = {
  initial: (companyName) =>
    `Please use the link below to connect ${companyName}'s HiBob account. ` +
    "It guides you through three short steps: creating a service user in HiBob, " +
    "giving it the permissions we need, and entering its ID and token.",
  recheck: (companyName) =>
    `We checked the HiBob permissions of ${companyName}'s service user again. ` +
    "The link below shows the result and what to change in HiBob, if anything.",
  relink: (companyName) =>
    `We need new service user details for ${companyName}'s HiBob account. ` +
    "The link below guides you through creating or choosing a service user and entering its ID and token. " +
    "The details you entered before stay in use until HiBob accepts the new ones.",
};

/** Writes the email that sends an HR admin their setup link, as text and HTML. */
export function composeSetupLinkEmail(email: SetupLinkEmail): MailMessage {
  const expiry = formatExpiry(email.expiresAt);
  const contact = email.sender.name
    ? `${email.sender.name} (${email.sender.email})`
    : email.sender.email;
  const introduction = INTRODUCTIONS[email.mode](email.companyName);
  const closing = [
    `The link works until ${expiry}. It is meant for you only, so please don't forward it.`,
    `If it has expired or you have questions, reply to ${contact}.`,
  ];

  const text = [
    "Hello,",
    "",
    introduction,
    "",
    email.linkUrl,
    "",
    ...closing,
    "",
    "Thank you,",
    email.sender.name ?? email.sender.email,
    "",
  ].join("\n");

  const html = [
    "<p>Hello,</p>",
    `<p>${escapeHtml(introduction)}</p>`,
    `<p><a href="${escapeHtml(email.linkUrl)}">Open your HiBob setup link</a></p>`,
    ...closing.map((line) => `<p>${escapeHtml(line)}</p>`),
    `<p>Thank you,<br>${escapeHtml(email.sender.name ?? email.sender.email)}</p>`,
  ].join("\n");

  return {
    to: email.to,
    subject: `Connect ${email.companyName}'s HiBob account`,
    text,
    html,
  };
}

export const EMAIL_FAILED_MESSAGE =
  "The email to the HR admin could not be sent. Copy the link below and send it yourself.";

/**
 * Emails a new setup link to the HR admin and records `link.emailed`.
 * A failure is logged and returned as a message, because the link itself
 * works and staff can still copy it.
 */
export async function emailSetupLink(
  db: DatabaseExecutor,
  input: SetupLinkEmail & {
    customerId: string;
    linkSessionId: string;
    actorId: string;
    mailer: Mailer;
  },
): Promise<{ emailed: true } | { emailed: false; problem: string }> {
  try {
    await input.mailer(composeSetupLinkEmail(input));
  } catch (error) {
    logger.error(
      { err: error, customerId: input.customerId, linkSessionId: input.linkSessionId },
      "Could not email the setup link to the HR admin",
    );
    return { emailed: false, problem: EMAIL_FAILED_MESSAGE };
  }

  await recordAuditEvent(db, {
    actorType: "staff",
    actorId: input.actorId,
    action: "link.emailed",
    customerId: input.customerId,
    linkSessionId: input.linkSessionId,
    details: { to: input.to, mode: input.mode },
  });
  return { emailed: true };
}
