export default function HomePage() {
  return (
    <section aria-labelledby="home-title" className="space-y-4">
      <h1 id="home-title" className="text-2xl font-semibold tracking-tight">
        Connect your HiBob account
      </h1>
      <p className="text-slate-700">
        This app links your company&apos;s HiBob account to your software vendor in three
        guided steps. To start, open the personal link your vendor sent you by email.
      </p>
      <p className="text-slate-700">
        Lost the link, or did it expire? Ask your contact at the vendor for a new one.
      </p>
    </section>
  );
}
