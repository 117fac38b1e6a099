import type { Metadata, Viewport } from "next";

import "./globals.css";

// Every page carries a per-request CSP nonce, which needs request-time rendering.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "HiBob Connect", template: "%s · HiBob Connect" },
  description: "Connect your company's HiBob account in three guided steps.",
  robots: { index: false, follow: false },
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
};

export default function RootLayout({
  children,
}: Readonly<{ children: React.ReactNode }>) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <a
          href="#main"
          className="sr-only rounded bg-white px-3 py-2 text-sm font-medium focus:not-sr-only focus:absolute focus:top-2 focus:left-2"
        >
          Skip to content
        </a>
        <header className="border-b border-slate-200 bg-white">
          <div className="mx-auto flex max-w-3xl items-center gap-2 px-4 py-3">
            <span
              aria-hidden="true"
              className="inline-block size-3 rounded-full bg-indigo-600"
            />
            <span className="text-base font-semibold tracking-tight">HiBob Connect</span>
          </div>
        </header>
        <main id="main" className="mx-auto max-w-3xl px-4 py-6 sm:py-10">
          {children}
        </main>
      </body>
    </html>
  );
}
