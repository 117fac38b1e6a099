// The client address of a request, for rate limits and logs.
//
// Next.js's server appends the connecting address to X-Forwarded-For, so
// without a trusted proxy in front the last entry is the client. Behind a
// load balancer that appends its own entry, set TRUST_PROXY_HOPS to the
// number of proxies, so the entry that many places from the end is used.
export function clientIpFromHeaders(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for");
  if (!forwarded) {
    return headers.get("x-real-ip")?.trim() || "unknown";
  }
  const entries = forwarded
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const hops = Number.parseInt(process.env.TRUST_PROXY_HOPS ?? "0", 10);
  const index = entries.length - 1 - (Number.isFinite(hops) && hops > 0 ? hops : 0);
  return entries[Math.max(0, index)] ?? "unknown";
}
