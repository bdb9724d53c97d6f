import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

// The customer's side of the notifications, for the demo and the story suite: a real HTTP server
// that receives the callbacks (POST, any path) and, when asked, a real SMTP server that receives
// the status emails. GET / answers a plain page listing what arrived, so the demo can show it.
// Both listen on 127.0.0.1 only; the app accepts a loopback callback URL only with
// ALLOW_INSECURE_CALLBACKS=true (development and tests).

export type ReceivedCallback = {
  at: Date;
  path: string;
  /** The Standard Webhooks headers the app signs with. */
  webhookId: string | null;
  webhookTimestamp: string | null;
  webhookSignature: string | null;
  /** The request JSON, as GET /api/v1/porting-requests/{id} answers it; null when the body was not JSON. */
  body: { id?: string; reference?: string; status?: string; statusReason?: string } | null;
  raw: string;
};

export type ReceivedEmail = { at: Date; from: string; to: string[]; subject: string; text: string };

export type Inbox = {
  /** The callback URL to give a porting request (a path per account keeps the page readable). */
  callbackUrl: (path?: string) => string;
  /** smtp://127.0.0.1:port when started with smtp: true. */
  smtpUrl: string | null;
  /** The page that lists what arrived. */
  pageUrl: string;
  callbacks: ReceivedCallback[];
  emails: ReceivedEmail[];
  close: () => Promise<void>;
};

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

const header = (request: IncomingMessage, name: string) => {
  const value = request.headers[name];
  return typeof value === "string" ? value : null;
};

export async function startInbox(options: { smtp?: boolean; title?: string } = {}): Promise<Inbox> {
  const callbacks: ReceivedCallback[] = [];
  const emails: ReceivedEmail[] = [];
  const title = options.title ?? "Demo receiver";

  const http = createServer(async (request, response) => {
    try {
      if (request.method === "POST") {
        const raw = await readBody(request);
        let body: ReceivedCallback["body"] = null;
        try {
          body = JSON.parse(raw) as ReceivedCallback["body"];
        } catch {
          // recorded as raw text
        }
        callbacks.push({
          at: new Date(),
          path: request.url ?? "/",
          webhookId: header(request, "webhook-id"),
          webhookTimestamp: header(request, "webhook-timestamp"),
          webhookSignature: header(request, "webhook-signature"),
          body,
          raw,
        });
        response.writeHead(204).end();
        return;
      }
      if (request.method === "GET" && (request.url === "/" || request.url?.startsWith("/?"))) {
        response.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
        response.end(renderPage(title, callbacks, options.smtp ? emails : null));
        return;
      }
      response.writeHead(404, { "content-type": "text/plain" }).end("Not found\n");
    } catch {
      response.writeHead(500).end();
    }
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const httpPort = (http.address() as AddressInfo).port;

  let smtp: SMTPServer | null = null;
  let smtpUrl: string | null = null;
  if (options.smtp) {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          const message = parseMessage(Buffer.concat(chunks).toString("utf8"));
          emails.push({
            at: new Date(),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: message.subject,
            text: message.text,
          });
          callback();
        });
      },
    });
    const server = smtp;
    // A sender that dies mid-session (the worker restarted) resets its connection; smtp-server
    // reports that as an "error" on the server, which unheard would bring the demo inbox down.
    server.on("error", () => {});
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    smtpUrl = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  }

  return {
    callbackUrl: (path = "/porting-updates") => `http://127.0.0.1:${httpPort}${path.startsWith("/") ? path : `/${path}`}`,
    smtpUrl,
    pageUrl: `http://127.0.0.1:${httpPort}/`,
    callbacks,
    emails,
    async close() {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      if (smtp) {
        const server = smtp;
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
  };
}

// ── a small MIME reader: enough for the subject and the plain-text part of the app's emails ──

function decodeWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=\s*/g, (_, charset: string, encoding: string, text: string) => {
    const bytes =
      encoding.toUpperCase() === "B"
        ? Buffer.from(text, "base64")
        : Buffer.from(
            text.replace(/_/g, " ").replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
            "latin1",
          );
    return new TextDecoder(charset.toLowerCase() === "utf-8" ? "utf-8" : "latin1").decode(bytes);
  });
}

function splitHeaders(part: string): { headers: Map<string, string>; body: string } {
  const end = part.search(/\r?\n\r?\n/);
  const head = end === -1 ? part : part.slice(0, end);
  const body = end === -1 ? "" : part.slice(end).replace(/^\r?\n\r?\n/, "");
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function decodeBody(body: string, transferEncoding: string | undefined): string {
  switch ((transferEncoding ?? "").toLowerCase()) {
    case "base64":
      return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
    case "quoted-printable":
      return Buffer.from(
        body.replace(/=\r?\n/g, "").replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
        "latin1",
      ).toString("utf8");
    default:
      return body;
  }
}

function plainText(part: string): string | null {
  const { headers, body } = splitHeaders(part);
  const type = headers.get("content-type") ?? "text/plain";
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    for (const child of body.split(`--${boundary}`).slice(1)) {
      if (child.startsWith("--")) break;
      const text = plainText(child.replace(/^\r?\n/, ""));
      if (text !== null) return text;
    }
    return null;
  }
  return /^text\/plain/i.test(type) ? decodeBody(body, headers.get("content-transfer-encoding")) : null;
}

function parseMessage(raw: string): { subject: string; text: string } {
  const { headers } = splitHeaders(raw);
  return { subject: decodeWords(headers.get("subject") ?? ""), text: (plainText(raw) ?? "").trim() };
}

// ── the page ──

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

const time = (date: Date) => date.toISOString().slice(11, 19);

const STATUS_LABELS: Record<string, string> = {
  requested: "Requested",
  in_progress: "In progress",
  delayed: "Delayed",
  ready_to_be_ported: "Ready to be ported",
  blocked: "Blocked",
  cancelled: "Cancelled",
  completed: "Completed",
};

function renderPage(title: string, callbacks: ReceivedCallback[], emails: ReceivedEmail[] | null): string {
  const callbackRows = callbacks
    .map((c) => {
      const status = c.body?.status ? (STATUS_LABELS[c.body.status] ?? c.body.status) : "—";
      return `<tr><td>${time(c.at)}</td><td><code>POST ${escape(c.path)}</code></td><td>${escape(c.body?.reference ?? "—")}</td><td><b>${escape(status)}</b><br><span class="muted">${escape(c.body?.statusReason ?? "")}</span></td><td class="sig">${
        c.webhookSignature ? `<code>${escape(c.webhookId ?? "")}</code><br><span class="muted">${escape(c.webhookSignature.slice(0, 24))}…</span>` : "unsigned"
      }</td></tr>`;
    })
    .join("");
  const emailRows = (emails ?? [])
    .map(
      (e) =>
        `<tr><td>${time(e.at)}</td><td>${escape(e.to.join(", "))}</td><td><b>${escape(e.subject)}</b><br><span class="muted">${escape(
          e.text.split(/\r?\n/).filter(Boolean).slice(0, 3).join(" · ").slice(0, 220),
        )}</span></td></tr>`,
    )
    .join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escape(title)}</title><style>
body{font:15px/1.45 system-ui,sans-serif;margin:0;background:#f1f5f9;color:#0f172a}
header{background:#0f172a;color:#fff;padding:14px 24px}header h1{margin:0;font-size:18px}header p{margin:2px 0 0;color:#cbd5e1;font-size:13px}
main{padding:20px 24px;display:grid;gap:20px}section{background:#fff;border:1px solid #e2e8f0;border-radius:12px;padding:16px 18px;overflow-x:auto}
h2{margin:0 0 10px;font-size:16px}table{border-collapse:collapse;width:100%;font-size:14px}td,th{text-align:left;padding:7px 10px;border-top:1px solid #e2e8f0;vertical-align:top}
th{border-top:0;color:#64748b;font-size:12px;text-transform:uppercase;letter-spacing:.04em}.muted{color:#64748b;font-size:13px}code{font-size:12.5px}.sig{color:#334155}
.empty{color:#64748b}</style></head><body>
<header><h1>${escape(title)}</h1><p>What the customer's own systems received from Voice Porting. A stand-in run by the demo, not part of the product.</p></header>
<main>
<section aria-labelledby="cb"><h2 id="cb">Callbacks received (${callbacks.length})</h2>${
    callbacks.length
      ? `<table><thead><tr><th>Time (UTC)</th><th>Request</th><th>Reference</th><th>Status and reason</th><th>Signed (webhook-id, webhook-signature)</th></tr></thead><tbody>${callbackRows}</tbody></table>`
      : `<p class="empty">No callbacks yet.</p>`
  }</section>
${
  emails
    ? `<section aria-labelledby="em"><h2 id="em">Emails received (${emails.length})</h2>${
        emails.length
          ? `<table><thead><tr><th>Time (UTC)</th><th>To</th><th>Subject</th></tr></thead><tbody>${emailRows}</tbody></table>`
          : `<p class="empty">No emails yet.</p>`
      }</section>`
    : ""
}
</main></body></html>`;
}
