import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

// A real SMTP receiver, in-process (the `smtp-server` package): the worker talks SMTP to it
// through nodemailer exactly as to a production server. Messages are kept raw and parsed just
// enough for assertions (headers, and the text and HTML parts of a multipart message).

export type CaughtMail = {
  from: string;
  to: string[];
  raw: string;
  subject: string;
  messageId: string;
  text: string;
  html: string;
};

export type MailCatcher = {
  url: string;
  port: number;
  messages: CaughtMail[];
  /** Refuse (451, temporary) the next `n` messages after DATA. */
  failNext(n: number, code?: number): void;
  close(): Promise<void>;
};

function header(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? "";
  const unfolded = head.replace(/\r?\n[ \t]+/g, " ");
  const match = new RegExp(`^${name}:\\s*(.*)$`, "im").exec(unfolded);
  return match?.[1]?.trim() ?? "";
}

function decodeWords(value: string): string {
  // RFC 2047 encoded words, as nodemailer writes non-ASCII subjects.
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?utf-8\?([BQ])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
      enc.toUpperCase() === "B"
        ? Buffer.from(text, "base64").toString("utf8")
        : Buffer.from(text.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1").toString("utf8"),
    );
}

function decodePart(part: string): { type: string; body: string } {
  const [head = "", ...rest] = part.split(/\r?\n\r?\n/);
  const body = rest.join("\n\n");
  const type = /content-type:\s*([^;\s]+)/i.exec(head)?.[1]?.toLowerCase() ?? "";
  const encoding = /content-transfer-encoding:\s*(\S+)/i.exec(head)?.[1]?.toLowerCase() ?? "7bit";
  if (encoding === "base64") return { type, body: Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8") };
  if (encoding === "quoted-printable") {
    const bytes = body
      .replace(/=\r?\n/g, "")
      .replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
    return { type, body: Buffer.from(bytes, "latin1").toString("utf8") };
  }
  return { type, body };
}

function parse(raw: string, from: string, to: string[]): CaughtMail {
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(raw)?.[1];
  let text = "";
  let html = "";
  if (boundary) {
    for (const part of raw.split(`--${boundary}`)) {
      const decoded = decodePart(part.replace(/^\r?\n/, ""));
      if (decoded.type === "text/plain") text = decoded.body;
      if (decoded.type === "text/html") html = decoded.body;
    }
  }
  return { from, to, raw, subject: decodeWords(header(raw, "Subject")), messageId: header(raw, "Message-ID"), text, html };
}

export async function startMailCatcher(): Promise<MailCatcher> {
  const messages: CaughtMail[] = [];
  let failures = 0;
  let failureCode = 451;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        if (failures > 0) {
          failures -= 1;
          const error = Object.assign(new Error(failureCode >= 500 ? "Mailbox unavailable" : "Try again later"), { responseCode: failureCode });
          return callback(error);
        }
        const raw = Buffer.concat(chunks).toString("utf8");
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
        messages.push(parse(raw, from, session.envelope.rcptTo.map((r) => r.address)));
        callback();
      });
    },
  });
  // A sender that dies mid-session (a killed worker) resets its connection; smtp-server reports
  // that as an "error" on the server, which unheard would crash the test run.
  server.on("error", () => {});
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    failNext(n, code = 451) {
      failures = n;
      failureCode = code;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
