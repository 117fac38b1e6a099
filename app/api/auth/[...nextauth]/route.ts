// Auth.js endpoints: sign-in requests, provider callbacks, sign-out, CSRF.
// Who may sign in is decided in the signIn callback (lib/auth/auth-config.ts).
import { handlers } from "@/lib/auth/auth";

export const { GET, POST } = handlers;
