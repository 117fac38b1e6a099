import { defineConfig } from "prisma/config";

// Prisma's CLI is used here only for `prisma generate`; migrations are plain
// SQL applied by scripts/migrate.ts. A deployer with network access may also
// run `prisma migrate deploy` against the same folder.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/unused" },
});
