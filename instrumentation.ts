// Runs once when a server starts. Checks the configuration up front, so a
// production server without an encryption key stops at start-up with a clear
// message instead of failing on the first credential it stores, then closes
// out probe runs that a crashed server left unfinished.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") {
    return;
  }
  const { checkStartupConfiguration } = await import("@/lib/server/startup");
  checkStartupConfiguration();

  const { recoverInterruptedRunsOnStartup } = await import("@/lib/probe-runs/recovery");
  await recoverInterruptedRunsOnStartup();
}
