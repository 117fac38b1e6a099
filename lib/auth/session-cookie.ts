import "server-only";

import { cookies } from "next/headers";

import { getConfig } from "@/lib/server/runtime";

/**
 * Auth.js session cookie names: the `__Secure-` one when APP_URL is https
 * (Auth.js is configured the same way in auth-config.ts), the plain one on
 * http (local development, end-to-end tests).
 */
export const SESSION_COOKIE_NAMES = [
  "__Secure-authjs.session-token",
  "authjs.session-token",
] as const;

/**
 * Reads the Auth.js session token from the request's cookies. The staff
 * guards read the session only through this function, so tests replace this
 * module with `vi.mock` and run the guards against a real database.
 */
export async function readSessionTokenCookie(): Promise<string | null> {
  const [secureName, plainName] = SESSION_COOKIE_NAMES;
  const store = await cookies();
  const secure = store.get(secureName)?.value;
  if (secure) {
    return secure;
  }
  // On https a plain cookie may have been set by a sibling subdomain, so only
  // the __Secure- cookie counts there.
  if (getConfig().appUrl.startsWith("https:")) {
    return null;
  }
  return store.get(plainName)?.value || null;
}
