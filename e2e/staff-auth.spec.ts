// Staff sign-in end to end: sign-in links travel as real mails through the
// SMTP capture server started by global-setup, and the staff management page
// is used the way an admin uses it.
import { expect, test } from "@playwright/test";

import { RATE_LIMITS } from "@/lib/rate-limit/rules";

import { expectNoSeriousAxeViolations } from "./support/axe";
import { mailsTo, waitForMail } from "./support/mailbox";
import { waitForRoomInWindow } from "./support/rate-limit-window";
import { testDatabase } from "./support/seed";
import { seedStaffUser, signInAs } from "./support/staff";

test.describe("staff sign-in", () => {
  test("admin signs in through the mailed link", async ({ page }) => {
    const admin = await seedStaffUser("admin");

    await page.goto("/staff/admin/users");
    await expect(page).toHaveURL(/\/staff\/sign-in/);
    await expect(
      page.getByRole("heading", { level: 1, name: "Sign in to the staff console" }),
    ).toBeVisible();
    await expectNoSeriousAxeViolations(page);

    await signInAs(page, admin.email.toUpperCase(), {
      callbackPath: "/staff/admin/users",
    });
    await expect(page).toHaveURL(/\/staff\/admin\/users$/);
    await expect(page.getByRole("heading", { level: 1, name: "Staff" })).toBeVisible();

    const nav = page.getByRole("navigation", { name: "Staff console" });
    await expect(nav.getByRole("link", { name: "Staff" })).toHaveAttribute(
      "aria-current",
      "page",
    );
    await expect(nav.getByText("Admin", { exact: true })).toBeVisible();
    await expect(nav.getByText(admin.email)).toBeVisible();

    // Scripts cannot read the session cookie and other sites do not send it.
    const session = (await page.context().cookies()).find((cookie) =>
      cookie.name.endsWith("authjs.session-token"),
    );
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe("Lax");
  });

  test("address without access is refused and gets no mail", async ({ page }) => {
    const email = `stranger-${Date.now()}@elsewhere.example`;
    await page.goto("/staff/sign-in");
    await page.getByLabel("Work email address").fill(email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();

    const alert = page.getByRole("main").getByRole("alert");
    await expect(alert).toContainText("has no access to the HiBob Connect staff console");
    await expect(alert).toContainText("Ask an admin of HiBob Connect to invite you");
    await expect(alert).toBeFocused();
    await expect(page.getByRole("heading", { name: "Check your email" })).toHaveCount(0);
    await expectNoSeriousAxeViolations(page);

    // A mail sent by mistake would arrive within this time.
    await page.waitForTimeout(1000);
    expect(await mailsTo(email)).toEqual([]);
  });

  test("direct Auth.js posts obey the mail limit", async ({ request }) => {
    const rule = RATE_LIMITS.staffSignInMailByEmail;
    await waitForRoomInWindow(rule.windowMs, 30_000);
    const user = await seedStaffUser("csm");
    const since = new Date();

    for (let attempt = 0; attempt <= rule.limit; attempt += 1) {
      const csrf = (await (await request.get("/api/auth/csrf")).json()) as {
        csrfToken: string;
      };
      await request.post("/api/auth/signin/nodemailer", {
        form: { email: user.email, csrfToken: csrf.csrfToken, callbackUrl: "/staff" },
        maxRedirects: 0,
      });
    }

    await expect
      .poll(async () => (await mailsTo(user.email, since)).length)
      .toBe(rule.limit);
    // A mail sent past the limit would arrive within this time.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await mailsTo(user.email, since)).toHaveLength(rule.limit);
  });

  test("invalid address shows a field error", async ({ page }) => {
    await page.goto("/staff/sign-in");
    const input = page.getByLabel("Work email address");
    await input.fill("not-an-address");
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(input).toHaveAttribute("aria-invalid", "true");
    const describedBy = await input.getAttribute("aria-describedby");
    expect(describedBy).toBeTruthy();
    await expect(page.locator(`[id="${describedBy}"]`)).toContainText(
      "Enter a valid email address",
    );
  });

  test("expired or used link explains what to do", async ({ page }) => {
    await page.goto("/staff/sign-in?error=Verification");
    await expect(page.getByRole("main").getByRole("alert")).toContainText(
      "This sign-in link has expired or was already used",
    );
  });

  test("CSM is refused the staff admin page", async ({ page }) => {
    const csm = await seedStaffUser("csm");
    await signInAs(page, csm.email);

    const nav = page.getByRole("navigation", { name: "Staff console" });
    await expect(nav.getByRole("link", { name: "Dashboard" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Staff" })).toHaveCount(0);

    const response = await page.goto("/staff/admin/users");
    expect(response?.status()).toBe(403);
    await expect(
      page.getByRole("heading", {
        level: 1,
        name: "You do not have access to this page",
      }),
    ).toBeVisible();
    await expect(page.getByRole("button", { name: "Invite" })).toHaveCount(0);
  });

  test("sign-out ends the session", async ({ page }) => {
    const support = await seedStaffUser("support");
    await signInAs(page, support.email);

    await page
      .getByRole("navigation", { name: "Staff console" })
      .getByRole("button", { name: "Sign out" })
      .click();
    await expect(page).toHaveURL(/\/staff\/sign-in\?signedOut=1/);
    await expect(page.getByRole("status")).toContainText("You are signed out");

    await page.goto("/staff");
    await expect(page).toHaveURL(/\/staff\/sign-in/);
    const sessions = await testDatabase().session.count({
      where: { userId: support.id },
    });
    expect(sessions).toBe(0);
  });
});

test.describe("staff management", () => {
  test("admin invites a user and changes a role", async ({ page }) => {
    const admin = await seedStaffUser("admin");
    const invitee = `invitee-${Date.now()}@vendor.example`;
    await signInAs(page, admin.email, { callbackPath: "/staff/admin/users" });
    await expect(page.getByRole("heading", { level: 1, name: "Staff" })).toBeVisible();
    await expectNoSeriousAxeViolations(page);

    // Invite: the form validates, then creates the user and mails them.
    const since = new Date(Date.now() - 1000);
    const invite = page
      .locator("form")
      .filter({ has: page.getByRole("button", { name: "Invite" }) });
    await invite.getByLabel("Work email address").fill("not-an-address");
    await invite.getByRole("button", { name: "Invite" }).click();
    await expect(invite.getByLabel("Work email address")).toHaveAttribute(
      "aria-invalid",
      "true",
    );

    await invite.getByLabel("Work email address").fill(invitee);
    await invite.getByLabel(/Name/).fill("Ivy Invitee");
    await invite.getByLabel("Role").selectOption("support");
    await expect(invite.getByLabel("Mail them how to sign in")).toBeChecked();
    await invite.getByRole("button", { name: "Invite" }).click();
    await expect(invite.getByRole("status")).toContainText(
      `Invited ${invitee} as Support and mailed the sign-in instructions.`,
    );

    const mail = await waitForMail(invitee, { since, subject: /invited/i });
    expect(mail.links.some((link) => link.endsWith("/staff/sign-in"))).toBe(true);

    // The new user is listed; change their role.
    const row = page
      .getByRole("listitem")
      .filter({ has: page.getByRole("heading", { name: invitee }) });
    await expect(row).toContainText("Support");
    await expect(row).toContainText("Ivy Invitee");
    await expect(row).toContainText("Never");
    await row.getByLabel(`Role of ${invitee}`).selectOption("admin");
    await row.getByRole("button", { name: `Change role of ${invitee}` }).click();
    await expect(row.getByRole("status")).toContainText(`${invitee} is now Admin.`);
    await expect
      .poll(
        async () =>
          (await testDatabase().user.findUnique({ where: { email: invitee } }))?.role,
      )
      .toBe("admin");

    // Deactivate, then reactivate.
    await row.getByRole("button", { name: `Deactivate ${invitee}` }).click();
    await expect(row.getByRole("status")).toContainText("deactivated and signed out");
    await expect(row).toContainText("Deactivated");
    await row.getByRole("button", { name: `Reactivate ${invitee}` }).click();
    await expect(row.getByRole("status")).toContainText("can sign in again");

    // The invited user signs in with the address the admin entered.
    const inviteeContext = await page.context().browser()?.newContext();
    if (!inviteeContext) {
      throw new Error("A second browser context could not be opened.");
    }
    const inviteePage = await inviteeContext.newPage();
    await signInAs(inviteePage, invitee, { callbackPath: "/staff/admin/users" });
    await expect(
      inviteePage.getByRole("heading", { level: 1, name: "Staff" }),
    ).toBeVisible();
    await inviteeContext.close();

    const events = await testDatabase().auditEvent.findMany({
      where: { actorId: admin.id, action: { startsWith: "staff." } },
      orderBy: { id: "asc" },
      select: { action: true },
    });
    expect(events.map((event) => event.action)).toEqual([
      "staff.signed_in",
      "staff.invited",
      "staff.role_changed",
      "staff.deactivated",
      "staff.reactivated",
    ]);
  });

  test("the last admin cannot step down", async ({ page }) => {
    const admin = await seedStaffUser("admin");
    // Every other admin of earlier tests becomes a CSM for this test.
    await testDatabase().user.updateMany({
      where: { role: "admin", id: { not: admin.id } },
      data: { role: "csm" },
    });
    await signInAs(page, admin.email, { callbackPath: "/staff/admin/users" });

    const row = page
      .getByRole("listitem")
      .filter({ has: page.getByRole("heading", { name: admin.email }) });
    await row.getByLabel(`Role of ${admin.email}`).selectOption("csm");
    await row.getByRole("button", { name: `Change role of ${admin.email}` }).click();
    await expect(row.getByRole("alert")).toContainText("You are the only active admin");
    const stored = await testDatabase().user.findUnique({ where: { id: admin.id } });
    expect(stored?.role).toBe("admin");
  });
});
