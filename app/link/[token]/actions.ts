"use server";

// Server actions of the HR admin's wizard. The caller is identified by the
// link token, which every action checks again before it does anything.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";

import { withRequestContext } from "@/lib/server/with-request-context";
import {
  completeStepForLink,
  recheckForLink,
  submitCredentialsForLink,
  type RecheckState,
  type SubmitCredentialsState,
} from "@/lib/wizard/wizard-actions";

export async function completeStepAction(token: string, step: 1 | 2): Promise<void> {
  const nextStep = await withRequestContext(() => completeStepForLink(token, step));
  if (nextStep === null) {
    // The page explains why the link no longer works.
    redirect(`/link/${encodeURIComponent(token)}`);
  }
  redirect(`/link/${encodeURIComponent(token)}?step=${nextStep}`);
}

export async function submitCredentialsAction(
  token: string,
  input: unknown,
): Promise<SubmitCredentialsState> {
  const state = await withRequestContext(() => submitCredentialsForLink(token, input));
  if (state.ok) {
    revalidatePath(`/link/${token}`);
  }
  return state;
}

export async function recheckAction(token: string): Promise<RecheckState> {
  const state = await withRequestContext(() => recheckForLink(token));
  revalidatePath(`/link/${token}`);
  return state;
}
