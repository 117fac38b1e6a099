import Link from "next/link";

import { completeStepAction } from "@/app/link/[token]/actions";
import { ProbeResult } from "@/components/probe-result/probe-result";
import { secondaryButtonClass } from "@/components/ui/button-styles";
import { SubmitButton } from "@/components/ui/submit-button";
import type { CredentialSummary } from "@/lib/credentials/service";
import type { ActiveLinkSession, WizardStep } from "@/lib/link-sessions/service";
import type { ProbeRunView } from "@/lib/probe-runs/view";

import { CredentialsFormLoader } from "./credentials-form-loader";
import { FocusHeading } from "./focus-heading";
import { RecheckForm } from "./recheck-form";
import { StepPermissions } from "./step-permissions";
import { StepServiceUser } from "./step-service-user";
import { Stepper, WIZARD_STEP_TITLES } from "./stepper";

export type WizardProps = {
  token: string;
  session: ActiveLinkSession;
  step: WizardStep;
  credential: CredentialSummary | null;
  latestRun: ProbeRunView | null;
  /** Show the credential form even though credentials are stored. */
  replacing: boolean;
  /** The page was reached right after a check, so focus moves to its result. */
  justChecked: boolean;
};

function ContinueButton({ token, step }: Readonly<{ token: string; step: 1 | 2 }>) {
  return (
    <form action={completeStepAction.bind(null, token, step)}>
      <SubmitButton pendingLabel="Saving your progress…">
        {step === 1
          ? "I have the ID and token, continue"
          : "The permission group is saved, continue"}
      </SubmitButton>
    </form>
  );
}

function LinkStep({
  token,
  credential,
  latestRun,
  replacing,
  justChecked,
}: Readonly<WizardProps>) {
  if (!credential || replacing) {
    return (
      <div className="space-y-4">
        <p className="text-slate-800">
          Paste the service user ID and token from step 1. We check them with HiBob
          straight away, store the token encrypted, and then show which permissions are in
          place.
        </p>
        {credential ? (
          <p className="text-sm text-slate-600">
            The saved credentials (service user {credential.serviceUserId}) stay in use
            until HiBob accepts the new ones.{" "}
            <Link
              href={`/link/${token}?step=3`}
              className="font-medium text-indigo-700 underline"
            >
              Keep the saved credentials
            </Link>
          </p>
        ) : null}
        <CredentialsFormLoader token={token} />
      </div>
    );
  }

  return (
    <div className="space-y-6">
      <dl className="grid grid-cols-1 gap-3 rounded-md border border-slate-200 bg-white p-4 text-sm shadow-sm sm:grid-cols-2">
        <div>
          <dt className="text-slate-600">Service user ID</dt>
          <dd className="font-mono font-medium break-all">{credential.serviceUserId}</dd>
        </div>
        <div>
          <dt className="text-slate-600">Token</dt>
          <dd className="font-mono font-medium">
            <span aria-hidden="true">••••</span>
            <span className="sr-only">ending in </span>
            {credential.tokenLastFour}
          </dd>
        </div>
      </dl>

      {latestRun ? (
        <>
          {justChecked ? <FocusHeading targetId="probe-result-title" /> : null}
          <ProbeResult run={latestRun} headingId="probe-result-title" />
        </>
      ) : (
        <p className="text-slate-700">No permission check has finished yet.</p>
      )}

      <div className="flex flex-col gap-4 border-t border-slate-200 pt-4 sm:flex-row sm:items-start">
        <RecheckForm token={token} />
        <Link href={`/link/${token}?step=3&replace=1`} className={secondaryButtonClass}>
          Use a different service user
        </Link>
      </div>
      <p className="text-sm text-slate-600">
        After you change permissions in HiBob, choose &quot;Check again&quot;. HiBob
        applies most changes within a minute.
      </p>
    </div>
  );
}

/** The three-step setup for one link session. */
export function Wizard(props: Readonly<WizardProps>) {
  const { token, session, step } = props;
  const titleId = `step-${step}-title`;

  return (
    <div className="space-y-8">
      <div className="space-y-1">
        <p className="text-sm font-medium text-indigo-700">{session.companyName}</p>
        <h1 className="text-2xl font-semibold tracking-tight">
          Connect your HiBob account
        </h1>
      </div>

      <Stepper token={token} currentStep={step} reachedStep={session.currentStep} />

      <section aria-labelledby={titleId} className="space-y-6">
        <h2 id={titleId} className="text-xl font-semibold">
          <span className="text-slate-500">Step {step} of 3: </span>
          {WIZARD_STEP_TITLES[step]}
        </h2>

        {step === 1 ? (
          <>
            <StepServiceUser environment={session.hibobEnvironment} />
            <ContinueButton token={token} step={1} />
          </>
        ) : null}

        {step === 2 ? (
          <>
            <StepPermissions requiredCategories={session.requiredCategories} />
            <div className="flex flex-wrap gap-3">
              <Link href={`/link/${token}?step=1`} className={secondaryButtonClass}>
                Back
              </Link>
              <ContinueButton token={token} step={2} />
            </div>
          </>
        ) : null}

        {step === 3 ? <LinkStep {...props} /> : null}
      </section>

      <p className="text-xs text-slate-500">
        Your progress is saved. You can close this page and open the same link later, on
        any device, until {session.expiresAt.toISOString().slice(0, 10)}.
      </p>
    </div>
  );
}
