// Test data for end-to-end tests, written straight into the test database.
import { createLinkToken, hashLinkToken } from "@/lib/link-sessions/link-token";
import { createPrismaClient } from "@/lib/db/client";
import {
  PERMISSION_CATEGORY_IDS,
  type PermissionCategoryId,
} from "@/lib/hibob/categories";
import type { Database } from "@/lib/db/types";
import { findScenario } from "@/simulator/scenarios";

let client: Database | undefined;

export function testDatabase(): Database {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) {
    throw new Error(
      "E2E_DATABASE_URL is not set; run the tests through `npx playwright test`.",
    );
  }
  client ??= createPrismaClient({ databaseUrl: url });
  return client;
}

export type SeededLink = {
  customerId: string;
  linkSessionId: string;
  path: string;
  serviceUserId: string;
  token: string;
};

/** Creates a customer with an open link session for a simulator scenario. */
export async function seedLink(
  scenarioId: string,
  options: {
    requiredCategories?: PermissionCategoryId[];
    expiresInMs?: number;
    revoked?: boolean;
  } = {},
): Promise<SeededLink> {
  const scenario = findScenario(scenarioId);
  if (!scenario) {
    throw new Error(`Unknown simulator scenario "${scenarioId}".`);
  }
  const db = testDatabase();
  const linkToken = createLinkToken();
  const customer = await db.customer.create({
    data: { companyName: `E2E ${scenario.label} ${linkToken.slice(0, 6)}` },
  });
  const session = await db.linkSession.create({
    data: {
      customerId: customer.id,
      requiredCategories: options.requiredCategories ?? [...PERMISSION_CATEGORY_IDS],
      tokenHash: hashLinkToken(linkToken),
      expiresAt: new Date(Date.now() + (options.expiresInMs ?? 14 * 24 * 3600 * 1000)),
      status: options.revoked ? "revoked" : "pending",
      revokedAt: options.revoked ? new Date() : null,
    },
  });
  return {
    customerId: customer.id,
    linkSessionId: session.id,
    path: `/link/${linkToken}`,
    serviceUserId: scenario.serviceUserId,
    token: scenario.token,
  };
}
