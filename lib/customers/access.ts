// Permission rules of the staff console. Pages and actions check them on the
// server, and pages also use them to hide buttons the user cannot use.
import type { StaffRole } from "@/lib/generated/prisma/enums";

/** The acting staff user, as far as permissions go. */
export type StaffActor = { id: string; role: StaffRole };

export const DASHBOARD_ROLES: readonly StaffRole[] = ["csm", "support", "admin"];
export const CUSTOMER_PAGE_ROLES: readonly StaffRole[] = ["csm", "support", "admin"];
export const CREATE_CUSTOMER_ROLES: readonly StaffRole[] = ["csm", "admin"];

/**
 * Returns whether the actor may reopen a customer's setup or run its probe
 * again: support and admins for every customer, a CSM only for customers
 * they own.
 */
export function canManageCustomer(
  actor: StaffActor,
  customer: { ownerId: string | null },
): boolean {
  if (actor.role === "support" || actor.role === "admin") {
    return true;
  }
  return customer.ownerId !== null && customer.ownerId === actor.id;
}

export function canCreateCustomer(actor: StaffActor): boolean {
  return CREATE_CUSTOMER_ROLES.includes(actor.role);
}
