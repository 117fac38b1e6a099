import { describe, expect, test } from "vitest";

import {
  DASHBOARD_STAGES,
  STAGE_LABELS,
  computeStage,
  toDashboardStage,
  type StageInputs,
} from "@/lib/onboarding/stage";

const created = new Date("2026-12-01T10:00:00Z");
const before = new Date("2026-11-30T10:00:00Z");
const after = new Date("2026-12-02T10:00:00Z");

type Session = NonNullable<StageInputs["latestSession"]>;

function session(overrides: Partial<Session> = {}): Session {
  return {
    createdAt: created,
    mode: "initial",
    status: "pending",
    currentStep: 1,
    openedAt: null,
    ...overrides,
  };
}

describe("computeStage", () => {
  const cases: [string, StageInputs, ReturnType<typeof computeStage>][] = [
    [
      "no session, no run",
      { latestSession: null, latestRun: null, hasCredential: false },
      "link_sent",
    ],
    [
      "new link",
      { latestSession: session(), latestRun: null, hasCredential: false },
      "link_sent",
    ],
    [
      "opened link",
      {
        latestSession: session({ status: "in_progress", openedAt: created }),
        latestRun: null,
        hasCredential: false,
      },
      "link_opened",
    ],
    [
      "step 1 done",
      {
        latestSession: session({
          status: "in_progress",
          openedAt: created,
          currentStep: 2,
        }),
        latestRun: null,
        hasCredential: false,
      },
      "step_1_done",
    ],
    [
      "step 2 done",
      {
        latestSession: session({
          status: "in_progress",
          openedAt: created,
          currentStep: 3,
        }),
        latestRun: null,
        hasCredential: false,
      },
      "step_2_done",
    ],
    [
      "submitted without a finished run",
      {
        latestSession: session({
          status: "submitted",
          openedAt: created,
          currentStep: 3,
        }),
        latestRun: null,
        hasCredential: true,
      },
      "credentials_submitted",
    ],
    [
      "all granted",
      {
        latestSession: session({ status: "submitted", openedAt: created }),
        latestRun: { startedAt: after, outcome: "all_granted" },
        hasCredential: true,
      },
      "connected",
    ],
    [
      "missing permissions",
      {
        latestSession: session({ status: "submitted", openedAt: created }),
        latestRun: { startedAt: after, outcome: "missing_permissions" },
        hasCredential: true,
      },
      "missing_permissions",
    ],
    [
      "no employees visible counts as missing",
      {
        latestSession: session({ status: "submitted", openedAt: created }),
        latestRun: { startedAt: after, outcome: "no_employees_visible" },
        hasCredential: true,
      },
      "missing_permissions",
    ],
    [
      "rejected credentials",
      {
        latestSession: session({
          status: "in_progress",
          openedAt: created,
          currentStep: 3,
        }),
        latestRun: { startedAt: after, outcome: "invalid_credentials" },
        hasCredential: false,
      },
      "invalid_credentials",
    ],
    [
      "HiBob unreachable keeps the progress stage",
      {
        latestSession: session({
          status: "in_progress",
          openedAt: created,
          currentStep: 3,
        }),
        latestRun: { startedAt: after, outcome: "unreachable" },
        hasCredential: false,
      },
      "step_2_done",
    ],
    [
      "timed-out recheck with stored credentials",
      {
        latestSession: session({ status: "submitted", openedAt: created }),
        latestRun: { startedAt: after, outcome: "timed_out" },
        hasCredential: true,
      },
      "credentials_submitted",
    ],
    [
      "run before the newest link is ignored",
      {
        latestSession: session(),
        latestRun: { startedAt: before, outcome: "all_granted" },
        hasCredential: true,
      },
      "link_sent",
    ],
    [
      "unopened relink",
      {
        latestSession: session({ mode: "relink" }),
        latestRun: { startedAt: before, outcome: "all_granted" },
        hasCredential: true,
      },
      "reopened",
    ],
    [
      "unopened recheck",
      {
        latestSession: session({ mode: "recheck" }),
        latestRun: null,
        hasCredential: true,
      },
      "reopened",
    ],
    [
      "recheck checked right after reopening",
      {
        latestSession: session({ mode: "recheck" }),
        latestRun: { startedAt: after, outcome: "missing_permissions" },
        hasCredential: true,
      },
      "missing_permissions",
    ],
    [
      "opened relink shows progress",
      {
        latestSession: session({
          mode: "relink",
          status: "in_progress",
          openedAt: after,
          currentStep: 2,
        }),
        latestRun: { startedAt: before, outcome: "all_granted" },
        hasCredential: true,
      },
      "step_1_done",
    ],
    [
      "run without any link session",
      {
        latestSession: null,
        latestRun: { startedAt: after, outcome: "all_granted" },
        hasCredential: true,
      },
      "connected",
    ],
  ];

  test.each(cases)("%s", (_name, inputs, expected) => {
    expect(computeStage(inputs)).toBe(expected);
  });
});

describe("toDashboardStage", () => {
  const now = new Date("2026-12-10T12:00:00Z");
  const past = new Date("2026-12-09T12:00:00Z");
  const future = new Date("2026-12-11T12:00:00Z");

  const cases: [
    string,
    Parameters<typeof toDashboardStage>[0],
    Date | null,
    ReturnType<typeof toDashboardStage>,
  ][] = [
    ["unexpired link keeps its stage", "link_opened", future, "link_opened"],
    ["expired link", "link_opened", past, "expired"],
    ["expiry exactly now counts as expired", "step_1_done", now, "expired"],
    ["connected never expires", "connected", past, "connected"],
    ["missing permissions with expired link", "missing_permissions", past, "expired"],
    ["reopened with expired link", "reopened", past, "expired"],
    ["no active link", "credentials_submitted", null, "credentials_submitted"],
  ];

  test.each(cases)("%s", (_name, stage, linkExpiresAt, expected) => {
    expect(toDashboardStage(stage, linkExpiresAt, now)).toBe(expected);
  });
});

describe("stage labels", () => {
  test("every dashboard stage has a label", () => {
    for (const stage of DASHBOARD_STAGES) {
      expect(STAGE_LABELS[stage]).toMatch(/\S/);
    }
  });

  test("dashboard stages are unique", () => {
    expect(new Set(DASHBOARD_STAGES).size).toBe(DASHBOARD_STAGES.length);
  });
});
