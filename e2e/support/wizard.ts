// Steps through the wizard the way an HR admin does.
import { expect, type Page } from "@playwright/test";

/** Opens the setup link at `path` and continues through steps 1 and 2 to step 3. */
export async function completeTeachingSteps(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await expect(
    page.getByRole("heading", { level: 2, name: /Step 1 of 3/ }),
  ).toBeVisible();
  await page.getByRole("button", { name: /continue/i }).click();
  await expect(
    page.getByRole("heading", { level: 2, name: /Step 2 of 3/ }),
  ).toBeVisible();
  await page.getByRole("button", { name: /continue/i }).click();
  await expect(
    page.getByRole("heading", { level: 2, name: /Step 3 of 3/ }),
  ).toBeVisible();
}
