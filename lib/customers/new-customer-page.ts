import "server-only";

import { db } from "@/lib/db";
import { getConfig } from "@/lib/server/runtime";

import type { StaffActor } from "./access";

/** Loads what the "new customer" form needs: the default link validity and, for admins, the CSMs to choose from. */
export async function loadNewCustomerForm(actor: StaffActor): Promise<{
  defaultTtlDays: number;
  owners: { id: string; name: string | null; email: string }[] | null;
}> {
  const owners =
    actor.role === "admin"
      ? await db.user.findMany({
          where: { role: "csm", active: true },
          select: { id: true, name: true, email: true },
          orderBy: [{ name: "asc" }, { email: "asc" }],
        })
      : null;
  return { defaultTtlDays: getConfig().linkTtlDays, owners };
}
