// Runs before every page and route: assigns a request id, applies rate
// limits that must answer with HTTP 429 before any rendering, and sets the
// security headers with a fresh CSP nonce.
import { NextResponse, type NextRequest } from "next/server";

import {
  buildSecurityHeaders,
  originOf,
  parseFrameAncestors,
} from "@/lib/http/security-headers";
import { logger } from "@/lib/logger";
import {
  RATE_LIMITS,
  getRateLimiter,
  perIpRule,
  type RateLimitDecision,
} from "@/lib/rate-limit";
import { clientIp } from "@/lib/server/client-ip";

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{8,64}$/;

async function applyRateLimits(
  request: NextRequest,
  ip: string,
): Promise<RateLimitDecision | null> {
  const { pathname } = request.nextUrl;
  const limiter = getRateLimiter();

  // Form posts to link pages are server actions; they are limited inside the
  // action, so the HR admin gets a form error instead of a failed request.
  if (pathname.startsWith("/link/") && request.method === "GET") {
    const byIp = await limiter.consume(perIpRule(RATE_LIMITS.linkPageByIp), ip);
    if (!byIp.allowed) {
      return byIp;
    }
    const token = pathname.slice("/link/".length).split("/")[0] ?? "";
    const byLink = await limiter.consume(RATE_LIMITS.linkPageByLink, token);
    return byLink.allowed ? null : byLink;
  }

  if (request.method === "POST" && pathname.startsWith("/api/auth/signin")) {
    const byIp = await limiter.consume(perIpRule(RATE_LIMITS.staffSignInByIp), ip);
    return byIp.allowed ? null : byIp;
  }
  return null;
}

function tooManyRequests(decision: RateLimitDecision, requestId: string): NextResponse {
  const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
  return new NextResponse(
    `Too many requests. Nothing was lost: wait ${seconds} seconds, then reload the page.\n`,
    {
      status: 429,
      headers: {
        "Content-Type": "text/plain; charset=utf-8",
        "Retry-After": String(seconds),
        "X-Request-Id": requestId,
        "Cache-Control": "no-store",
      },
    },
  );
}

export async function proxy(request: NextRequest): Promise<NextResponse> {
  const incomingId = request.headers.get("x-request-id");
  const requestId =
    incomingId && REQUEST_ID_PATTERN.test(incomingId) ? incomingId : crypto.randomUUID();
  const ip = clientIp(request.headers);

  try {
    const refusal = await applyRateLimits(request, ip);
    if (refusal) {
      logger.warn(
        {
          requestId,
          path: request.nextUrl.pathname.replace(/^\/link\/[^/]+/, "/link/[token]"),
        },
        "Request refused by rate limit",
      );
      return tooManyRequests(refusal, requestId);
    }
  } catch (error) {
    // Availability wins over limiting when the counter store is down.
    logger.error({ err: error, requestId }, "Rate limit check failed; request allowed");
  }

  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString(
    "base64",
  );
  const securityHeaders = buildSecurityHeaders({
    nonce,
    production: process.env.NODE_ENV === "production",
    frameAncestors: request.nextUrl.pathname.startsWith("/link/")
      ? parseFrameAncestors(process.env.FRAME_ANCESTORS)
      : [],
    formActionOrigins: [originOf(process.env.AUTH_OIDC_ISSUER)].filter(
      (origin): origin is string => origin !== null,
    ),
  });

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-request-id", requestId);
  if (request.nextUrl.pathname.startsWith("/staff")) {
    // Lets the staff sign-in redirect return to the page that was asked for.
    requestHeaders.set(
      "x-request-path",
      request.nextUrl.pathname + request.nextUrl.search,
    );
  }
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set(
    "Content-Security-Policy",
    securityHeaders["Content-Security-Policy"] ?? "",
  );

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("X-Request-Id", requestId);
  for (const [name, value] of Object.entries(securityHeaders)) {
    response.headers.set(name, value);
  }
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!_next/static|_next/image|favicon.ico).*)",
      missing: [{ type: "header", key: "next-router-prefetch" }],
    },
  ],
};
