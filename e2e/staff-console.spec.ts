// The staff console end to end. A CSM creates a customer and copies its link.
// The HR admin finishes the wizard in a second browser context, and the
// dashboard shows the new stage. Support then reopens the setup with a new link.
import { expect, test, type Browser, type Page } from "@playwright/test";

import { expectNoSeriousAxeViolations } from "./support/axe";
import { testDatabase } from "./support/seed";
import { seedStaffUser, signInAs } from "./support/staff";
import { completeTeachingSteps } from "./support/wizard";
import { findScenario } from "../simulator/scenarios";

function fullAccess() {
  const scenario = findScenario("full-access");
  if (!scenario) {
    throw new Error("The simulator has no full-access scenario.");
  }
  return scenario;
}

/** Opens a signed-in page for a new staff user of the given role in its own context. */
async function staffPage(
  browser: Browser,
  role: "csm" | "support" | "admin",
): Promise<{ page: Page; email: string }> {
  const email = `${role}-${Date.now()}@vendor.example`;
  await seedStaffUser(role, email);
  const context = await browser.newContext({
    permissions: ["clipboard-read", "clipboard-write"],
  });
  const page = await context.newPage();
  await signInAs(page, email);
  return { page, email };
}

function dashboardRow(page: Page, companyName: string) {
  return page
    .getByRole("row")
    .filter({ has: page.getByRole("link", { name: companyName }) });
}

test.describe("staff console", () => {
  test("anonymous visitor is sent to sign-in", async ({ page }) => {
    await page.goto("/staff");
    await expect(page).toHaveURL(/\/staff\/sign-in\?callbackUrl=/);
    await page.goto("/staff/customers/new");
    await expect(page).toHaveURL(/\/staff\/sign-in/);
  });

  test("create, connect, and reopen a customer", async ({ browser }) => {
    const companyName = `E2E Console ${Date.now()}`;
    const scenario = fullAccess();

    // A CSM creates the customer and copies the link.
    const { page: csmPage } = await staffPage(browser, "csm");
    await csmPage.goto("/staff/customers/new");
    await expect(
      csmPage.getByRole("heading", { level: 1, name: "New customer" }),
    ).toBeVisible();
    await expectNoSeriousAxeViolations(csmPage);

    await csmPage.getByLabel("Company name").fill(companyName);
    await csmPage.getByLabel(/HR admin's email address/).fill("hr@console.example");
    await expect(csmPage.getByLabel("Work", { exact: true })).toBeChecked();
    await expect(csmPage.getByLabel(/Basic info/)).toBeDisabled();
    await csmPage.getByRole("button", { name: "Create customer and link" }).click();

    await expect(
      csmPage.getByRole("heading", { name: `${companyName} was created` }),
    ).toBeVisible();
    const linkField = csmPage.getByRole("textbox", { name: "Setup link" });
    const link = await linkField.inputValue();
    expect(link).toMatch(/\/link\/[A-Za-z0-9_-]{43}$/);
    await csmPage.getByRole("button", { name: "Copy link" }).click();
    await expect(csmPage.getByRole("status").filter({ hasText: "Copied" })).toBeVisible();
    expect(await csmPage.evaluate(() => navigator.clipboard.readText())).toBe(link);
    await expectNoSeriousAxeViolations(csmPage);

    // Reloading the page does not show the link again.
    await csmPage.reload();
    await expect(csmPage.getByLabel("Company name")).toHaveValue("");
    expect(await csmPage.content()).not.toContain(new URL(link).pathname);

    // The dashboard shows the new customer as "Link sent".
    await csmPage.goto(`/staff?q=${encodeURIComponent(companyName)}`);
    await expect(dashboardRow(csmPage, companyName).getByText("Link sent")).toBeVisible();
    await expectNoSeriousAxeViolations(csmPage);

    // The HR admin finishes the wizard in a separate browser context.
    const hrContext = await browser.newContext();
    const hrPage = await hrContext.newPage();
    await completeTeachingSteps(hrPage, new URL(link).pathname);
    await hrPage.getByLabel("Service user ID").fill(scenario.serviceUserId);
    await hrPage.getByLabel("Service user token").fill(scenario.token);
    await hrPage
      .getByRole("button", { name: "Link account and check permissions" })
      .click();
    await expect(
      hrPage.getByRole("heading", { name: "Your HiBob account is connected" }),
    ).toBeVisible();

    // After a reload the dashboard shows the customer as connected.
    await csmPage.reload();
    await expect(dashboardRow(csmPage, companyName).getByText("Connected")).toBeVisible();
    await expect(dashboardRow(csmPage, companyName).getByText("Link sent")).toHaveCount(
      0,
    );

    // The customer page shows the result, the credentials and the timeline.
    await dashboardRow(csmPage, companyName)
      .getByRole("link", { name: companyName })
      .click();
    await expect(
      csmPage.getByRole("heading", { level: 1, name: companyName }),
    ).toBeVisible();
    await expect(
      csmPage.getByRole("heading", { name: "The HiBob account is connected" }),
    ).toBeVisible();
    await expect(
      csmPage
        .getByRole("region", { name: "Stored credentials" })
        .getByText(scenario.serviceUserId, { exact: true }),
    ).toBeVisible();
    await expect(csmPage.getByText("Credentials stored")).toBeVisible();
    expect(await csmPage.content()).not.toContain(scenario.token);
    await expectNoSeriousAxeViolations(csmPage);
    const customerUrl = csmPage.url();

    // Support reopens the setup so the HR admin enters new credentials.
    const { page: supportPage } = await staffPage(browser, "support");
    const forbidden = await supportPage.goto("/staff/customers/new");
    expect(forbidden?.status()).toBe(403);
    await expect(supportPage.getByLabel("Company name")).toHaveCount(0);
    await supportPage.goto(customerUrl);
    await supportPage.getByLabel("Enter new credentials").check();
    await supportPage.getByRole("button", { name: "Reopen with a new link" }).click();
    await expect(
      supportPage.getByText(/The reason is too short|Enter the reason/),
    ).toBeVisible();
    await supportPage
      .getByLabel("Reason for reopening")
      .fill("The HR admin deleted the service user");
    await supportPage.getByRole("button", { name: "Reopen with a new link" }).click();
    await expect(
      supportPage.getByRole("heading", { name: "Setup reopened with a new link" }),
    ).toBeVisible();
    const newLink = await supportPage
      .getByRole("textbox", { name: "Setup link" })
      .inputValue();
    expect(newLink).not.toBe(link);
    await expect(
      supportPage.getByText("Setup reopened with a new link").last(),
    ).toBeVisible();

    // The old link now shows that it was replaced.
    await hrPage.reload();
    await expect(
      hrPage.getByRole("heading", { level: 1, name: "This link was replaced" }),
    ).toBeVisible();

    // The new link shows the credential form, not the stored credentials.
    await completeTeachingSteps(hrPage, new URL(newLink).pathname);
    await expect(hrPage.getByLabel("Service user ID")).toBeVisible();
    await expect(hrPage.getByText(scenario.serviceUserId)).toHaveCount(0);

    const events = await testDatabase().auditEvent.findMany({
      where: { customer: { companyName }, action: "link.reopened" },
    });
    expect(events).toHaveLength(1);
    expect(events[0]?.details).toMatchObject({
      mode: "relink",
      reason: "The HR admin deleted the service user",
    });

    await hrContext.close();
  });
});
