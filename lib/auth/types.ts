import type { StaffRole as DatabaseStaffRole } from "@/lib/generated/prisma/enums";

export type StaffRole = DatabaseStaffRole;

/** A signed-in, active staff user. */
export type StaffUser = {
  id: string;
  email: string;
  name: string | null;
  role: StaffRole;
};

export const STAFF_ROLES = [
  "csm",
  "support",
  "admin",
] as const satisfies readonly StaffRole[];

export const STAFF_ROLE_LABELS: Record<StaffRole, string> = {
  csm: "CSM",
  support: "Support",
  admin: "Admin",
};
