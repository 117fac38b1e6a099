/**
 * An expected failure of a staff action, such as a customer without stored
 * credentials. Its message is written for staff and is shown to them as is;
 * any other error is logged and replaced by a generic message.
 */
export class CustomerActionError extends Error {
  readonly fieldErrors: Readonly<Record<string, string>> | undefined;

  constructor(message: string, fieldErrors?: Record<string, string>) {
    super(message);
    this.name = "CustomerActionError";
    this.fieldErrors = fieldErrors;
  }
}

export class CustomerNotFoundError extends CustomerActionError {
  constructor(customerId: string) {
    super(`No customer with id ${customerId} exists. It may have been removed.`);
    this.name = "CustomerNotFoundError";
  }
}
