import "server-only";

import type { PrismaClient } from "@/lib/generated/prisma/client";

import { createPrismaClient } from "./client";

// One client per server process, kept on globalThis: Next.js dev reloads
// re-evaluate this module, and a second PGlite on the same data directory
// would fail on its lock file.
const globalForDb = globalThis as unknown as { hibobConnectDb?: PrismaClient };

function getClient(): PrismaClient {
  globalForDb.hibobConnectDb ??= createPrismaClient();
  return globalForDb.hibobConnectDb;
}

/**
 * The application's Prisma client: PostgreSQL when DATABASE_URL is set, else
 * PGlite in `.data/pglite`. The client is created on first use, so importing
 * this module (as `next build` does while it collects page data) opens no
 * database.
 */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = getClient();
    const value: unknown = Reflect.get(client, property, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
  has(_target, property) {
    return Reflect.has(getClient(), property);
  },
});
