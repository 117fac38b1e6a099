// Reads mails that the app sent to the SMTP capture server started by
// e2e/global-setup.ts.
import {
  extractLinks,
  listCapturedMails,
  type CapturedMail,
} from "@/lib/dev-mail/mailbox";

export function mailboxDir(): string {
  const dir = process.env.E2E_MAILBOX_DIR;
  if (!dir) {
    throw new Error(
      "E2E_MAILBOX_DIR is not set; run the tests through `npx playwright test`.",
    );
  }
  return dir;
}

/** Returns the mails to `address` received at or after `since`, newest first. */
export async function mailsTo(
  address: string,
  since = new Date(0),
): Promise<CapturedMail[]> {
  const recipient = address.trim().toLowerCase();
  const mails = await listCapturedMails(mailboxDir());
  return mails.filter(
    (mail) =>
      mail.to.includes(recipient) &&
      new Date(mail.receivedAt).getTime() >= since.getTime(),
  );
}

export type ReceivedMail = CapturedMail & { links: string[] };

/**
 * Waits until a mail to `address` arrives (received at or after `since`) and
 * returns the newest one with the links in its text.
 */
export async function waitForMail(
  address: string,
  options: { since?: Date; timeoutMs?: number; subject?: RegExp } = {},
): Promise<ReceivedMail> {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  while (Date.now() < deadline) {
    const mail = (await mailsTo(address, options.since)).find(
      (candidate) => !options.subject || options.subject.test(candidate.subject),
    );
    if (mail) {
      return { ...mail, links: extractLinks(mail.text) };
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(
    `No mail to ${address}${options.subject ? ` with a subject matching ${options.subject}` : ""} arrived within ${options.timeoutMs ?? 15_000} ms.`,
  );
}
