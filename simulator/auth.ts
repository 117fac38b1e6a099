// HTTP Basic authentication with the service user ID as the user name and the
// token as the password, as HiBob's API expects.
import { createHash, timingSafeEqual } from "node:crypto";

import {
  acceptedTokenOf,
  findScenarioByServiceUserId,
  type SimulatorScenario,
} from "./scenarios";

export type AuthenticationResult =
  | { ok: true; scenario: SimulatorScenario }
  | {
      ok: false;
      /** The service user ID the client sent, if the header could be decoded. */
      serviceUserId?: string;
      key: string;
      error: string;
    };

export function authenticate(header: string | undefined): AuthenticationResult {
  if (!header) {
    return {
      ok: false,
      key: "authorization.missing",
      error:
        "The Authorization header is missing. Send HTTP Basic credentials with the service user ID as the user name and the token as the password.",
    };
  }

  const credentials = decodeBasic(header);
  if (!credentials) {
    return {
      ok: false,
      key: "authorization.invalid",
      error:
        'The Authorization header is invalid. Expected "Basic " followed by base64("SERVICE_USER_ID:TOKEN").',
    };
  }

  const scenario = findScenarioByServiceUserId(credentials.serviceUserId);
  if (!scenario || !tokensMatch(credentials.token, acceptedTokenOf(scenario))) {
    return {
      ok: false,
      serviceUserId: credentials.serviceUserId,
      key: "authorization.failed",
      error:
        "Invalid service user ID or token. Check the service user's credentials in HiBob.",
    };
  }
  return { ok: true, scenario };
}

function decodeBasic(
  header: string,
): { serviceUserId: string; token: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header.trim());
  const encoded = match?.[1];
  if (!encoded) {
    return undefined;
  }
  const decoded = Buffer.from(encoded, "base64").toString("utf8");
  const separator = decoded.indexOf(":");
  if (separator <= 0) {
    return undefined;
  }
  return {
    serviceUserId: decoded.slice(0, separator),
    token: decoded.slice(separator + 1),
  };
}

/** Compares tokens in constant time, so response timing reveals nothing about the token. */
function tokensMatch(sent: string, accepted: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(sent), digest(accepted));
}
