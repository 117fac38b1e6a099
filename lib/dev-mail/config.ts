// Location of the local run's captured mails. The development mailbox page
// exists only outside production and only when DEV_MAILBOX_DIR is set.

/** Returns the mailbox folder when the development mailbox is enabled, else null. */
export function devMailboxDir(
  env: Record<string, string | undefined> = process.env,
): string | null {
  if (env.NODE_ENV === "production") {
    return null;
  }
  const dir = env.DEV_MAILBOX_DIR?.trim();
  return dir ? dir : null;
}
