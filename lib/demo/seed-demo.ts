// Demo data for the local run: one customer per HiBob simulator scenario,
// each with an open link session.
//
// Link tokens are stored only as hashes, so the local run keeps the plain
// tokens of its demo links in a git-ignored file in the data folder and
// reuses them while they are valid. Nothing outside local development reads
// that file.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import type { Database } from "@/lib/db/types";
import { PERMISSION_CATEGORY_IDS } from "@/lib/hibob/categories";
import { createLinkSession, resolveLinkSession } from "@/lib/link-sessions/service";

export type DemoScenario = {
  id: string;
  label: string;
  description: string;
  serviceUserId: string;
  token: string;
};

export type DemoLink = {
  scenario: DemoScenario;
  companyName: string;
  customerId: string;
  url: string;
  expiresAt: Date;
};

const DEMO_LINKS_FILE = "demo-links.json";

type StoredDemoLinks = Record<string, { customerId: string; linkToken: string }>;

function readStoredLinks(file: string): StoredDemoLinks {
  if (!existsSync(file)) {
    return {};
  }
  try {
    return JSON.parse(readFileSync(file, "utf8")) as StoredDemoLinks;
  } catch {
    return {};
  }
}

export function demoCompanyName(scenario: DemoScenario): string {
  return `Demo: ${scenario.label}`;
}

/**
 * Makes sure every scenario has a demo customer with a valid link, and
 * returns the links. Existing valid links are kept, so progress survives a
 * restart of the local run.
 */
export async function seedDemoCustomers(
  db: Database,
  options: {
    scenarios: readonly DemoScenario[];
    appUrl: string;
    dataDir: string;
    linkTtlDays: number;
  },
): Promise<DemoLink[]> {
  const file = path.join(options.dataDir, DEMO_LINKS_FILE);
  const stored = readStoredLinks(file);
  const links: DemoLink[] = [];

  for (const scenario of options.scenarios) {
    const companyName = demoCompanyName(scenario);
    const previous = stored[scenario.id];
    const customer =
      (previous &&
        (await db.customer.findUnique({ where: { id: previous.customerId } }))) ??
      (await db.customer.findFirst({ where: { companyName } })) ??
      (await db.customer.create({
        data: { companyName, hibobEnvironment: "production" },
      }));

    let linkToken = previous?.customerId === customer.id ? previous.linkToken : undefined;
    let resolution = linkToken ? await resolveLinkSession(db, linkToken) : undefined;
    if (!linkToken || resolution?.kind !== "active") {
      // A link that staff issued since the last run (a reopen, say) cannot be
      // printed, because only its hash is stored. It is revoked, so the
      // customer keeps one open link.
      const created = await db.$transaction(async (tx) => {
        await tx.linkSession.updateMany({
          where: { customerId: customer.id, status: { not: "revoked" } },
          data: { status: "revoked", revokedAt: new Date() },
        });
        return createLinkSession(tx, {
          customerId: customer.id,
          requiredCategories: PERMISSION_CATEGORY_IDS,
          ttlDays: options.linkTtlDays,
        });
      });
      linkToken = created.token;
      resolution = await resolveLinkSession(db, linkToken);
    }
    if (resolution?.kind !== "active") {
      throw new Error(`Could not open the demo link for scenario "${scenario.id}".`);
    }

    stored[scenario.id] = { customerId: customer.id, linkToken };
    links.push({
      scenario,
      companyName,
      customerId: customer.id,
      url: `${options.appUrl}/link/${linkToken}`,
      expiresAt: resolution.session.expiresAt,
    });
  }

  mkdirSync(options.dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(stored, null, 2) + "\n", { mode: 0o600 });
  return links;
}
