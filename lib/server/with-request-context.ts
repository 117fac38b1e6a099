import "server-only";

import { randomUUID } from "node:crypto";

import { headers } from "next/headers";

import { runWithRequestContext } from "@/lib/request-context";

/** Runs `task` with the request id the proxy assigned, so its log lines carry it. */
export async function withRequestContext<T>(task: () => Promise<T>): Promise<T> {
  const requestId = (await headers()).get("x-request-id") ?? randomUUID();
  return runWithRequestContext({ requestId }, task);
}
