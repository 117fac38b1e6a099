"use server";

// Server actions of the staff management page. The caller comes from the
// session; lib/auth/staff-admin-actions.ts requires the admin role and
// validates the input.
import { withRequestContext } from "@/lib/server/with-request-context";
import {
  changeStaffRoleAsAdmin,
  deactivateStaffAsAdmin,
  inviteStaffAsAdmin,
  reactivateStaffAsAdmin,
  type StaffAdminResult,
} from "@/lib/auth/staff-admin-actions";

export async function inviteStaffAction(input: unknown): Promise<StaffAdminResult> {
  return withRequestContext(() => inviteStaffAsAdmin(input));
}

export async function changeStaffRoleAction(input: unknown): Promise<StaffAdminResult> {
  return withRequestContext(() => changeStaffRoleAsAdmin(input));
}

export async function deactivateStaffAction(input: unknown): Promise<StaffAdminResult> {
  return withRequestContext(() => deactivateStaffAsAdmin(input));
}

export async function reactivateStaffAction(input: unknown): Promise<StaffAdminResult> {
  return withRequestContext(() => reactivateStaffAsAdmin(input));
}
