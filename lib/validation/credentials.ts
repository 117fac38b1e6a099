// The credential form's schema, shared by the browser form and the server
// action. It uses zod's "mini" API because the wizard ships this schema to the
// browser, and with Turbopack the form's chunk came out about 7 kB (gzip)
// smaller than with the classic API.
import {
  maxLength,
  minLength,
  object,
  regex,
  string,
  trim,
  type input,
  type output,
} from "zod/mini";

/** Service user IDs are printable ASCII without spaces or colons. */
const SERVICE_USER_ID_PATTERN = /^[\x21-\x39\x3b-\x7e]+$/;
const TOKEN_PATTERN = /^[\x21-\x7e]+$/;

export const serviceUserIdSchema = string({ error: "Enter the service user ID." }).check(
  trim(),
  minLength(1, "Enter the service user ID."),
  maxLength(
    200,
    "The service user ID is too long: HiBob's IDs are under 200 characters.",
  ),
  regex(
    SERVICE_USER_ID_PATTERN,
    "The service user ID can't contain spaces or colons. Copy it again from HiBob.",
  ),
);

export const serviceUserTokenSchema = string({
  error: "Enter the service user token.",
}).check(
  trim(),
  minLength(1, "Enter the service user token."),
  minLength(
    8,
    "This token is too short. Copy the whole token HiBob showed when you created the service user.",
  ),
  maxLength(
    1000,
    "This token is too long. Copy only the token HiBob showed, nothing around it.",
  ),
  regex(
    TOKEN_PATTERN,
    "The token can't contain spaces or line breaks. Copy it again from HiBob.",
  ),
);

export const credentialsSchema = object({
  serviceUserId: serviceUserIdSchema,
  token: serviceUserTokenSchema,
});

export type CredentialsInput = input<typeof credentialsSchema>;
export type Credentials = output<typeof credentialsSchema>;
