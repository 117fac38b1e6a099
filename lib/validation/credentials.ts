// The credential form's schema, shared by the browser form and the server action.
import { z } from "zod";

/** Service user IDs are printable ASCII without spaces or colons. */
const SERVICE_USER_ID_PATTERN = /^[\x21-\x39\x3b-\x7e]+$/;
const TOKEN_PATTERN = /^[\x21-\x7e]+$/;

export const serviceUserIdSchema = z
  .string({ error: "Enter the service user ID." })
  .trim()
  .min(1, "Enter the service user ID.")
  .max(200, "The service user ID is too long: HiBob's IDs are under 200 characters.")
  .regex(
    SERVICE_USER_ID_PATTERN,
    "The service user ID can't contain spaces or colons. Copy it again from HiBob.",
  );

export const serviceUserTokenSchema = z
  .string({ error: "Enter the service user token." })
  .trim()
  .min(1, "Enter the service user token.")
  .min(
    8,
    "This token is too short. Copy the whole token HiBob showed when you created the service user.",
  )
  .max(
    1000,
    "This token is too long. Copy only the token HiBob showed, nothing around it.",
  )
  .regex(
    TOKEN_PATTERN,
    "The token can't contain spaces or line breaks. Copy it again from HiBob.",
  );

export const credentialsSchema = z.object({
  serviceUserId: serviceUserIdSchema,
  token: serviceUserTokenSchema,
});

export type CredentialsInput = z.input<typeof credentialsSchema>;
export type Credentials = z.output<typeof credentialsSchema>;
