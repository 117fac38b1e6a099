// Two production servers on one PostgreSQL database, as behind a load
// balancer: link progress, probe runs and rate limits must be the same
// whichever instance a request reaches.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import { createRequire } from "node:module";

import { expect, test } from "@playwright/test";

import { createLinkToken } from "@/lib/link-sessions/link-token";
import { RATE_LIMITS } from "@/lib/rate-limit/rules";

import { waitForRoomInWindow } from "./support/rate-limit-window";
import { seedLink, testDatabase } from "./support/seed";

const require = createRequire(import.meta.url);
const firstUrl = `http://127.0.0.1:${process.env.E2E_PORT ?? 3510}`;
const secondPort = Number(process.env.E2E_PORT ?? 3510) + 1;
const secondUrl = `http://127.0.0.1:${secondPort}`;
let second: ChildProcess | undefined;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  const env = JSON.parse(process.env.E2E_SERVER_ENV ?? "{}") as NodeJS.ProcessEnv;
  const log = createWriteStream(
    `${process.env.E2E_SERVER_LOG ?? "test-results/e2e-server.log"}.second`,
  );
  second = spawn(
    process.execPath,
    [
      require.resolve("next/dist/bin/next"),
      "start",
      "--port",
      String(secondPort),
      "--hostname",
      "127.0.0.1",
    ],
    { env: { ...env, APP_URL: secondUrl }, stdio: ["ignore", "pipe", "pipe"] },
  );
  second.stdout?.pipe(log);
  second.stderr?.pipe(log);

  const deadline = Date.now() + 60_000;
  for (;;) {
    const ready = await fetch(`${secondUrl}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) {
      break;
    }
    if (Date.now() > deadline || second.exitCode !== null) {
      throw new Error("The second app instance did not start.");
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
});

test.afterAll(async () => {
  if (second && second.exitCode === null) {
    const exited = new Promise((resolve) => second?.once("exit", resolve));
    second.kill("SIGTERM");
    await exited;
  }
});

test("link progress is shared", async ({ page }) => {
  const link = await seedLink("full-access");
  await page.goto(`${firstUrl}${link.path}`);
  await page.getByRole("button", { name: /continue/i }).click();
  await expect(
    page.getByRole("heading", { level: 2, name: /Step 2 of 3/ }),
  ).toBeVisible();

  await page.goto(`${secondUrl}${link.path}`);
  await expect(
    page.getByRole("heading", { level: 2, name: /Step 2 of 3/ }),
  ).toBeVisible();
});

test("probe runs are shared", async ({ page }) => {
  const link = await seedLink("full-access");
  await page.goto(`${secondUrl}${link.path}?step=3`);
  await page.getByRole("button", { name: /continue/i }).click();
  await page.getByRole("button", { name: /continue/i }).click();
  await page.getByLabel("Service user ID").fill(link.serviceUserId);
  await page.getByLabel("Service user token").fill(link.token);
  await page.getByRole("button", { name: "Link account and check permissions" }).click();
  await expect(
    page.getByRole("heading", { name: "Your HiBob account is connected" }),
  ).toBeVisible();

  await page.goto(`${firstUrl}${link.path}`);
  await expect(
    page.getByRole("heading", { name: "Your HiBob account is connected" }),
  ).toBeVisible();
  await page.getByRole("button", { name: "Check again" }).click();
  await expect(
    page.getByText("Check finished. The results below are up to date."),
  ).toBeVisible();

  const runs = await testDatabase().probeRun.findMany({
    where: { customerId: link.customerId },
  });
  expect(runs).toHaveLength(2);
  expect(runs.every((run) => run.status === "completed")).toBe(true);
});

test("rate limits are shared", async ({ request }) => {
  // An unknown but well-formed token: the per-link limit applies before lookup.
  const path = `/link/${createLinkToken()}`;
  await waitForRoomInWindow(RATE_LIMITS.linkPageByLink.windowMs, 15_000);
  const statuses: { instance: "first" | "second"; status: number }[] = [];
  for (let attempt = 0; attempt < 70; attempt += 1) {
    const instance = attempt % 2 === 0 ? "first" : "second";
    const response = await request.get(
      `${instance === "first" ? firstUrl : secondUrl}${path}`,
      {
        maxRedirects: 0,
      },
    );
    statuses.push({ instance, status: response.status() });
  }

  // The unknown link's page returns 404, and the limit returns 429 before it.
  const allowed = statuses.filter((entry) => entry.status === 404);
  const refused = statuses.filter((entry) => entry.status === 429);
  // Counted per instance, 70 alternating requests would stay within 60 on each.
  expect(allowed.length).toBeLessThanOrEqual(60);
  expect(allowed.length + refused.length).toBe(statuses.length);
  expect(refused.some((entry) => entry.instance === "first")).toBe(true);
  expect(refused.some((entry) => entry.instance === "second")).toBe(true);
});

test("SIGTERM lets a running check finish", async ({ page }) => {
  const link = await seedLink("full-access");
  await page.goto(`${secondUrl}${link.path}`);
  await page.getByRole("button", { name: /continue/i }).click();
  await page.getByRole("button", { name: /continue/i }).click();
  await page.getByLabel("Service user ID").fill(link.serviceUserId);
  await page.getByLabel("Service user token").fill(link.token);

  const simulatorUrl = process.env.E2E_SIMULATOR_URL;
  await fetch(`${simulatorUrl}/__simulator/fault`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      mode: "slow",
      delayMs: 1500,
      pathPrefix: "/v1/people/search",
    }),
  });
  try {
    // The server action's POST to the link page.
    const actionResponse = page.waitForResponse(
      (response) =>
        response.request().method() === "POST" &&
        new URL(response.url()).pathname === link.path,
    );
    await page
      .getByRole("button", { name: "Link account and check permissions" })
      .click();
    await expect(
      page.getByRole("button", { name: "Checking with HiBob…" }),
    ).toBeVisible();
    const exited = new Promise<number | null>((resolve) => second?.once("exit", resolve));
    second?.kill("SIGTERM");

    // The request in flight completes before the server exits.
    expect((await actionResponse).status()).toBe(200);
    // A number, not null: the server exited by itself (Next.js uses 143 after
    // SIGTERM) instead of being killed by the signal.
    expect(await exited).not.toBeNull();

    // The next request goes to the other instance, as a load balancer would
    // send it, and shows the finished check.
    await page.goto(`${firstUrl}${link.path}?step=3`);
    await expect(
      page.getByRole("heading", { name: "Your HiBob account is connected" }),
    ).toBeVisible();
  } finally {
    await fetch(`${simulatorUrl}/__simulator/fault`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ mode: "none" }),
    });
  }

  const runs = await testDatabase().probeRun.findMany({
    where: { customerId: link.customerId },
  });
  expect(runs.map((run) => run.status)).toEqual(["completed"]);
});
