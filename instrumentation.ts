// Runs once when a server starts. Checks the configuration up front, so a
// production server without an encryption key stops at start-up with a clear
// message instead of failing on the first credential it stores.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") {
    return;
  }
  const { checkStartupConfiguration } = await import("@/lib/server/startup");
  checkStartupConfiguration();
}
