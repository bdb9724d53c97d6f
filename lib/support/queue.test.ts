import { eq, sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { getDb } from "@/db";
import { portingRequests } from "@/db/schema";
import { ValidationError } from "@/lib/errors";
import { createAccount, createCustomer, createSupport, insertRequestInStatus, nextNumber } from "@/test/factories";
import { listSupportQueue } from "./queue";
import type { PortingStatus } from "@/lib/porting/values";

// Every test file has a database of its own; the rows below are all the queue holds.

const HOUR = 3_600_000;

async function requestIn(accountId: string, status: PortingStatus, hoursAgo: number, opts: { country?: "NL" | "DE"; numbers?: string[] } = {}) {
  const request = await insertRequestInStatus({ accountId, status, ...opts });
  await getDb()
    .update(portingRequests)
    .set({ statusChangedAt: new Date(Date.now() - hoursAgo * HOUR) })
    .where(eq(portingRequests.id, request.id));
  return request;
}

describe("the support queue", async () => {
  const support = await createSupport("Queue Agent");
  const acme = await createAccount({ name: "Acme Queue B.V.", country: "NL" });
  const globex = await createAccount({ name: "Globex Queue GmbH", country: "DE" });
  await createCustomer(acme);
  const acmeNumber = nextNumber("NL");
  const globexNumber = nextNumber("DE");
  const r = {
    acmeRequestedOld: await requestIn(acme.id, "requested", 50),
    globexRequested: await requestIn(globex.id, "requested", 30, { country: "DE", numbers: [globexNumber] }),
    acmeInProgress: await requestIn(acme.id, "in_progress", 40, { numbers: [acmeNumber] }),
    acmeDelayed: await requestIn(acme.id, "delayed", 10),
    acmeReady: await requestIn(acme.id, "ready_to_be_ported", 20),
    acmeRequestedNew: await requestIn(acme.id, "requested", 1),
    acmeCompletedOld: await requestIn(acme.id, "completed", 100),
    globexBlocked: await requestIn(globex.id, "blocked", 5, { country: "DE" }),
    acmeCompletedNew: await requestIn(acme.id, "completed", 2),
  };
  const refs = (page: { items: { id: string }[] }) => page.items.map((i) => i.id);

  test("Open (the default) holds every account's open requests, oldest waiting first", async () => {
    const page = await listSupportQueue(support, {});
    expect(page.view).toBe("open");
    expect(refs(page)).toEqual([
      r.acmeRequestedOld.id,
      r.acmeInProgress.id,
      r.globexRequested.id,
      r.acmeReady.id,
      r.acmeDelayed.id,
      r.acmeRequestedNew.id,
    ]);
    expect(new Set(page.items.map((i) => i.accountName))).toEqual(new Set(["Acme Queue B.V.", "Globex Queue GmbH"]));
    expect(page.items[0]).toMatchObject({ reference: r.acmeRequestedOld.reference, numberCount: 1, country: "NL", status: "requested" });
    expect(page.nextCursor).toBeNull();
    expect(page.counts).toMatchObject({ open: 6, requested: 3, in_progress: 1, delayed: 1, ready_to_be_ported: 1, completed: 2, blocked: 1, all: 9 });
  });

  test("a status tab shows that status only; finished work comes newest first", async () => {
    expect(refs(await listSupportQueue(support, { status: "requested" }))).toEqual([
      r.acmeRequestedOld.id,
      r.globexRequested.id,
      r.acmeRequestedNew.id,
    ]);
    expect(refs(await listSupportQueue(support, { status: "completed" }))).toEqual([r.acmeCompletedNew.id, r.acmeCompletedOld.id]);
    const all = await listSupportQueue(support, { status: "all" });
    expect(all.items).toHaveLength(9);
    expect(all.items[0]?.id).toBe(r.acmeRequestedNew.id);
    expect(all.items.at(-1)?.id).toBe(r.acmeCompletedOld.id);
  });

  test("country filter", async () => {
    expect(refs(await listSupportQueue(support, { country: "DE" }))).toEqual([r.globexRequested.id]);
    expect(refs(await listSupportQueue(support, { status: "all", country: "DE" }))).toEqual([r.globexBlocked.id, r.globexRequested.id]);
  });

  test("search by number in any format, by reference, by account name", async () => {
    const national = `0${acmeNumber.slice(3, 5)}-${acmeNumber.slice(5)}`; // 020-1234567
    const spaced = `${acmeNumber.slice(0, 3)} ${acmeNumber.slice(3, 5)} ${acmeNumber.slice(5)}`;
    const zeros = `00${acmeNumber.slice(1)}`;
    for (const q of [acmeNumber, national, spaced, zeros]) {
      expect(refs(await listSupportQueue(support, { q }))).toEqual([r.acmeInProgress.id]);
    }
    expect(refs(await listSupportQueue(support, { q: globexNumber, status: "all" }))).toEqual([r.globexRequested.id]);

    const digits = r.acmeReady.reference.replace(/\D/g, "");
    for (const q of [r.acmeReady.reference, r.acmeReady.reference.toLowerCase(), String(Number(digits))]) {
      expect(refs(await listSupportQueue(support, { q }))).toEqual([r.acmeReady.id]);
    }

    expect(refs(await listSupportQueue(support, { q: "globex queue" }))).toEqual([r.globexRequested.id]);
    expect(refs(await listSupportQueue(support, { q: "globex", status: "all" }))).toEqual([r.globexBlocked.id, r.globexRequested.id]);
    // LIKE wildcards are literal characters in the search box.
    expect((await listSupportQueue(support, { q: "%" })).items).toEqual([]);
    expect((await listSupportQueue(support, { q: "nothing like this" })).items).toEqual([]);
  });

  test("keyset pagination walks every row exactly once, in order", async () => {
    const first = await listSupportQueue(support, { limit: 4 });
    expect(refs(first)).toEqual([r.acmeRequestedOld.id, r.acmeInProgress.id, r.globexRequested.id, r.acmeReady.id]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await listSupportQueue(support, { limit: 4, cursor: first.nextCursor ?? "" });
    expect(refs(second)).toEqual([r.acmeDelayed.id, r.acmeRequestedNew.id]);
    expect(second.nextCursor).toBeNull();

    const newest = await listSupportQueue(support, { status: "all", limit: 5 });
    const rest = await listSupportQueue(support, { status: "all", limit: 5, cursor: newest.nextCursor ?? "" });
    expect(new Set([...refs(newest), ...refs(rest)]).size).toBe(9);
    expect(rest.nextCursor).toBeNull();
  });

  test("requests changed within the same millisecond are neither skipped nor repeated", async () => {
    const account = await createAccount({ name: "Same Instant", country: "NL" });
    const same = await Promise.all([1, 2, 3].map(() => insertRequestInStatus({ accountId: account.id, status: "in_progress" })));
    await getDb().execute(sql`update porting_requests set status_changed_at = '2001-01-01T00:00:00.000001Z' where account_id = ${account.id}`);
    const seen: string[] = [];
    let cursor: string | null | undefined;
    do {
      const page = await listSupportQueue(support, { status: "in_progress", limit: 1, ...(cursor ? { cursor } : {}) });
      seen.push(...refs(page));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.slice(0, 3).sort()).toEqual(same.map((s) => s.id).sort());
    expect(seen).toHaveLength(4);
  });

  test("bad filters are validation errors naming the field", async () => {
    await expect(listSupportQueue(support, { status: "nope" as never })).rejects.toBeInstanceOf(ValidationError);
    await expect(listSupportQueue(support, { cursor: "garbage" })).rejects.toMatchObject({ fieldErrors: { cursor: [expect.any(String)] } });
  });
});
