// Results of the staff console's server actions. Plain data without server
// code, so client components can import the types.
import type { ProbeRunView } from "@/lib/probe-runs/view";
import type { ReopenMode } from "@/lib/validation/staff-forms";

export type ActionFailure<Field extends string = string> = {
  ok: false;
  message: string;
  fieldErrors?: Partial<Record<Field, string>>;
};

/** A new setup link, shown once. The token inside `url` is not stored anywhere. */
export type NewLink = {
  url: string;
  /** ISO 8601. */
  expiresAt: string;
  /** Whether the link was emailed to the HR admin. */
  emailed: boolean;
  /** Reason the requested email was not sent. The link works all the same. */
  emailProblem?: string;
};

export type CreateCustomerResult =
  | { ok: true; customerId: string; companyName: string; link: NewLink }
  | ActionFailure<
      | "companyName"
      | "hrAdminEmail"
      | "hibobEnvironment"
      | "requiredCategories"
      | "ownerId"
      | "linkTtlDays"
      | "emailLink"
    >;

export type ReopenCustomerResult =
  | {
      ok: true;
      mode: ReopenMode;
      link: NewLink;
      /** The fresh check of the stored credentials, for a recheck. */
      recheck?: ProbeRunView;
      /** Reason the recheck did not run. The new link works all the same. */
      recheckProblem?: string;
    }
  | ActionFailure<"mode" | "reason" | "emailLink">;

export type RerunProbeResult = { ok: true; run: ProbeRunView } | ActionFailure;
