import nodemailer from "nodemailer";
import { appUrl, env } from "@/lib/env";

// SMTP through nodemailer (SMTP_URL, e.g. smtp://user:pass@mail.example.com:587 or smtps://…:465).
// Short timeouts: a mail server that does not answer is retried later by the worker, not waited on.

export type OutgoingEmail = {
  /** email_messages.id: becomes the Message-ID, the same on every retry, so mail systems can drop duplicates. */
  id: string;
  to: readonly string[];
  subject: string;
  text: string;
  html: string;
};

export type SendResult = { accepted: string[]; rejected: string[] };

export type Mailer = {
  send(email: OutgoingEmail): Promise<SendResult>;
  close(): void;
};

export function defaultMailFrom(): string {
  return env.MAIL_FROM ?? `Voice Porting <porting@${mailDomain()}>`;
}

function mailDomain(): string {
  try {
    return new URL(appUrl()).hostname || "localhost";
  } catch {
    return "localhost";
  }
}

export function createMailer(smtpUrl: string, from: string = defaultMailFrom()): Mailer {
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  const domain = mailDomain();
  return {
    async send(email) {
      const info = await transport.sendMail({
        from,
        to: [...email.to],
        subject: email.subject,
        text: email.text,
        html: email.html,
        messageId: `<${email.id}@${domain}>`,
      });
      const list = (value: unknown) => (Array.isArray(value) ? value.map((v) => (typeof v === "string" ? v : String((v as { address?: string }).address ?? v))) : []);
      return { accepted: list(info.accepted), rejected: list(info.rejected) };
    },
    close() {
      transport.close();
    },
  };
}

/** An SMTP error that retrying will not fix: the server answered 5xx (e.g. every recipient refused). */
export function isPermanentSmtpError(error: unknown): boolean {
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === "number" && code >= 500 && code < 600;
}

export function describeSmtpError(error: unknown): string {
  const e = error as { code?: string; responseCode?: number; response?: string; message?: string };
  if (e.response) return `${e.responseCode ? `SMTP ${e.responseCode}: ` : ""}${e.response}`.slice(0, 500);
  switch (e.code) {
    case "ECONNECTION":
    case "ECONNREFUSED":
      return `Could not connect to the mail server: ${e.message ?? "connection refused"}`.slice(0, 500);
    case "ETIMEDOUT":
      return "The mail server did not answer in time.";
    case "EAUTH":
      return `The mail server refused our login: ${e.message ?? ""}`.slice(0, 500);
    default:
      return (e.message ?? String(error)).slice(0, 500);
  }
}
