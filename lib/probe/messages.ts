// The one- or two-sentence summary of a probe for the HR admin. Messages
// never contain the token or HiBob's raw response.
import {
  HibobRateLimitError,
  HibobTimeoutError,
  type HibobError,
} from "@/lib/hibob/errors";

import type { CategoryResult } from "./types";

const NOTHING_CHANGED = "Nothing was changed in HiBob and no data was lost.";
const TRY_AGAIN =
  "Try again in a few minutes. If it keeps happening, contact your vendor's support team.";

export function allGrantedMessage(
  employeesVisible: number,
  categories: readonly CategoryResult[],
): string {
  const toCheck = categories.filter((category) => category.unverified.length > 0).length;
  const base = `The service user has every permission the check can verify and sees ${employeesVisible} ${employeesVisible === 1 ? "employee" : "employees"}.`;
  if (toCheck === 0) {
    return base;
  }
  return `${base} HiBob's API cannot confirm a few permissions, so check the ${toCheck === 1 ? "one" : toCheck} marked below by hand in HiBob.`;
}

export function missingPermissionsMessage(input: {
  /** Names of the categories with missing permissions, in catalogue order. */
  missingCategories: readonly string[];
  scopeIncomplete: boolean;
}): string {
  const parts: string[] = [];
  if (input.missingCategories.length > 0) {
    parts.push(`permissions are missing in ${joinNames(input.missingCategories)}`);
  }
  if (input.scopeIncomplete) {
    parts.push("the access rights leave out some employees");
  }
  return `The credentials work, but ${parts.join(" and ")}. Follow the fixes below in HiBob, save the permission group, and run the check again.`;
}

function joinNames(names: readonly string[]): string {
  if (names.length <= 1) {
    return names.join("");
  }
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

export const NO_EMPLOYEES_MESSAGE =
  "The credentials work, but HiBob returned no employees. Either the service user is in no permission group yet, or its group lacks View on Basic info. HiBob's API returns the same empty result in both cases, so check both as described below and run the check again.";

function rateLimitWait(error: HibobError, nowMs: number): string {
  const resetAt = error instanceof HibobRateLimitError ? error.resetAt : undefined;
  const seconds =
    resetAt === undefined ? undefined : Math.ceil((resetAt.getTime() - nowMs) / 1000);
  if (seconds === undefined || seconds <= 0 || seconds > 3600) {
    return "Wait a minute and run the check again.";
  }
  return `Wait about ${seconds} ${seconds === 1 ? "second" : "seconds"} and run the check again.`;
}

/** Formats the timeout of the call that timed out, in whole seconds. */
function seconds(error: HibobError, fallbackMs: number): string {
  const ms = error instanceof HibobTimeoutError ? error.timeoutMs : fallbackMs;
  const value = Math.max(1, Math.round(ms / 1000));
  return `${value} ${value === 1 ? "second" : "seconds"}`;
}

/** Returns the message for a probe that ended with a HiBob error. */
export function failureMessage(
  error: HibobError,
  timeoutMs: number,
  nowMs: number,
): string {
  switch (error.kind) {
    case "invalid_credentials":
      return `HiBob rejected the Service User ID and token. ${NOTHING_CHANGED} Copy both values again from HiBob. If the token is lost, create a new token for the service user and paste it here.`;
    case "unreachable":
      return `HiBob's API could not be reached. ${NOTHING_CHANGED} ${TRY_AGAIN}`;
    case "timed_out":
      return `The check timed out because HiBob did not respond within ${seconds(error, timeoutMs)}. ${NOTHING_CHANGED} ${TRY_AGAIN}`;
    case "rate_limited":
      return `HiBob is limiting how many requests can be made right now. ${NOTHING_CHANGED} ${rateLimitWait(error, nowMs)}`;
    case "forbidden":
      return `HiBob accepted the credentials but refused the request (HTTP 403). ${NOTHING_CHANGED} Check that the service user is active in HiBob and run the check again. If it keeps happening, contact your vendor's support team.`;
    case "not_found":
      return `HiBob's API responded "not found", so the API address this check uses may be wrong. ${NOTHING_CHANGED} Contact your vendor's support team.`;
    case "unexpected_response":
      return `HiBob returned a response the check could not read${error.status === undefined ? "" : ` (HTTP ${error.status})`}. ${NOTHING_CHANGED} ${TRY_AGAIN}`;
  }
}

export const UNEXPECTED_ERROR_MESSAGE = `The permission check failed on our side. ${NOTHING_CHANGED} ${TRY_AGAIN}`;

export const INVALID_BASE_URL_MESSAGE = `The HiBob API address configured for this check is invalid, so HiBob was not contacted. ${NOTHING_CHANGED} Contact your vendor's support team.`;
