import { expect, test, type Page } from "@playwright/test";

import { RATE_LIMITS } from "@/lib/rate-limit/rules";

import { expectNoSeriousAxeViolations } from "./support/axe";
import { waitForRoomInWindow } from "./support/rate-limit-window";
import { seedLink, testDatabase } from "./support/seed";
import { completeTeachingSteps } from "./support/wizard";

async function submitCredentials(page: Page, serviceUserId: string, token: string) {
  await page.getByLabel("Service user ID").fill(serviceUserId);
  await page.getByLabel("Service user token").fill(token);
  await page.getByRole("button", { name: "Link account and check permissions" }).click();
}

function categoryRow(page: Page, name: string) {
  return page
    .getByRole("listitem")
    .filter({ has: page.getByRole("heading", { level: 4, name, exact: true }) });
}

test.describe("wizard", () => {
  test("full access: every step, all granted", async ({ page }) => {
    const link = await seedLink("full-access");

    await page.goto(link.path);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Connect your HiBob account",
    );
    await expectNoSeriousAxeViolations(page);
    await page.getByRole("button", { name: /continue/i }).click();

    await expect(
      page.getByRole("heading", { level: 2, name: /Step 2 of 3/ }),
    ).toBeVisible();
    await expect(page.getByText("Select people by condition")).toBeVisible();
    await expectNoSeriousAxeViolations(page);
    await page.getByRole("button", { name: /continue/i }).click();

    await expect(
      page.getByRole("heading", { level: 2, name: /Step 3 of 3/ }),
    ).toBeVisible();
    await expectNoSeriousAxeViolations(page);
    await submitCredentials(page, link.serviceUserId, link.token);

    await expect(
      page.getByRole("heading", { name: "Your HiBob account is connected" }),
    ).toBeVisible();
    await expect(
      page.getByRole("heading", { name: "Your HiBob account is connected" }),
    ).toBeFocused();
    // History cannot be read at all, and Edit on Lifecycle and on Personal
    // contact details cannot be confirmed: the summary names the same three.
    await expect(page.getByText("check the 3 marked below by hand")).toBeVisible();
    await expect(
      page.getByText("6 granted · 0 to fix · 3 to check by hand"),
    ).toBeVisible();
    for (const name of [
      "Basic info",
      "Employment",
      "Identification",
      "Lifecycle",
      "Personal",
      "Personal contact details",
      "Work",
      "Work contact details",
    ]) {
      await expect(
        categoryRow(page, name).getByText("Granted", { exact: true }),
      ).toBeVisible();
    }
    await expect(categoryRow(page, "History").getByText("Check by hand")).toBeVisible();
    await expect(
      page.locator("dd").filter({ hasText: link.token.slice(-4) }),
    ).toBeVisible();
    await expectNoSeriousAxeViolations(page);

    const html = await page.content();
    expect(html).not.toContain(link.token);

    const credential = await testDatabase().hibobCredential.findUniqueOrThrow({
      where: { customerId: link.customerId },
    });
    expect(credential.serviceUserId).toBe(link.serviceUserId);
    expect(credential.tokenLastFour).toBe(link.token.slice(-4));
    expect(credential.encryptedToken).not.toContain(link.token);
    const session = await testDatabase().linkSession.findUniqueOrThrow({
      where: { id: link.linkSessionId },
    });
    expect(session.status).toBe("submitted");
  });

  test("token never returns after reload", async ({ page }) => {
    const link = await seedLink("full-access");
    await completeTeachingSteps(page, link.path);
    await submitCredentials(page, link.serviceUserId, link.token);
    await expect(
      page.getByRole("heading", { name: "Your HiBob account is connected" }),
    ).toBeVisible();

    const responses: string[] = [];
    page.on("response", async (response) => {
      if (response.url().startsWith(new URL(page.url()).origin)) {
        responses.push(await response.text().catch(() => ""));
      }
    });
    await page.reload();
    await expect(page.getByText(link.serviceUserId)).toBeVisible();
    expect(responses.length).toBeGreaterThan(0);
    for (const body of responses) {
      expect(body).not.toContain(link.token);
    }
    await expect(page.getByLabel("Service user token")).toHaveCount(0);
  });

  test("missing permission shows its fix", async ({ page }) => {
    const link = await seedLink("personal-view-only");
    await completeTeachingSteps(page, link.path);
    await submitCredentials(page, link.serviceUserId, link.token);

    await expect(
      page.getByRole("heading", { name: /needs your attention/ }),
    ).toBeVisible();
    const personal = categoryRow(page, "Personal");
    await expect(personal.getByText("Partly granted")).toBeVisible();
    await expect(personal).toContainText("Edit selected employees' Personal sections");
    await expect(
      categoryRow(page, "Work").getByText("Granted", { exact: true }),
    ).toBeVisible();
    await expectNoSeriousAxeViolations(page);
  });

  test("work without histories names the permission", async ({ page }) => {
    const link = await seedLink("work-no-history");
    await completeTeachingSteps(page, link.path);
    await submitCredentials(page, link.serviceUserId, link.token);

    const work = categoryRow(page, "Work");
    await expect(work.getByText("Partly granted")).toBeVisible();
    await expect(work).toContainText("View selected employees' Work section histories");
  });

  test("wrong token gets a clear error", async ({ page }) => {
    const link = await seedLink("wrong-token");
    await completeTeachingSteps(page, link.path);
    await submitCredentials(page, link.serviceUserId, link.token);

    // Next.js keeps its own route announcer with role "alert" on every page.
    const alert = page.getByRole("alert").filter({ hasText: "rejected" });
    await expect(alert).toBeVisible();
    await expect(alert).not.toContainText(link.token);
    await expect(page.getByLabel("Service user token")).toHaveAttribute(
      "aria-invalid",
      "true",
    );
    await expect(
      page.getByText("HiBob did not accept this service user ID and token together."),
    ).toBeVisible();
    await expectNoSeriousAxeViolations(page);

    const credential = await testDatabase().hibobCredential.findUnique({
      where: { customerId: link.customerId },
    });
    expect(credential).toBeNull();
  });

  test("repeated failures pause checks", async ({ page }) => {
    await waitForRoomInWindow(RATE_LIMITS.credentialFailuresByLink.windowMs, 30_000);
    const link = await seedLink("wrong-token");
    await completeTeachingSteps(page, link.path);
    const alert = page.getByRole("alert").filter({ hasText: /rejected|paused/ });
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await submitCredentials(page, link.serviceUserId, link.token);
      await expect(alert).toContainText("rejected");
      await expect(
        page.getByRole("button", { name: "Link account and check permissions" }),
      ).toBeEnabled();
    }

    await submitCredentials(page, link.serviceUserId, link.token);
    await expect(alert).toContainText("paused to keep HiBob from blocking your account");
    await expect(alert).toContainText(/try in \d+ (seconds|minutes)/);
    const runs = await testDatabase().probeRun.count({
      where: { customerId: link.customerId },
    });
    expect(runs).toBe(5);
  });

  test("submit without scripts hides the token", async ({ page, browser }) => {
    const link = await seedLink("full-access");
    await completeTeachingSteps(page, link.path);

    // A submit before the form's script has loaded behaves like a browser
    // without JavaScript: a plain form submission.
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const noScript = await context.newPage();
      await noScript.goto(`${link.path}?step=3`);
      await noScript.getByLabel("Service user ID").fill(link.serviceUserId);
      await noScript.getByLabel("Service user token").fill(link.token);
      await noScript
        .getByRole("button", { name: "Link account and check permissions" })
        .click();
      await noScript.waitForLoadState("load");

      expect(noScript.url()).not.toContain(link.token);
      expect(noScript.url()).not.toContain("token=");
      await expect(
        noScript.getByRole("heading", { level: 2, name: /Step 3 of 3/ }),
      ).toBeVisible();
    } finally {
      await context.close();
    }
  });

  test("empty form shows field errors", async ({ page }) => {
    const link = await seedLink("full-access");
    await completeTeachingSteps(page, link.path);
    await page
      .getByRole("button", { name: "Link account and check permissions" })
      .click();

    await expect(page.getByText("Enter the service user ID.")).toBeVisible();
    await expect(page.getByText("Enter the service user token.")).toBeVisible();
    await expect(page.getByLabel("Service user ID")).toBeFocused();
  });

  test("reload and second device keep progress", async ({ page, browser }) => {
    const link = await seedLink("full-access");
    await page.goto(link.path);
    await page.getByRole("button", { name: /continue/i }).click();
    await expect(
      page.getByRole("heading", { level: 2, name: /Step 2 of 3/ }),
    ).toBeVisible();

    await page.goto(link.path);
    await expect(
      page.getByRole("heading", { level: 2, name: /Step 2 of 3/ }),
    ).toBeVisible();

    const otherDevice = await browser.newContext();
    const otherPage = await otherDevice.newPage();
    await otherPage.goto(link.path);
    await expect(
      otherPage.getByRole("heading", { level: 2, name: /Step 2 of 3/ }),
    ).toBeVisible();
    await otherDevice.close();
  });

  test("checklist lists only required categories", async ({ page }) => {
    const link = await seedLink("full-access", {
      requiredCategories: ["basic_info", "work"],
    });
    await page.goto(link.path);
    await page.getByRole("button", { name: /continue/i }).click();

    await expect(page.getByRole("heading", { level: 4 })).toHaveText([
      "Basic info",
      "Work",
    ]);
    await expect(
      page.getByText("View selected employees' Work section histories"),
    ).toBeVisible();
  });

  test("check again records a new run", async ({ page }) => {
    const link = await seedLink("full-access");
    await completeTeachingSteps(page, link.path);
    await submitCredentials(page, link.serviceUserId, link.token);
    await expect(
      page.getByRole("heading", { name: "Your HiBob account is connected" }),
    ).toBeVisible();

    await page.getByRole("button", { name: "Check again" }).click();
    await expect(
      page.getByText("Check finished. The results below are up to date."),
    ).toBeVisible();
    const runs = await testDatabase().probeRun.count({
      where: { customerId: link.customerId },
    });
    expect(runs).toBe(2);
  });

  test("keyboard alone completes the wizard", async ({ page }) => {
    const link = await seedLink("full-access");
    await page.goto(link.path);
    await page.getByRole("button", { name: /continue/i }).focus();
    await page.keyboard.press("Enter");
    await expect(
      page.getByRole("heading", { level: 2, name: /Step 2 of 3/ }),
    ).toBeVisible();
    await page.getByRole("button", { name: /continue/i }).focus();
    await page.keyboard.press("Enter");
    await expect(
      page.getByRole("heading", { level: 2, name: /Step 3 of 3/ }),
    ).toBeVisible();

    await page.getByLabel("Service user ID").focus();
    await page.keyboard.type(link.serviceUserId);
    await page.keyboard.press("Tab");
    await expect(page.getByLabel("Service user token")).toBeFocused();
    await page.keyboard.type(link.token);
    await page.keyboard.press("Enter");
    await expect(
      page.getByRole("heading", { name: "Your HiBob account is connected" }),
    ).toBeVisible();
  });

  test("phone-sized screen has no sideways scroll", async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 740 });
    const link = await seedLink("personal-view-only");
    await completeTeachingSteps(page, link.path);
    await submitCredentials(page, link.serviceUserId, link.token);
    await expect(
      page.getByRole("heading", { name: /needs your attention/ }),
    ).toBeVisible();

    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  });
});

test.describe("link problems", () => {
  test("unknown link explains itself", async ({ page }) => {
    const response = await page.goto(`/link/${"x".repeat(43)}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "This link is not valid",
    );
    await expectNoSeriousAxeViolations(page);
  });

  test("malformed link explains itself", async ({ page }) => {
    const response = await page.goto("/link/%3Cscript%3E");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "This link is not valid",
    );
  });

  test("expired link explains itself", async ({ page }) => {
    const link = await seedLink("full-access", { expiresInMs: -1000 });
    await page.goto(link.path);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "This link has expired",
    );
    await expectNoSeriousAxeViolations(page);
  });

  test("revoked link explains itself", async ({ page }) => {
    const link = await seedLink("full-access", { revoked: true });
    await page.goto(link.path);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "This link was replaced",
    );
  });

  test("link pages send no referrer", async ({ page }) => {
    const link = await seedLink("full-access");
    const response = await page.goto(link.path);
    expect(response?.headers()["referrer-policy"]).toBe("no-referrer");
  });
});

test.describe("request hardening", () => {
  /** Clicks "continue" and captures the server action request without sending it. */
  async function captureContinueAction(page: Page, path: string) {
    await page.goto(path);
    let captured: { actionId: string; contentType: string; body: Buffer } | undefined;
    await page.route(`**${path}*`, async (route) => {
      const headers = route.request().headers();
      if (route.request().method() === "POST" && headers["next-action"]) {
        captured = {
          actionId: headers["next-action"],
          contentType: headers["content-type"] ?? "text/plain;charset=UTF-8",
          body: route.request().postDataBuffer() ?? Buffer.alloc(0),
        };
        await route.abort();
        return;
      }
      await route.continue();
    });
    await page.getByRole("button", { name: /continue/i }).click();
    await expect.poll(() => captured).toBeDefined();
    return captured!;
  }

  test("replayed form post from the same origin works", async ({
    page,
    request,
    baseURL,
  }) => {
    const link = await seedLink("full-access");
    const action = await captureContinueAction(page, link.path);

    const response = await request.post(link.path, {
      headers: {
        "Next-Action": action.actionId,
        Origin: baseURL ?? "",
        "Content-Type": action.contentType,
      },
      data: action.body,
      failOnStatusCode: false,
      maxRedirects: 0,
    });

    expect(response.status()).toBeLessThan(400);
    const row = await testDatabase().linkSession.findUniqueOrThrow({
      where: { id: link.linkSessionId },
    });
    expect(row.currentStep).toBe(2);
  });

  test("oversized form post is refused", async ({ page, request }) => {
    const link = await seedLink("full-access");
    const action = await captureContinueAction(page, link.path);

    const response = await request.post(link.path, {
      headers: {
        "Next-Action": action.actionId,
        "Content-Type": "text/plain;charset=UTF-8",
      },
      data: JSON.stringify(["x".repeat(200 * 1024)]),
      failOnStatusCode: false,
    });

    expect(response.status()).toBeGreaterThanOrEqual(400);
    const row = await testDatabase().linkSession.findUniqueOrThrow({
      where: { id: link.linkSessionId },
    });
    expect(row.currentStep).toBe(1);
  });

  test("form post from a foreign origin is refused", async ({ page, request }) => {
    const link = await seedLink("full-access");
    const action = await captureContinueAction(page, link.path);

    const response = await request.post(link.path, {
      headers: {
        "Next-Action": action.actionId,
        Origin: "https://attacker.example",
        "Content-Type": action.contentType,
      },
      data: action.body,
      failOnStatusCode: false,
    });

    expect(response.status()).toBeGreaterThanOrEqual(400);
    const row = await testDatabase().linkSession.findUniqueOrThrow({
      where: { id: link.linkSessionId },
    });
    expect(row.currentStep).toBe(1);
  });
});
