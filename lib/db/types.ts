import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

/** The application's database client. */
export type Database = PrismaClient;

/** A client usable inside `db.$transaction(async (tx) => ...)`. */
export type Transaction = Prisma.TransactionClient;

/** Either the client or an open transaction. */
export type DatabaseExecutor = Database | Transaction;
