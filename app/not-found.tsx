import Link from "next/link";

export default function NotFound() {
  return (
    <section aria-labelledby="not-found-title" className="space-y-4">
      <h1 id="not-found-title" className="text-2xl font-semibold tracking-tight">
        Page not found
      </h1>
      <p className="text-slate-700">
        There is nothing at this address. If you followed a link from your vendor, check
        that you copied all of it.
      </p>
      <Link href="/" className="font-medium text-indigo-700 underline">
        Go to the start page
      </Link>
    </section>
  );
}
