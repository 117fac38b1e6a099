// Sign-in rules of the staff console. Invited users (an active row in the
// users table) may sign in, and so may addresses or domains listed in
// STAFF_ALLOWED_EMAILS and STAFF_ALLOWED_DOMAINS. The functions are pure, so
// the rules are tested without a database.

export type StaffAllowlist = {
  /** Lower-cased email addresses. */
  emails: ReadonlySet<string>;
  /** Lower-cased domains, without a leading "@". */
  domains: ReadonlySet<string>;
};

export const EMPTY_ALLOWLIST: StaffAllowlist = { emails: new Set(), domains: new Set() };

/** Trims and lower-cases an email address, the form stored in the users table. */
export function normalizeEmail(value: string): string {
  return value.trim().toLowerCase();
}

/** Returns the part after the last "@", or null when the address has none. */
export function emailDomain(email: string): string | null {
  const at = email.lastIndexOf("@");
  if (at < 1 || at === email.length - 1) {
    return null;
  }
  return email.slice(at + 1);
}

const EMAIL_PATTERN = /^[^\s@",]+@[^\s@",]+\.[^\s@",]+$/;
const DOMAIN_PATTERN =
  /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/;

export class AllowlistError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AllowlistError";
  }
}

function splitList(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean);
}

/**
 * Parses the comma-separated STAFF_ALLOWED_EMAILS and STAFF_ALLOWED_DOMAINS.
 * Domains may be written with or without a leading "@". Throws AllowlistError
 * naming the first invalid entry.
 */
export function parseAllowlist(
  emails: string | undefined,
  domains: string | undefined,
): StaffAllowlist {
  const emailSet = new Set<string>();
  for (const entry of splitList(emails)) {
    if (!EMAIL_PATTERN.test(entry)) {
      throw new AllowlistError(
        `STAFF_ALLOWED_EMAILS contains "${entry}", which is not an email address. ` +
          "Use a comma-separated list such as ana@example.com,ben@example.com.",
      );
    }
    emailSet.add(entry);
  }

  const domainSet = new Set<string>();
  for (const entry of splitList(domains)) {
    const domain = entry.startsWith("@") ? entry.slice(1) : entry;
    if (!DOMAIN_PATTERN.test(domain)) {
      throw new AllowlistError(
        `STAFF_ALLOWED_DOMAINS contains "${entry}", which is not a domain. ` +
          "Use a comma-separated list such as example.com,example.org.",
      );
    }
    domainSet.add(domain);
  }
  return { emails: emailSet, domains: domainSet };
}

/** Returns whether the allowlist lets `email` (in any case) sign in without an invitation. */
export function isAllowlisted(allowlist: StaffAllowlist, email: string): boolean {
  const normalized = normalizeEmail(email);
  if (allowlist.emails.has(normalized)) {
    return true;
  }
  const domain = emailDomain(normalized);
  // An exact domain match only: "example.com" does not admit "mail.example.com".
  return domain !== null && allowlist.domains.has(domain);
}

export type ExistingStaffAccount = { active: boolean } | null;

export type StaffSignInDecision =
  | { allowed: true; reason: "active-user" | "allowlisted" }
  | { allowed: false; reason: "invalid-email" | "deactivated" | "not-invited" };

/**
 * Decides whether `email` may sign in. A deactivated user is refused even
 * when the allowlist matches, so deactivation cannot be undone by the list.
 */
export function decideStaffSignIn(input: {
  email: string;
  existing: ExistingStaffAccount;
  allowlist: StaffAllowlist;
}): StaffSignInDecision {
  const email = normalizeEmail(input.email);
  if (!EMAIL_PATTERN.test(email)) {
    return { allowed: false, reason: "invalid-email" };
  }
  if (input.existing) {
    return input.existing.active
      ? { allowed: true, reason: "active-user" }
      : { allowed: false, reason: "deactivated" };
  }
  return isAllowlisted(input.allowlist, email)
    ? { allowed: true, reason: "allowlisted" }
    : { allowed: false, reason: "not-invited" };
}
