"use server";

// Server actions of the sign-in page. They run for anonymous callers; the
// signIn callback decides who may sign in.
import {
  requestSignInLink,
  startSsoSignIn,
  type SignInLinkState,
} from "@/lib/auth/sign-in-actions";
import { withRequestContext } from "@/lib/server/with-request-context";

export async function requestSignInLinkAction(input: unknown): Promise<SignInLinkState> {
  return withRequestContext(() => requestSignInLink(input));
}

export async function ssoSignInAction(
  _previous: string | null,
  formData: FormData,
): Promise<string | null> {
  return withRequestContext(() => startSsoSignIn(formData.get("callbackUrl")));
}
