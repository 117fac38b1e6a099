import Link from "next/link";

export const WIZARD_STEP_TITLES = {
  1: "Create a service user",
  2: "Set its permissions",
  3: "Link your account",
} as const;

type StepNumber = keyof typeof WIZARD_STEP_TITLES;

/** Progress through the three steps. Steps already reached are links. */
export function Stepper({
  token,
  currentStep,
  reachedStep,
}: Readonly<{ token: string; currentStep: StepNumber; reachedStep: StepNumber }>) {
  const steps = [1, 2, 3] as const;
  return (
    <nav aria-label="Setup progress">
      <ol className="grid grid-cols-3 gap-2">
        {steps.map((step) => {
          const isCurrent = step === currentStep;
          const isReached = step <= reachedStep;
          const isDone = step < reachedStep;
          const label = (
            <>
              <span
                aria-hidden="true"
                className={`flex size-7 shrink-0 items-center justify-center rounded-full text-sm font-semibold ${
                  isCurrent
                    ? "bg-indigo-600 text-white"
                    : isDone
                      ? "bg-emerald-600 text-white"
                      : "bg-slate-200 text-slate-600"
                }`}
              >
                {isDone && !isCurrent ? "✓" : step}
              </span>
              <span className="text-xs leading-tight sm:text-sm">
                <span className="sr-only">
                  Step {step}
                  {isDone ? ", done" : ""}:{" "}
                </span>
                {WIZARD_STEP_TITLES[step]}
              </span>
            </>
          );
          const className = `flex items-center gap-2 rounded-md border p-2 ${
            isCurrent ? "border-indigo-600 bg-indigo-50" : "border-slate-200 bg-white"
          }`;
          return (
            <li key={step}>
              {isReached ? (
                <Link
                  href={`/link/${token}?step=${step}`}
                  aria-current={isCurrent ? "step" : undefined}
                  className={`${className} hover:border-indigo-400`}
                >
                  {label}
                </Link>
              ) : (
                <span className={`${className} text-slate-500`}>{label}</span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
