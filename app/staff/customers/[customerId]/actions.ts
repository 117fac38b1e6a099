"use server";

// Server actions of the customer page. The staff user comes from the session;
// lib/customers/staff-actions.ts checks the role, the customer's owner and
// the input.
import { withRequestContext } from "@/lib/server/with-request-context";
import type { ReopenCustomerResult, RerunProbeResult } from "@/lib/customers/results";
import { reopenCustomerAsStaff, rerunProbeAsStaff } from "@/lib/customers/staff-actions";

export async function reopenCustomerAction(
  customerId: string,
  input: unknown,
): Promise<ReopenCustomerResult> {
  return withRequestContext(() => reopenCustomerAsStaff(customerId, input));
}

export async function rerunProbeAction(customerId: string): Promise<RerunProbeResult> {
  return withRequestContext(() => rerunProbeAsStaff(customerId));
}
