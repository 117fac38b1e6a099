// Messages for the `error` query parameter that Auth.js puts on the sign-in
// page when a sign-in fails. Codes are Auth.js error types (next-auth 5).

const MESSAGES: Record<string, string> = {
  AccessDenied:
    "Your account has no access to the HiBob Connect staff console. " +
    "Ask an admin of HiBob Connect to invite you (or to reactivate your account), then sign in again.",
  Verification:
    "This sign-in link has expired or was already used. Enter your address below to get a new one.",
  OAuthAccountNotLinked:
    "This SSO account belongs to a different staff user than the one with this email address. " +
    "Ask an admin of HiBob Connect to check your staff account.",
};

const SSO_FAILED =
  "Sign-in with company SSO did not finish. Try again; if it keeps failing, tell the team that runs HiBob Connect.";

const GENERIC =
  "Sign-in failed because of a problem on our side. Try again in a few minutes; " +
  "if it keeps failing, tell the team that runs HiBob Connect.";

/** Returns the message for an Auth.js error code, or null when there is no error. */
export function signInErrorMessage(code: string | undefined): string | null {
  if (!code) {
    return null;
  }
  const message = MESSAGES[code];
  if (message) {
    return message;
  }
  return code.startsWith("OAuth") ? SSO_FAILED : GENERIC;
}
