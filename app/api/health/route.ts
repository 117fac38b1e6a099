// GET /api/health - database reachability and migration status, for load
// balancers and monitoring. Returns 200 when healthy, 503 otherwise, and
// nothing secret (no connection strings, no versions).
import { db } from "@/lib/db";
import { checkHealth } from "@/lib/health";
import { withRequestContext } from "@/lib/server/with-request-context";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const report = await withRequestContext(() => checkHealth(db));
  return Response.json(report, {
    status: report.status === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
