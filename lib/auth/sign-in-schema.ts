// The sign-in form's schema, shared by the browser form and the server action.
import { z } from "zod";

export const signInLinkSchema = z.object({
  email: z
    .string({ error: "Enter your work email address." })
    .trim()
    .min(1, "Enter your work email address.")
    .max(254, "The email address is too long: addresses have at most 254 characters.")
    .pipe(z.email("Enter a valid email address, for example ana@your-company.com.")),
  /** Path to open after signing in; only same-site paths are used. */
  callbackUrl: z.string().max(2000).optional(),
});

export type SignInLinkInput = z.input<typeof signInLinkSchema>;
export type SignInLinkValues = z.output<typeof signInLinkSchema>;
