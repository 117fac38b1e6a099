// Staff console paths, and the check that keeps redirects on this site.

export const SIGN_IN_PAGE = "/staff/sign-in";
export const CHECK_EMAIL_PAGE = "/staff/sign-in/check-email";
export const SIGN_OUT_PAGE = "/staff/sign-out";
export const DEFAULT_AFTER_SIGN_IN = "/staff";

// A path on this site: one leading slash, no backslash, whitespace or control
// character (browsers drop tabs and newlines, so "/\t/evil.example" would
// become "//evil.example").
const SAME_SITE_PATH = /^\/(?![/\\])[^\\\s\u0000-\u001f\u007f]*$/;

export function isSameSitePath(value: string): boolean {
  return SAME_SITE_PATH.test(value);
}

/** Keeps only same-site paths, so a callback URL cannot send the user elsewhere. */
export function safeCallbackPath(value: string | null | undefined): string {
  return value && isSameSitePath(value) ? value : DEFAULT_AFTER_SIGN_IN;
}
