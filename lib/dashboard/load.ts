import "server-only";

import { db } from "@/lib/db";

import { parseDashboardParams, type RawSearchParams } from "./params";
import {
  getDashboardPage,
  listOwnerOptions,
  type DashboardOwner,
  type DashboardPage,
} from "./query";

/** Loads the dashboard for a signed-in staff user from the page's search parameters. */
export async function loadDashboard(
  viewer: { id: string },
  searchParams: RawSearchParams,
): Promise<{ page: DashboardPage; owners: DashboardOwner[] }> {
  const params = parseDashboardParams(searchParams);
  const [page, owners] = await Promise.all([
    getDashboardPage(db, params, { viewerId: viewer.id }),
    listOwnerOptions(db),
  ]);
  return { page, owners };
}
