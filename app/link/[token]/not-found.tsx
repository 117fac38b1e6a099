import { LinkProblem } from "@/components/wizard/link-problem";

/** The page for an unknown or malformed setup link, sent with HTTP 404. */
export default function LinkNotFound() {
  return <LinkProblem kind="not_found" />;
}
