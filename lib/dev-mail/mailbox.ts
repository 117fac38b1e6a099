// A folder of captured mails, one JSON file per mail, written by the local
// SMTP capture server and read by the /dev/mailbox page and end-to-end tests.
// Development and test only: nothing in production writes or reads it.
import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";

export type CapturedMail = {
  id: string;
  /** ISO 8601 time the capture server received the mail. */
  receivedAt: string;
  /** The envelope sender (MAIL FROM). */
  from: string;
  /** The envelope recipients (RCPT TO), lower-cased. */
  to: string[];
  subject: string;
  text: string;
  html: string | null;
};

const MAIL_FILE_PATTERN = /^\d{13}-[0-9a-f]{12}\.json$/;

/** Oldest mails beyond this many are not listed, so a busy folder stays quick to read. */
export const MAX_LISTED_MAILS = 200;

/** Writes one mail into `dir` and returns it with its id. */
export async function saveCapturedMail(
  dir: string,
  mail: Omit<CapturedMail, "id" | "receivedAt">,
  receivedAt: Date = new Date(),
): Promise<CapturedMail> {
  await mkdir(dir, { recursive: true });
  const id = `${String(receivedAt.getTime()).padStart(13, "0")}-${randomBytes(6).toString("hex")}`;
  const stored: CapturedMail = { id, receivedAt: receivedAt.toISOString(), ...mail };
  const file = path.join(dir, `${id}.json`);
  // Readers poll the folder: rename makes the complete file appear at once.
  const temporary = `${file}.tmp`;
  await writeFile(temporary, JSON.stringify(stored, null, 2) + "\n", { mode: 0o600 });
  await rename(temporary, file);
  return stored;
}

function isCapturedMail(value: unknown): value is CapturedMail {
  if (typeof value !== "object" || value === null) {
    return false;
  }
  const mail = value as Record<string, unknown>;
  return (
    typeof mail.id === "string" &&
    typeof mail.receivedAt === "string" &&
    typeof mail.from === "string" &&
    Array.isArray(mail.to) &&
    mail.to.every((address) => typeof address === "string") &&
    typeof mail.subject === "string" &&
    typeof mail.text === "string" &&
    (mail.html === null || typeof mail.html === "string")
  );
}

/**
 * Lists the captured mails in `dir`, newest first. A missing folder is an
 * empty mailbox; unreadable or malformed files are skipped.
 */
export async function listCapturedMails(dir: string): Promise<CapturedMail[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      return [];
    }
    throw error;
  }
  // File names start with the receive time in milliseconds, so they sort by time.
  const newest = names
    .filter((name) => MAIL_FILE_PATTERN.test(name))
    .sort()
    .reverse()
    .slice(0, MAX_LISTED_MAILS);

  const mails: CapturedMail[] = [];
  for (const name of newest) {
    try {
      const parsed: unknown = JSON.parse(await readFile(path.join(dir, name), "utf8"));
      if (isCapturedMail(parsed)) {
        mails.push(parsed);
      }
    } catch {
      // A file removed or damaged while listing is not a mail.
    }
  }
  return mails;
}

const URL_PATTERN = /https?:\/\/[^\s<>"')\]]+/g;

/** Returns the http and https URLs in a plain-text mail body, in order. */
export function extractLinks(text: string): string[] {
  return text.match(URL_PATTERN) ?? [];
}

/** Splits text into plain parts and URLs, so a page can render the URLs as links. */
export function splitTextAndLinks(
  text: string,
): { kind: "text" | "link"; value: string }[] {
  const parts: { kind: "text" | "link"; value: string }[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index;
    if (start > last) {
      parts.push({ kind: "text", value: text.slice(last, start) });
    }
    parts.push({ kind: "link", value: match[0] });
    last = start + match[0].length;
  }
  if (last < text.length) {
    parts.push({ kind: "text", value: text.slice(last) });
  }
  return parts;
}
