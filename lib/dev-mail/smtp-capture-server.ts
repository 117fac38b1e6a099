// A real SMTP server on the loopback interface that accepts every mail and
// stores it in a mailbox folder, so local runs and tests can read sign-in
// mails without sending anything. It has no authentication and no TLS, and
// listens on 127.0.0.1 only.
import type { AddressInfo } from "node:net";

import { simpleParser, type AddressObject } from "mailparser";
import { SMTPServer } from "smtp-server";

import { saveCapturedMail, type CapturedMail } from "./mailbox";

export const DEFAULT_SMTP_CAPTURE_PORT = 2525;

/** Largest mail accepted, in bytes; sign-in and setup mails are a few kilobytes. */
const MAX_MAIL_BYTES = 1024 * 1024;

export type SmtpCaptureServer = {
  port: number;
  /** SMTP URL for EMAIL_SERVER, for example smtp://127.0.0.1:2525. */
  url: string;
  mailboxDir: string;
  close(): Promise<void>;
};

export type SmtpCaptureOptions = {
  mailboxDir: string;
  /** 0 picks a free port. Default: 2525. */
  port?: number;
  onMail?: (mail: CapturedMail) => void;
  onError?: (error: Error) => void;
};

function headerAddresses(value: AddressObject | AddressObject[] | undefined): string[] {
  const objects = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return objects.flatMap((object) =>
    object.value.map((address) => address.address?.toLowerCase() ?? "").filter(Boolean),
  );
}

/** Starts the capture server and resolves once it listens. */
export async function startSmtpCaptureServer(
  options: SmtpCaptureOptions,
): Promise<SmtpCaptureServer> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    size: MAX_MAIL_BYTES,
    banner: "HiBob Connect local mail capture",
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then(async (parsed) => {
          const envelopeTo = session.envelope.rcptTo.map((rcpt) =>
            rcpt.address.toLowerCase(),
          );
          const mailFrom = session.envelope.mailFrom;
          const stored = await saveCapturedMail(options.mailboxDir, {
            from: mailFrom ? mailFrom.address : "",
            to: envelopeTo.length > 0 ? envelopeTo : headerAddresses(parsed.to),
            subject: parsed.subject ?? "",
            text: parsed.text ?? "",
            html: typeof parsed.html === "string" ? parsed.html : null,
          });
          options.onMail?.(stored);
          callback();
        })
        .catch((error: unknown) => {
          const failure = error instanceof Error ? error : new Error(String(error));
          options.onError?.(failure);
          callback(failure);
        });
    },
  });
  server.on("error", (error: Error) => options.onError?.(error));

  await new Promise<void>((resolve, reject) => {
    const onListenError = (error: Error) => reject(error);
    server.server.once("error", onListenError);
    server.listen(options.port ?? DEFAULT_SMTP_CAPTURE_PORT, "127.0.0.1", () => {
      server.server.off("error", onListenError);
      resolve();
    });
  });
  const { port } = server.server.address() as AddressInfo;

  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    mailboxDir: options.mailboxDir,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
