// Runs `prisma generate` without Prisma's schema-engine download.
//
// Every Prisma CLI command first fetches a native schema engine from Prisma's
// binary host. `generate` never runs that engine, so pointing
// PRISMA_SCHEMA_ENGINE_BINARY at any existing executable skips the download
// and lets installs work offline. Migrations are applied by scripts/migrate.ts.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

if (!existsSync("prisma/schema.prisma")) {
  console.log("prisma/schema.prisma not found; skipping prisma generate.");
  process.exit(0);
}

const prismaCli = require.resolve("prisma/build/index.js");
const result = spawnSync(process.execPath, [prismaCli, "generate"], {
  stdio: "inherit",
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY:
      process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  },
});
process.exit(result.status ?? 1);
