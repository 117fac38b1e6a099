import { LinkProblem } from "@/components/wizard/link-problem";

/** Explains an unknown or malformed setup link. Next.js sends it with HTTP 404. */
export default function LinkNotFound() {
  return <LinkProblem kind="not_found" />;
}
