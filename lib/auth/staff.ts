import "server-only";

// Staff guards for pages and server actions. Every check reads the session
// from the database, so a deactivated user or a deleted session loses access
// on the next request.
import { forbidden, redirect } from "next/navigation";
import { headers } from "next/headers";

import { db } from "@/lib/db";
import { withRequestContext } from "@/lib/server/with-request-context";

import { safeCallbackPath, SIGN_IN_PAGE } from "./paths";
import { readSessionTokenCookie } from "./session-cookie";
import { resolveStaffUserFromSessionToken } from "./session-lookup";
import type { StaffRole, StaffUser } from "./types";

export type { StaffRole, StaffUser } from "./types";
export { STAFF_ROLES, STAFF_ROLE_LABELS } from "./types";
export { resolveStaffUserFromSessionToken } from "./session-lookup";
export { safeCallbackPath } from "./paths";

/** Thrown by requireStaffAction when the caller is anonymous or the session ended. */
export class AuthenticationError extends Error {
  constructor(message = "Your session has ended. Sign in again, then retry.") {
    super(message);
    this.name = "AuthenticationError";
  }
}

/** Thrown by requireStaffAction when the signed-in user's role is not allowed. */
export class AuthorizationError extends Error {
  constructor(
    message = "Your role does not allow this action. Ask an admin if you need it.",
  ) {
    super(message);
    this.name = "AuthorizationError";
  }
}

export function hasRole(user: StaffUser, roles: readonly StaffRole[]): boolean {
  return roles.includes(user.role);
}

/**
 * Returns the signed-in staff user, or null when the caller is anonymous,
 * the session expired or the user was deactivated.
 */
export async function getStaffUser(): Promise<StaffUser | null> {
  const token = await readSessionTokenCookie();
  return resolveStaffUserFromSessionToken(db, token, new Date());
}

/**
 * Returns the path of the page being rendered, from the `x-request-path`
 * header. Next.js gives server components no request URL, so the proxy has to
 * add that header. Without it the caller returns to the dashboard after
 * signing in.
 */
async function currentPath(): Promise<string> {
  const requestHeaders = await headers();
  return safeCallbackPath(requestHeaders.get("x-request-path"));
}

/**
 * Guards a staff page. Redirects an anonymous caller to the sign-in page
 * with a callback to the current page, and calls Next.js `forbidden()`
 * (HTTP 403) for a signed-in user without one of `roles`. Without `roles`,
 * every staff role is allowed.
 */
export async function requireStaffPage(roles?: readonly StaffRole[]): Promise<StaffUser> {
  const user = await getStaffUser();
  if (!user) {
    const callbackUrl = await currentPath();
    redirect(`${SIGN_IN_PAGE}?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  }
  if (roles && !hasRole(user, roles)) {
    forbidden();
  }
  return user;
}

/**
 * Checks the caller as requireStaffPage does, then loads the page's data,
 * with the request id on every log line of both.
 */
export async function loadStaffPage<T>(
  roles: readonly StaffRole[],
  load: (user: StaffUser) => Promise<T>,
): Promise<{ user: StaffUser; data: T }> {
  return withRequestContext(async () => {
    const user = await requireStaffPage(roles);
    return { user, data: await load(user) };
  });
}

/**
 * Guards a server action or route handler. Throws AuthenticationError for an
 * anonymous caller and AuthorizationError for a role outside `roles`; both
 * messages are safe to show to the user.
 */
export async function requireStaffAction(
  roles?: readonly StaffRole[],
): Promise<StaffUser> {
  const user = await getStaffUser();
  if (!user) {
    throw new AuthenticationError();
  }
  if (roles && !hasRole(user, roles)) {
    throw new AuthorizationError();
  }
  return user;
}
