import http from "node:http";
import type { AddressInfo } from "node:net";

// A real HTTP server on 127.0.0.1 receiving callbacks (ALLOW_INSECURE_CALLBACKS=true in tests
// allows plain http to loopback). Each test scripts its answers; every request is kept with its
// headers and raw body for signature checks.

export type ReceivedCallback = { headers: http.IncomingHttpHeaders; body: string; at: number; answered: number | "hung" | "destroyed" };

export type Answer =
  | { status: number; headers?: Record<string, string>; body?: string }
  /** Keep the request open without answering (until released or the connection closes). */
  | { hang: true };

export type WebhookReceiver = {
  url: string;
  port: number;
  received: ReceivedCallback[];
  /** Answers for the next requests, in order; after them, `fallback`. */
  script(answers: Answer[], fallback?: Answer): void;
  /** Requests currently held open by a `hang` answer. */
  hanging(): number;
  /** Answers every hung request with `answer`. */
  release(answer?: Answer): void;
  /** Stops listening (connections refused) and closes open ones. */
  close(): Promise<void>;
};

export async function startWebhookReceiver(port = 0): Promise<WebhookReceiver> {
  const received: ReceivedCallback[] = [];
  let queue: Answer[] = [];
  let fallback: Answer = { status: 204 };
  const hung = new Set<{ record: ReceivedCallback; res: http.ServerResponse }>();

  const respond = (res: http.ServerResponse, answer: Exclude<Answer, { hang: true }>, record: ReceivedCallback) => {
    record.answered = answer.status;
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body ?? "");
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const record: ReceivedCallback = { headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), at: Date.now(), answered: "hung" };
      received.push(record);
      const answer = queue.shift() ?? fallback;
      if ("hang" in answer) {
        const entry = { record, res };
        hung.add(entry);
        res.on("close", () => {
          if (hung.delete(entry)) record.answered = "destroyed";
        });
        return;
      }
      respond(res, answer, record);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const actualPort = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actualPort}/hooks/porting`,
    port: actualPort,
    received,
    script(answers, next) {
      queue = [...answers];
      if (next) fallback = next;
    },
    hanging: () => hung.size,
    release(answer = { status: 200 }) {
      for (const entry of [...hung]) {
        hung.delete(entry);
        if ("hang" in answer) continue;
        respond(entry.res, answer, entry.record);
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const entry of hung) entry.res.destroy();
        hung.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
