"use client";

export default function ErrorPage({
  error,
  reset,
}: Readonly<{ error: Error & { digest?: string }; reset: () => void }>) {
  return (
    <section aria-labelledby="error-title" className="space-y-4">
      <h1 id="error-title" className="text-2xl font-semibold tracking-tight">
        Something went wrong
      </h1>
      <p className="text-slate-700">
        The page could not be shown. Nothing you entered before this point was lost. Try
        again; if it keeps happening, contact your vendor&apos;s support team
        {error.digest ? ` and mention reference ${error.digest}` : ""}.
      </p>
      <button
        type="button"
        onClick={reset}
        className="rounded-md bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700"
      >
        Try again
      </button>
    </section>
  );
}
