"use client";

import { useId, useRef, useState } from "react";

import { secondaryButtonClass } from "@/components/ui/button-styles";

import { formatDateTime } from "./format";

/**
 * Shows a new setup link with a copy button. The link is in a read-only field that
 * selects itself on focus, so it can be copied by hand where the Clipboard
 * API is not available.
 */
export function CopyLink({
  url,
  expiresAt,
}: Readonly<{ url: string; expiresAt: string }>) {
  const ids = { input: useId(), hint: useId() };
  const inputRef = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState("");

  async function copy() {
    setStatus("");
    try {
      if (!navigator.clipboard) {
        throw new Error("The Clipboard API is not available on this page.");
      }
      await navigator.clipboard.writeText(url);
      setStatus("Copied");
    } catch {
      inputRef.current?.focus();
      inputRef.current?.select();
      setStatus(
        "Could not copy automatically. The link is selected: press Ctrl+C or ⌘C.",
      );
    }
  }

  return (
    <div className="space-y-2">
      <label htmlFor={ids.input} className="block text-sm font-semibold">
        Setup link
      </label>
      <p id={ids.hint} className="text-sm text-slate-700">
        Works until {formatDateTime(expiresAt)}. It is shown only now: copy it before you
        leave this page.
      </p>
      <div className="flex flex-col gap-2 sm:flex-row">
        <input
          ref={inputRef}
          id={ids.input}
          type="text"
          readOnly
          value={url}
          aria-describedby={ids.hint}
          onFocus={(event) => event.currentTarget.select()}
          className="block w-full rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-sm"
        />
        <button
          type="button"
          onClick={copy}
          className={`${secondaryButtonClass} shrink-0 whitespace-nowrap`}
        >
          Copy link
        </button>
      </div>
      <p role="status" aria-live="polite" className="min-h-5 text-sm text-emerald-800">
        {status}
      </p>
    </div>
  );
}
