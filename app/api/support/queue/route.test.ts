import { expect, test, vi } from "vitest";

vi.mock("@/lib/auth/session", async () => (await import("@/test/session")).sessionModule);

import { createSupport, createTenant, insertRequestInStatus } from "@/test/factories";
import { signInAs } from "@/test/session";
import { GET } from "./route";

// The real handler through route(), on a real database; only the session cookie lookup is replaced.

const get = (query = "") => GET(new Request(`http://localhost/api/support/queue${query}`), { params: Promise.resolve({}) });

test("support gets the queue as JSON, filtered like the page", async () => {
  const { customer } = await createTenant("NL", "Route Queue B.V.");
  const request = await insertRequestInStatus({ accountId: customer.accountId, status: "requested" });
  signInAs(await createSupport());
  const response = await get("?status=requested&q=route%20queue");
  expect(response.status).toBe(200);
  expect(response.headers.get("cache-control")).toBe("no-store");
  const body = await response.json();
  expect(body).toMatchObject({ view: "requested", nextCursor: null, counts: { requested: 1, open: 1 } });
  expect(body.items.map((i: { id: string }) => i.id)).toEqual([request.id]);
});

test("customers are refused (403), anonymous callers are asked to authenticate (401), bad filters are 422", async () => {
  const { customer } = await createTenant();
  signInAs(customer);
  expect((await get()).status).toBe(403);
  signInAs(null);
  expect((await get()).status).toBe(401);
  signInAs(await createSupport());
  const bad = await get("?cursor=broken");
  expect(bad.status).toBe(422);
  expect((await bad.json()).errors).toHaveProperty("cursor");
});
