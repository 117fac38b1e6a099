import "server-only";

import type { DatabaseExecutor } from "@/lib/db/types";

import type { StaffUser } from "./types";

/** Maximum session token length looked up. Auth.js creates UUIDs, which have 36 characters. */
const MAX_SESSION_TOKEN_LENGTH = 256;

/**
 * Looks up the staff user behind an Auth.js database session. Returns null
 * for an unknown or expired session token and for a deactivated user.
 */
export async function resolveStaffUserFromSessionToken(
  db: DatabaseExecutor,
  sessionToken: string | null | undefined,
  now: Date = new Date(),
): Promise<StaffUser | null> {
  if (!sessionToken || sessionToken.length > MAX_SESSION_TOKEN_LENGTH) {
    return null;
  }
  const session = await db.session.findUnique({
    where: { sessionToken },
    select: {
      expires: true,
      user: { select: { id: true, email: true, name: true, role: true, active: true } },
    },
  });
  if (!session || session.expires.getTime() <= now.getTime() || !session.user.active) {
    return null;
  }
  const { id, email, name, role } = session.user;
  return { id, email, name, role };
}
