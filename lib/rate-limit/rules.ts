// The product's rate limits. HiBob's firewall blocks a caller for 5 minutes
// after about 50 failed authentications within 10 seconds, so failed
// credential checks are capped well below that, per link and for the whole
// server, whose IP address every customer's checks share.
import type { RateLimitRule } from "./limiter";

const SECOND = 1000;
const MINUTE = 60 * SECOND;

export const RATE_LIMITS = {
  linkPageByIp: { name: "link-page-ip", limit: 120, windowMs: MINUTE },
  linkPageByLink: { name: "link-page-link", limit: 60, windowMs: MINUTE },
  linkSubmitByIp: { name: "link-submit-ip", limit: 60, windowMs: 10 * MINUTE },
  credentialSubmitByLink: {
    name: "credential-submit-link",
    limit: 10,
    windowMs: 10 * MINUTE,
  },
  credentialFailuresByLink: {
    name: "credential-failures-link",
    limit: 5,
    windowMs: 15 * MINUTE,
  },
  hibobAuthFailuresServerWide: {
    name: "hibob-auth-failures",
    limit: 25,
    windowMs: 10 * SECOND,
  },
  staffSignInByIp: { name: "staff-sign-in-ip", limit: 20, windowMs: 15 * MINUTE },
  /** Sign-in mails per address, which keeps anyone from flooding a colleague's inbox. */
  staffSignInMailByEmail: {
    name: "staff-sign-in-email",
    limit: 5,
    windowMs: 15 * MINUTE,
  },
} as const satisfies Record<string, RateLimitRule>;

/**
 * Scales a per-client-address rule by RATE_LIMIT_PER_IP_FACTOR (default 1).
 * Offices behind one address, and test suites on loopback, may need more.
 */
export function perIpRule(rule: RateLimitRule): RateLimitRule {
  const factor = Number(process.env.RATE_LIMIT_PER_IP_FACTOR ?? "1");
  return Number.isFinite(factor) && factor > 0
    ? { ...rule, limit: Math.max(1, Math.round(rule.limit * factor)) }
    : rule;
}
