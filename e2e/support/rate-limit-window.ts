// The app's rate limits count in fixed windows aligned to the clock, so a
// test that counts requests against a limit must not straddle two windows.

/**
 * Returns once at least `neededMs` remain in the current window of
 * `windowMs`, waiting for the next window to start when needed.
 */
export async function waitForRoomInWindow(
  windowMs: number,
  neededMs: number,
): Promise<void> {
  const remainingMs = windowMs - (Date.now() % windowMs);
  if (remainingMs < neededMs) {
    await new Promise((resolve) => setTimeout(resolve, remainingMs + 50));
  }
}
