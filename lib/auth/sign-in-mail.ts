// The sign-in mail Auth.js sends for email sign-in.

/**
 * Moves a URL Auth.js built onto the app's public origin. Auth.js derives
 * links from the request's Host header, so without this a forged Host header
 * could put an attacker's address into a sign-in mail.
 */
export function pinToAppOrigin(url: string, appUrl: string): string {
  const link = new URL(url);
  return new URL(
    `${link.pathname}${link.search}${link.hash}`,
    new URL(appUrl).origin,
  ).toString();
}

function escapeHtml(value: string): string {
  return value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
}

/** Builds the subject and bodies of a sign-in mail for `url`, valid for `validMinutes`. */
export function composeSignInMail(input: { url: string; validMinutes: number }): {
  subject: string;
  text: string;
  html: string;
} {
  const { url, validMinutes } = input;
  const subject = "Sign in to HiBob Connect";
  const text = [
    "Open this link to sign in to the HiBob Connect staff console:",
    "",
    url,
    "",
    `The link works once, within ${validMinutes} minutes.`,
    "If you did not ask to sign in, ignore this mail: nobody can sign in without the link.",
    "",
  ].join("\n");
  const safeUrl = escapeHtml(url);
  const html = [
    `<p>Open this link to sign in to the HiBob Connect staff console:</p>`,
    `<p><a href="${safeUrl}">Sign in to HiBob Connect</a></p>`,
    `<p>The link works once, within ${validMinutes} minutes.</p>`,
    `<p>If you did not ask to sign in, ignore this mail: nobody can sign in without the link.</p>`,
  ].join("\n");
  return { subject, text, html };
}
