// Part 3b: Largest Contentful Paint of a page in headless Debian Chromium,
// each load in a fresh browser context (empty cache), as e2e tests run it.
import { chromium, type Browser } from "@playwright/test";

import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../e2e/support/chromium";

import { median } from "./stats";

export type PageLoad = {
  lcpMs: number;
  /** First Contentful Paint. */
  fcpMs: number;
  /** Time to the first byte of the document. */
  ttfbMs: number;
  /** JavaScript bytes the browser received (gzip), from Resource Timing. */
  scriptTransferBytes: number;
  /** Tag name of the LCP element, for example "H1". */
  lcpElement: string;
};

export type PageLoadSeries = { name: string; path: string; loads: PageLoad[] };

/**
 * Reads paint and resource timings in the page. LCP candidates stop coming
 * after the load event, so the newest buffered entry is the final one.
 */
const READ_TIMINGS = `new Promise((resolve) => {
  new PerformanceObserver((list) => {
    const entries = list.getEntries();
    const last = entries[entries.length - 1];
    const navigation = performance.getEntriesByType("navigation")[0];
    const fcp = performance.getEntriesByName("first-contentful-paint")[0];
    const scripts = performance
      .getEntriesByType("resource")
      .filter((entry) => entry.initiatorType === "script" || entry.name.endsWith(".js"));
    resolve({
      lcpMs: last ? last.startTime : -1,
      fcpMs: fcp ? fcp.startTime : -1,
      ttfbMs: navigation ? navigation.responseStart : -1,
      scriptTransferBytes: scripts.reduce((total, entry) => total + entry.encodedBodySize, 0),
      lcpElement: last && last.element ? last.element.tagName : "unknown",
    });
  }).observe({ type: "largest-contentful-paint", buffered: true });
})`;

async function loadOnce(browser: Browser, url: string): Promise<PageLoad> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    const response = await page.goto(url, { waitUntil: "load", timeout: 30_000 });
    if (!response || !response.ok()) {
      throw new Error(
        `Loading ${url} failed with HTTP ${response?.status() ?? "no response"}.`,
      );
    }
    // Scripts that hydrate after the load event may still add or change content.
    await page.waitForTimeout(300);
    return (await page.evaluate(READ_TIMINGS)) as PageLoad;
  } finally {
    await context.close();
  }
}

/**
 * Loads each page `repetitions` times after one warm-up load each, taking
 * turns between pages so that drift on the machine affects all of them alike.
 */
export async function measurePageLoads(
  baseUrl: string,
  pages: { name: string; path: string }[],
  repetitions: number,
): Promise<{ browserVersion: string; series: PageLoadSeries[] }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
  });
  try {
    const series: PageLoadSeries[] = pages.map((page) => ({ ...page, loads: [] }));
    for (const page of pages) {
      await loadOnce(browser, `${baseUrl}${page.path}`);
    }
    for (let repetition = 0; repetition < repetitions; repetition += 1) {
      for (const entry of series) {
        entry.loads.push(await loadOnce(browser, `${baseUrl}${entry.path}`));
      }
    }
    return { browserVersion: browser.version(), series };
  } finally {
    await browser.close();
  }
}

export function medianOf(
  loads: readonly PageLoad[],
  key: keyof Omit<PageLoad, "lcpElement">,
) {
  return median(loads.map((load) => load[key]));
}
