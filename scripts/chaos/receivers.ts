import http from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

// The chaos suite's receivers, on 127.0.0.1: an HTTP server for callbacks and an SMTP server for
// emails. Each answers after a short delay (so that a worker killed at a random moment is often
// killed mid-delivery), keeps what it received, and can go down and come back on the same port.

export type ReceivedCallback = { webhookId: string; body: string };
export type ReceivedMail = { messageId: string; subject: string };

export type Receiver<T> = {
  url: string;
  received: T[];
  down: () => Promise<void>;
  up: () => Promise<void>;
};

function header(raw: string, name: string): string {
  const head = (raw.split(/\r?\n\r?\n/)[0] ?? "").replace(/\r?\n[ \t]+/g, " ");
  return new RegExp(`^${name}:\\s*(.*)$`, "im").exec(head)?.[1]?.trim() ?? "";
}

export async function startCallbackReceiver(delayMs: number): Promise<Receiver<ReceivedCallback>> {
  const received: ReceivedCallback[] = [];
  let server: http.Server | null = null;
  let port = 0;
  const up = async () => {
    const s = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        setTimeout(() => {
          received.push({ webhookId: String(req.headers["webhook-id"] ?? ""), body: Buffer.concat(chunks).toString("utf8") });
          res.writeHead(204).end();
        }, delayMs);
      });
    });
    await new Promise<void>((resolve) => s.listen(port, "127.0.0.1", resolve));
    port = (s.address() as AddressInfo).port;
    server = s;
  };
  await up();
  return {
    url: `http://127.0.0.1:${port}/hooks/chaos`,
    received,
    up,
    down: () =>
      new Promise<void>((resolve) => {
        const s = server;
        server = null;
        if (!s) return resolve();
        s.close(() => resolve());
        s.closeAllConnections();
      }),
  };
}

export async function startMailReceiver(delayMs: number): Promise<Receiver<ReceivedMail>> {
  const received: ReceivedMail[] = [];
  let server: SMTPServer | null = null;
  let port = 0;
  const up = async () => {
    const s = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      // Going down closes open sessions at once, as a crashed server would.
      closeTimeout: 100,
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          setTimeout(() => {
            const raw = Buffer.concat(chunks).toString("utf8");
            received.push({ messageId: header(raw, "Message-ID"), subject: header(raw, "Subject") });
            callback();
          }, delayMs);
        });
      },
    });
    // A sender killed mid-session (the suite kills the worker on purpose) resets its connection;
    // smtp-server reports that as an "error" on the server, which unheard would crash this receiver.
    s.on("error", () => {});
    await new Promise<void>((resolve) => s.listen(port, "127.0.0.1", resolve));
    port = (s.server.address() as AddressInfo).port;
    server = s;
  };
  await up();
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    up,
    down: () =>
      new Promise<void>((resolve) => {
        const s = server;
        server = null;
        if (!s) return resolve();
        s.close(() => resolve());
      }),
  };
}
