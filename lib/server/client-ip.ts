import "server-only";

import { clientIpFromHeaders } from "@/lib/request-ip";

import { getConfig } from "./runtime";

/** Returns the caller's address, trusting the number of proxies set in TRUST_PROXY_HOPS. */
export function clientIp(headers: Headers): string {
  return clientIpFromHeaders(headers, getConfig().trustProxyHops);
}
