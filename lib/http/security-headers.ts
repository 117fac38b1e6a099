// Security headers for every response, built per request because the
// Content Security Policy carries a fresh nonce each time.

export type SecurityHeaderOptions = {
  nonce: string;
  production: boolean;
  /** Sources allowed to frame the page (CSP frame-ancestors); empty means none. */
  frameAncestors: string[];
  /** Extra origins forms may post or redirect to, such as the single sign-on provider. */
  formActionOrigins?: string[];
};

/** Parses FRAME_ANCESTORS: space- or comma-separated origins such as https://app.vendor.example. */
export function parseFrameAncestors(value: string | undefined): string[] {
  return (value ?? "")
    .split(/[\s,]+/)
    .map((entry) => entry.trim())
    .filter(
      (entry) => /^https:\/\/[a-z0-9.-]+(:\d+)?$/i.test(entry) || entry === "'self'",
    );
}

export function buildContentSecurityPolicy(options: SecurityHeaderOptions): string {
  const frameAncestors =
    options.frameAncestors.length > 0 ? options.frameAncestors.join(" ") : "'none'";
  const directives = [
    "default-src 'self'",
    // React's development build evaluates code, so only production drops 'unsafe-eval'.
    `script-src 'self' 'nonce-${options.nonce}' 'strict-dynamic'${options.production ? "" : " 'unsafe-eval'"}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    ["form-action 'self'", ...(options.formActionOrigins ?? [])].join(" "),
    `frame-ancestors ${frameAncestors}`,
  ];
  return directives.join("; ");
}

export function buildSecurityHeaders(
  options: SecurityHeaderOptions,
): Record<string, string> {
  const headers: Record<string, string> = {
    "Content-Security-Policy": buildContentSecurityPolicy(options),
    "X-Content-Type-Options": "nosniff",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "Cross-Origin-Opener-Policy": "same-origin",
  };
  if (options.frameAncestors.length === 0) {
    headers["X-Frame-Options"] = "DENY";
  }
  if (options.production) {
    headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains";
  }
  return headers;
}

/** Returns the origin of an http(s) URL, or null for anything else. */
export function originOf(url: string | undefined): string | null {
  if (!url) {
    return null;
  }
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:"
      ? parsed.origin
      : null;
  } catch {
    return null;
  }
}
