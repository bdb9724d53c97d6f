import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, test, vi } from "vitest";

vi.mock("@/lib/auth/session", async () => (await import("@/test/session")).sessionModule);

import { getDb } from "@/db";
import { callbackDeliveries, emailMessages } from "@/db/schema";
import { call, keyFor } from "@/test/api/client";
import { createRequest, createSupport, createTenant } from "@/test/factories";
import { testWorker, until } from "@/test/notifications";
import { startWebhookReceiver, type WebhookReceiver } from "@/test/webhook-receiver";
import { createLogger, setLogProcess } from "./logger";
import { requestIdFrom, saneRequestId } from "./request-context";

// One id from the API call to the callback attempt it caused: the response header, the
// request's log line, the status change's line, the queued delivery, and the worker's line for
// the attempt, each carrying the same requestId.

let receiver: WebhookReceiver;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
  receiver.script([], { status: 204 });
});
afterAll(async () => {
  await receiver?.close();
});

function collector(process: "web" | "worker") {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ process, level: "debug", format: "json", destination: { write: (chunk: string) => void lines.push(JSON.parse(chunk) as Record<string, unknown>) } });
  return { lines, logger };
}

test("a proxy's X-Request-Id is kept when it looks like an id; anything else gets a new one", () => {
  expect(saneRequestId("abc-123_DEF.4:5")).toBe("abc-123_DEF.4:5");
  expect(saneRequestId("has space")).toBeNull();
  expect(saneRequestId('quote"d')).toBeNull();
  expect(saneRequestId("line\nbreak")).toBeNull();
  expect(saneRequestId("x".repeat(129))).toBeNull();
  expect(requestIdFrom(new Headers({ "x-request-id": "lb-7f00" }))).toBe("lb-7f00");
  expect(requestIdFrom(new Headers({ "x-request-id": "<script>" }))).toMatch(/^[0-9a-f-]{36}$/);
  expect(requestIdFrom(new Headers())).toMatch(/^[0-9a-f-]{36}$/);
});

test("the id of an API call reaches the worker's line for the callback attempt it caused", async () => {
  const web = collector("web");
  setLogProcess("web");
  // The web side logs through the process logger: swap in the collector for this test.
  const holder = globalThis as unknown as { __vpLogger?: unknown };
  holder.__vpLogger = web.logger;

  const { customer } = await createTenant("NL");
  const support = await createSupport();
  const request = await createRequest(customer, { callbackUrl: receiver.url });
  const key = await keyFor(support);
  const requestId = `trace-${Date.now()}`;
  const response = await call("POST", `/porting-requests/${request.id}/transitions`, {
    key,
    json: { to: "in_progress", reason: "Looking into it." },
    headers: { "x-request-id": requestId },
  });
  expect(response.status, await response.clone().text()).toBe(200);
  expect(response.headers.get("x-request-id")).toBe(requestId);

  const requestLine = web.lines.find((l) => l.msg === "request" && l.requestId === requestId);
  expect(requestLine).toMatchObject({ method: "POST", route: "/api/v1/porting-requests/[id]/transitions", status: 200, process: "web" });
  expect(requestLine).not.toHaveProperty("authorization");
  expect(JSON.stringify(web.lines)).not.toContain(key);
  expect(web.lines.find((l) => l.msg === "status change" && l.requestId === requestId)).toMatchObject({ from: "requested", to: "in_progress", country: "NL" });

  const deliveries = await getDb().select().from(callbackDeliveries).where(eq(callbackDeliveries.portingRequestId, request.id));
  expect(deliveries.map((d) => d.requestId).sort()).toEqual([null, requestId].sort());
  const emails = await getDb().select({ requestId: emailMessages.requestId }).from(emailMessages).where(eq(emailMessages.portingRequestId, request.id));
  expect(emails.map((e) => e.requestId)).toContain(requestId);

  const worker = collector("worker");
  const instance = testWorker({ log: undefined, logger: worker.logger, reportMetrics: false });
  await instance.start();
  try {
    const attempt = await until(() => worker.lines.find((l) => l.msg === "delivery attempt" && l.requestId === requestId), 10_000, "the attempt's line");
    expect(attempt).toMatchObject({ process: "worker", level: "info", kind: "callback", result: "delivered", statusCode: 204, attempt: 1, portingRequestId: request.id });
    expect(JSON.stringify(worker.lines)).not.toContain("webhook-signature");
  } finally {
    await instance.stop();
    holder.__vpLogger = undefined;
  }
});

test("a retry that fails again is a debug line, and the minute's retries one info summary", async () => {
  const { lines, logger } = collector("worker");
  const { customer } = await createTenant("NL");
  receiver.script([], { status: 503 });
  const request = await createRequest(customer, { callbackUrl: receiver.url });
  const instance = testWorker({ log: undefined, logger, reportMetrics: false });
  await instance.start();
  try {
    await until(() => lines.filter((l) => l.msg === "delivery attempt" && l.portingRequestId === request.id).length >= 3, 10_000, "three attempts");
  } finally {
    await instance.stop();
    receiver.script([], { status: 204 });
  }
  const attempts = lines.filter((l) => l.msg === "delivery attempt" && l.portingRequestId === request.id);
  expect(attempts[0]).toMatchObject({ level: "info", attempt: 1, result: "retry", statusCode: 503 });
  expect(attempts.slice(1).every((l) => l.level === "debug")).toBe(true);
  // stop() writes the open summary.
  const summary = lines.find((l) => l.msg === "delivery retries in the last minute");
  expect(summary).toMatchObject({ level: "info" });
  expect((summary!.counts as Record<string, number>)["callback HTTP 503"]).toBeGreaterThanOrEqual(attempts.length - 1);
});
