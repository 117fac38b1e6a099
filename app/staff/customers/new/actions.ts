"use server";

// Server action of the "new customer" page. The staff user comes from the
// session; lib/customers/staff-actions.ts checks the role and the input.
import { withRequestContext } from "@/lib/server/with-request-context";
import type { CreateCustomerResult } from "@/lib/customers/results";
import { createCustomerAsStaff } from "@/lib/customers/staff-actions";

export async function createCustomerAction(
  input: unknown,
): Promise<CreateCustomerResult> {
  return withRequestContext(() => createCustomerAsStaff(input));
}
