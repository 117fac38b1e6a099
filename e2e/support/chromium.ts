// Launch options for Chromium in the end-to-end tests and the benchmarks.
// They use Debian's Chromium because Playwright's browser download cannot
// reach its host here, and the flags keep the browser off the network.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
