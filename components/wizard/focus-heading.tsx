"use client";

import { useEffect } from "react";

/** Moves keyboard and screen-reader focus to a heading once, after a check finishes. */
export function FocusHeading({ targetId }: Readonly<{ targetId: string }>) {
  useEffect(() => {
    document.getElementById(targetId)?.focus();
  }, [targetId]);
  return null;
}
