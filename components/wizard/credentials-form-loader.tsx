"use client";

import dynamic from "next/dynamic";

/**
 * Step 3's credential form in its own chunk, so that react-hook-form and the
 * zod schema load only on the step that shows the form. The server still
 * renders it, so the fields appear with the page.
 */
export const CredentialsFormLoader = dynamic(() =>
  import("./credentials-form").then((module) => module.CredentialsForm),
);
