import "server-only";

// The Auth.js Prisma adapter with the changes staff sign-in needs: new users
// get the configured role, emails are stored lower-cased, OpenID Connect
// tokens are never stored, and deleting a missing session is not an error.
import { PrismaAdapter } from "@auth/prisma-adapter";
import type {
  Adapter,
  AdapterAccount,
  AdapterSession,
  AdapterUser,
} from "next-auth/adapters";

import type { Database } from "@/lib/db/types";

import { normalizeEmail } from "./allowlist";
import type { StaffRole } from "./types";

/**
 * Keeps the account fields that are stored and drops the provider tokens
 * (access, refresh and ID tokens), because the app identifies staff by the
 * provider's account id and never calls the identity provider after sign-in.
 */
export function withoutProviderTokens(account: AdapterAccount): {
  userId: string;
  type: string;
  provider: string;
  providerAccountId: string;
  scope: string | null;
} {
  return {
    userId: account.userId,
    type: account.type,
    provider: account.provider,
    providerAccountId: account.providerAccountId,
    scope: typeof account.scope === "string" ? account.scope : null,
  };
}

export function createStaffAdapter(
  db: Database,
  options: { defaultRole: StaffRole },
): Adapter {
  const base = PrismaAdapter(db as unknown as Parameters<typeof PrismaAdapter>[0]);

  return {
    ...base,

    // Auth.js creates a user only after the signIn callback allowed the
    // address, so a new user is an allowlisted newcomer.
    async createUser(user: AdapterUser): Promise<AdapterUser> {
      const created = await db.user.create({
        data: {
          email: normalizeEmail(user.email),
          emailVerified: user.emailVerified ?? null,
          name: user.name ?? null,
          image: user.image ?? null,
          role: options.defaultRole,
          active: true,
        },
      });
      return created;
    },

    async linkAccount(account: AdapterAccount): Promise<void> {
      await db.account.create({ data: withoutProviderTokens(account) });
    },

    // Signing out twice, or after an admin deleted the sessions, finds no row.
    async deleteSession(sessionToken: string): Promise<AdapterSession | null> {
      const session = await db.session.findUnique({ where: { sessionToken } });
      if (!session) {
        return null;
      }
      await db.session.deleteMany({ where: { sessionToken } });
      return session;
    },
  };
}
