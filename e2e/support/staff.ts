// Staff users for end-to-end tests: rows written straight into the test
// database, and sign-in through the real email flow.
import { expect, type Page } from "@playwright/test";

import { waitForMail } from "./mailbox";
import { testDatabase } from "./seed";

export type E2eStaffRole = "csm" | "support" | "admin";

export type SeededStaffUser = { id: string; email: string; role: E2eStaffRole };

let counter = 0;

/**
 * Creates an active staff user, or updates the role of an existing one.
 * Without `email`, picks a new address such as `admin-1718000000000-1@vendor.example`.
 */
export async function seedStaffUser(
  role: E2eStaffRole,
  email?: string,
): Promise<SeededStaffUser> {
  counter += 1;
  const address = (email ?? `${role}-${Date.now()}-${counter}@vendor.example`)
    .trim()
    .toLowerCase();
  const user = await testDatabase().user.upsert({
    where: { email: address },
    create: { email: address, role, active: true, name: null },
    update: { role, active: true },
    select: { id: true, email: true },
  });
  return { id: user.id, email: user.email, role };
}

/**
 * Signs `page` in as `email` the way a person does: requests a sign-in link
 * on /staff/sign-in, reads the mail from the SMTP capture server and opens
 * the link. Ends on the page the sign-in redirects to (the dashboard, or
 * `callbackPath` when given).
 */
export async function signInAs(
  page: Page,
  email: string,
  options: { callbackPath?: string } = {},
): Promise<void> {
  const since = new Date(Date.now() - 1000);
  const query = options.callbackPath
    ? `?callbackUrl=${encodeURIComponent(options.callbackPath)}`
    : "";
  await page.goto(`/staff/sign-in${query}`);
  await page.getByLabel("Work email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();

  const mail = await waitForMail(email, { since, subject: /sign in/i });
  const link = mail.links.find((candidate) =>
    candidate.includes("/api/auth/callback/nodemailer"),
  );
  if (!link) {
    throw new Error(`The sign-in mail to ${email} contains no sign-in link.`);
  }
  await page.goto(link);
  await expect(page).not.toHaveURL(/\/staff\/sign-in/);
}
