import { STAFF_ROLE_LABELS, type StaffRole } from "./types";

/** Builds the mail that explains to an invited person how to sign in to the staff console. */
export function composeInvitationMail(input: {
  appUrl: string;
  role: StaffRole;
  invitedBy: { name: string | null; email: string };
}): { subject: string; text: string } {
  const signInUrl = `${input.appUrl}/staff/sign-in`;
  const inviter = input.invitedBy.name
    ? `${input.invitedBy.name} (${input.invitedBy.email})`
    : input.invitedBy.email;
  const text = [
    `${inviter} invited you to the HiBob Connect staff console as ${STAFF_ROLE_LABELS[input.role]}.`,
    "",
    "To sign in, open this page and enter this email address; you will get a sign-in link by mail:",
    "",
    signInUrl,
    "",
    "If you did not expect this invitation, ignore this mail.",
    "",
  ].join("\n");
  return { subject: "You are invited to the HiBob Connect staff console", text };
}
