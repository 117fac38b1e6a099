import "server-only";

import { db } from "@/lib/db";

import { canManageCustomer, type StaffActor } from "./access";
import { getCustomerDetail, type CustomerDetail } from "./detail";

/**
 * Loads the customer page for a signed-in staff user, with what they may do
 * there. Returns null for an unknown or malformed customer id.
 */
export async function loadCustomerPage(
  actor: StaffActor,
  customerId: string,
): Promise<{ customer: CustomerDetail; canManage: boolean } | null> {
  const customer = await getCustomerDetail(db, customerId);
  if (!customer) {
    return null;
  }
  return {
    customer,
    canManage: canManageCustomer(actor, { ownerId: customer.owner?.id ?? null }),
  };
}
