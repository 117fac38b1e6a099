// The company SSO provider: any OpenID Connect identity provider, found
// through the issuer's discovery document.
//
// NOTE: No identity provider runs in this repository's tests, so only the
// configuration built here is tested. The redirect and the token exchange are
// Auth.js's own code and have not run against a real provider here.
import type { OIDCConfig } from "next-auth/providers";

import { normalizeEmail } from "./allowlist";
import type { OidcSettings } from "./auth-env";

export const OIDC_PROVIDER_ID = "oidc";

export type OidcProfile = {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
  preferred_username?: string;
};

export function buildOidcProvider(settings: OidcSettings): OIDCConfig<OidcProfile> {
  return {
    id: OIDC_PROVIDER_ID,
    name: settings.name,
    type: "oidc",
    issuer: settings.issuer,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    checks: ["pkce", "state", "nonce"],
    authorization: { params: { scope: "openid email profile" } },
    // An admin invites people by email before their first SSO sign-in, so the
    // SSO account must attach to the invited user with the same address. The
    // company's identity provider is trusted to own its addresses, and an
    // address it marks unverified is refused in the signIn callback.
    allowDangerousEmailAccountLinking: true,
    profile(profile) {
      return {
        id: profile.sub,
        email: normalizeEmail(profile.email ?? ""),
        name: profile.name ?? profile.preferred_username ?? null,
        image: null,
      };
    },
  };
}
