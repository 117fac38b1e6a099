// Staff accounts for the local run: one active user per role, so a newcomer
// can sign in through the development mailbox and try every role.
import type { Database } from "@/lib/db/types";
import type { StaffRole } from "@/lib/generated/prisma/enums";

export const DEMO_STAFF: readonly { email: string; name: string; role: StaffRole }[] = [
  { email: "csm@vendor.example", name: "Casey CSM", role: "csm" },
  { email: "support@vendor.example", name: "Sam Support", role: "support" },
  { email: "admin@vendor.example", name: "Alex Admin", role: "admin" },
];

/**
 * Creates the demo staff users that are missing. Existing rows are left as
 * they are, so role changes and deactivations made in the app survive a
 * restart of the local run.
 */
export async function seedDemoStaff(
  db: Database,
): Promise<{ email: string; role: StaffRole; active: boolean }[]> {
  const seeded: { email: string; role: StaffRole; active: boolean }[] = [];
  for (const staff of DEMO_STAFF) {
    const user = await db.user.upsert({
      where: { email: staff.email },
      create: { email: staff.email, name: staff.name, role: staff.role, active: true },
      update: {},
      select: { email: true, role: true, active: true },
    });
    seeded.push(user);
  }
  return seeded;
}
