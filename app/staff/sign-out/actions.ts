"use server";

// Ends the caller's own session; the session cookie identifies whom.
import { signOutCurrentUser } from "@/lib/auth/sign-in-actions";

export async function signOutAction(): Promise<void> {
  await signOutCurrentUser();
}
