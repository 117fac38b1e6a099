import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // A separate build folder lets two builds of this checkout exist side by side.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  poweredByHeader: false,
  // `next dev` prints request URLs and server action arguments. Setup links
  // and sign-in callbacks carry tokens in their URLs and the credential form
  // sends a HiBob token, so neither is printed.
  logging: {
    incomingRequests: { ignore: [/^\/link\//, /^\/api\/auth\/callback\//] },
    serverFunctions: false,
  },
  reactStrictMode: true,
  // Keep `next dev` and `next build` from writing agent instruction files into the repository.
  agentRules: false,
  experimental: {
    agentUpgrade: false,
    // Lets staff guards call forbidden(), which renders app/staff/forbidden.tsx with HTTP 403.
    authInterrupts: true,
    // Every form in the app is a few fields; anything larger is refused before parsing.
    serverActions: { bodySizeLimit: "64kb" },
  },
  // PGlite ships a WebAssembly build of PostgreSQL and reads its data files
  // from disk next to its module, so it must stay a plain Node.js dependency.
  serverExternalPackages: ["@electric-sql/pglite", "pino", "pino-pretty"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
        ],
      },
      {
        // Link pages carry the link token in their URL; no referrer may leak it.
        source: "/link/:token*",
        headers: [
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "Cache-Control", value: "no-store" },
        ],
      },
    ];
  },
};

export default nextConfig;
