import "server-only";

// The app's Auth.js instance. The configuration is built on first use, so
// importing this module (as `next build` does) reads no environment.
import NextAuth, { type NextAuthConfig } from "next-auth";

import { db } from "@/lib/db";
import { sendMail } from "@/lib/mail/send-mail";

import { createAuthConfig } from "./auth-config";
import { getAuthSecret, getAuthSettings } from "./runtime";

let cachedConfig: NextAuthConfig | undefined;

function authConfig(): NextAuthConfig {
  cachedConfig ??= createAuthConfig({
    db,
    settings: getAuthSettings(),
    secret: getAuthSecret(),
    sendSignInMail: sendMail,
  });
  return cachedConfig;
}

export const { handlers, signIn, signOut } = NextAuth(() => authConfig());
