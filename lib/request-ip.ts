// The client address of a request, for rate limits and logs.
//
// Next.js sets X-Forwarded-For to the connecting address only when the
// request has no such header, and keeps one that the client sent. So only
// the entries that our own proxies appended can be trusted. Each proxy in
// front of the app appends the address it was connected from. With
// `trustedProxyHops` proxies, the client address is the entry that many
// places from the end, and everything before it came from the client.
//
// With no proxy (0, allowed in development and test only) the last entry is
// used, which is the connecting address unless the client sent the header.

/** Returns the client address, or "unknown" when the header lacks the expected entries. */
export function clientIpFromHeaders(headers: Headers, trustedProxyHops: number): string {
  const entries = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const fromEnd = Math.max(1, trustedProxyHops);
  return entries[entries.length - fromEnd] ?? "unknown";
}
