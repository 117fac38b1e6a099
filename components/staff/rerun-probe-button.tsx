"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

import { rerunProbeAction } from "@/app/staff/customers/[customerId]/actions";
import { secondaryButtonClass } from "@/components/ui/button-styles";
import { OUTCOME_LABELS } from "@/lib/customers/labels";

/** Runs the permission probe again with the stored credentials, then refreshes the page. */
export function RerunProbeButton({ customerId }: Readonly<{ customerId: string }>) {
  const router = useRouter();
  const [running, setRunning] = useState(false);
  const [isRefreshing, startTransition] = useTransition();
  const [status, setStatus] = useState("");
  const [error, setError] = useState<string | null>(null);
  const busy = running || isRefreshing;

  async function rerun() {
    setRunning(true);
    setStatus("Checking the permissions with HiBob. This takes a few seconds.");
    setError(null);
    try {
      const result = await rerunProbeAction(customerId);
      if (result.ok) {
        const outcome = result.run.outcome
          ? OUTCOME_LABELS[result.run.outcome]
          : "Running";
        setStatus(`Check finished: ${outcome}.`);
        startTransition(() => router.refresh());
      } else {
        setStatus("");
        setError(result.message);
      }
    } finally {
      setRunning(false);
    }
  }

  return (
    <div className="space-y-2">
      <button
        type="button"
        onClick={rerun}
        disabled={busy}
        className={secondaryButtonClass}
      >
        {running ? "Checking with HiBob…" : "Run the permission check again"}
      </button>
      <p role="status" aria-live="polite" className="text-sm text-slate-700">
        {status}
      </p>
      {error ? (
        <p role="alert" className="text-sm font-medium text-red-800">
          {error}
        </p>
      ) : null}
    </div>
  );
}
