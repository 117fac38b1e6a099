// Counters that the security report adds up. Tests call recordSecurityFigure
// as they go; the figures are written only when SECURITY_REPORT_FILE is set.
import { appendFileSync } from "node:fs";

export type SecurityFigure =
  "inputsTried" | "requestsRefused" | "faultsInjected" | "recordsLost";

export function recordSecurityFigure(name: SecurityFigure, amount = 1): void {
  const file = process.env.SECURITY_REPORT_FILE;
  if (file) {
    appendFileSync(file, `${JSON.stringify({ name, amount })}\n`);
  }
}
