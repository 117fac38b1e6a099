import "server-only";

import { randomUUID } from "node:crypto";

import { headers } from "next/headers";

import { runWithRequestContext } from "@/lib/request-context";

async function requestIdFromHeaders(): Promise<string | null> {
  try {
    return (await headers()).get("x-request-id");
  } catch {
    // Called outside a request (a script or a test): there is no header to read.
    return null;
  }
}

/** Runs `task` with the request id the proxy assigned, so its log lines carry it. */
export async function withRequestContext<T>(task: () => Promise<T>): Promise<T> {
  const requestId = (await requestIdFromHeaders()) ?? randomUUID();
  return runWithRequestContext({ requestId }, task);
}
