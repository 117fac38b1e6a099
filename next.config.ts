import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // PGlite ships a WebAssembly build of PostgreSQL and reads its data files
  // from disk next to its module, so it must stay a plain Node.js dependency.
  serverExternalPackages: ["@electric-sql/pglite", "pino", "pino-pretty"],
};

export default nextConfig;
