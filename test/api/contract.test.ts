import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, test, vi } from "vitest";

vi.mock("@/lib/auth/session", async () => (await import("@/test/session")).sessionModule);

import { getDb } from "@/db";
import { ENDPOINTS, type Endpoint } from "@/lib/api/openapi";
import { idempotencyKeys } from "@/db/schema";
import { hashApiKey } from "@/lib/auth/api-keys";
import { z } from "zod";
import { requestComponents, responseComponents } from "@/lib/api/schemas";
import * as examples from "@/lib/api/examples";
import {
  createCompanyProfile,
  createDistributionGroup,
  createSupport,
  createTenant,
  insertRequestInStatus,
  nextNumber,
} from "@/test/factories";
import { call, keyFor } from "./client";
import { accountsContract } from "./contract-accounts";
import { configurationContract } from "./contract-configuration";
import { conversationContract, uploadForm } from "./contract-conversation";
import { rejectionsContract } from "./contract-rejections";
import { scheduleContract } from "./contract-schedule";
import { portabilityContract } from "./contract-portability";
import { eventsContract } from "./contract-events";
import { webhooksContract } from "./contract-webhooks";
import { document, documentedPairs, expectDocumented, seen, zodSchemaFor } from "./document";

// Contract tests: every endpoint is called, on success and on every error it documents, and each
// response is validated against the OpenAPI document (status, content type and body schema).
// The last test checks that every documented (operation, status) pair was seen here.

let customerKey: string;
let otherKey: string;
let supportKey: string;
let limitedKey: string;
let accountId: string;
let profileId: string;
let usedProfileId: string;
let groupId: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  const a = await createTenant("NL", "Contract A B.V.");
  const b = await createTenant("NL", "Contract B B.V.");
  const support = await createSupport();
  accountId = a.customer.accountId;
  customerKey = await keyFor(a.customer);
  otherKey = await keyFor(b.customer);
  supportKey = await keyFor(support);
  limitedKey = await keyFor(a.customer, "rate limited");
  profileId = (await createCompanyProfile(accountId, "NL", { name: "Spare profile" })).id;
  usedProfileId = (await createCompanyProfile(accountId, "NL", { name: "Used profile" })).id;
  groupId = (await createDistributionGroup(accountId, "Reception")).id;
  for (const [name, status] of [
    ["perform", "ready_to_be_ported"],
    ["cancel", "ready_to_be_ported"],
    ["accept", "requested"],
    ["inProgress", "in_progress"],
  ] as const) {
    ids[name] = (await insertRequestInStatus({ accountId, status, companyProfileId: usedProfileId, distributionGroupId: groupId })).id;
  }
});

const path = (endpoint: Endpoint, params: Record<string, string> = {}) => {
  let p = endpoint.path;
  for (const [k, v] of Object.entries(params)) p = p.replace(`{${k}}`, encodeURIComponent(v));
  return p;
};

const byId = (operationId: string) => ENDPOINTS.find((e) => e.operationId === operationId)!;

async function check(operationId: string, options: Parameters<typeof call>[2] & { params?: Record<string, string> } = {}) {
  const endpoint = byId(operationId);
  const response = await call(endpoint.method.toUpperCase(), path(endpoint, options.params ?? defaultParams(endpoint)), options);
  const body = await expectDocumented(endpoint.method, endpoint.path, response);
  return { status: response.status, body: body as Record<string, unknown>, headers: response.headers };
}

function defaultParams(endpoint: Endpoint): Record<string, string> {
  if (endpoint.path.includes("{code}")) return { code: "NL" };
  if (endpoint.path.startsWith("/company-profiles/")) return { id: profileId };
  if (endpoint.path.includes("{id}")) return { id: ids.accept! };
  return {};
}

describe("the document is generated from the schemas the API uses", () => {
  test("it is OpenAPI 3.1 with every endpoint and a Problem for every error", () => {
    expect(document.openapi).toBe("3.1.0");
    for (const endpoint of ENDPOINTS) {
      const op = (document.paths[endpoint.path] as Record<string, { operationId: string }>)[endpoint.method];
      expect(op?.operationId).toBe(endpoint.operationId);
    }
    expect(Object.keys(document.components.responses).sort()).toEqual(
      ["Problem400", "Problem401", "Problem403", "Problem404", "Problem409", "Problem410", "Problem413", "Problem415", "Problem422", "Problem429", "Problem500", "Problem503"].sort(),
    );
  });

  test("each component schema is exactly z.toJSONSchema of its zod schema (nothing hand-written)", () => {
    const schemas = document.components.schemas as Record<string, Record<string, unknown>>;
    const strip = (s: Record<string, unknown>) => {
      const { $schema: _a, $id: _b, ...rest } = s;
      return rest;
    };
    for (const [registry, io] of [
      [requestComponents, "input"],
      [responseComponents, "output"],
    ] as const) {
      const generated = z.toJSONSchema(registry, {
        io,
        uri: (id) => `#/components/schemas/${id}`,
        override: ({ jsonSchema }) => {
          const js = jsonSchema as Record<string, unknown>;
          if (typeof js.format === "string" && typeof js.pattern === "string") delete js.pattern;
          if (io === "output" && js.additionalProperties === false) delete js.additionalProperties;
        },
      }).schemas;
      for (const [id, schema] of Object.entries(generated)) {
        expect(schemas[id], id).toEqual(strip(schema as Record<string, unknown>));
      }
    }
  });

  test("every example in the document passes its schema", () => {
    const check = (schema: z.ZodType, value: unknown, what: string) => {
      const result = schema.safeParse(value);
      expect(result.success ? [] : result.error.issues, what).toEqual([]);
    };
    for (const endpoint of ENDPOINTS) {
      if (endpoint.body) check(endpoint.body.schema, endpoint.body.example, `${endpoint.operationId} body example`);
      if (endpoint.success.schema && endpoint.success.example !== undefined) {
        check(endpoint.success.schema, endpoint.success.example, `${endpoint.operationId} response example`);
      }
    }
    for (const [status, problem] of Object.entries(examples.problemExamples)) check(zodSchemaFor("Problem"), problem, `problem ${status}`);
  });
});

describe("countries", () => {
  test("list and requirements", async () => {
    const list = await check("listCountries", { key: customerKey });
    expect((list.body.data as { code: string }[]).map((c) => c.code)).toEqual(["NL", "BE", "DE", "GB", "FR", "ES"]);
    const nl = await check("getCountryRequirements", { key: customerKey, params: { code: "nl" } });
    expect(nl.body).toMatchObject({ code: "NL", nlFlow: true, preferredDateAllowed: false });
    expect((await check("getCountryRequirements", { key: supportKey, params: { code: "DE" } })).body.code).toBe("DE");
    const unknown = await check("getCountryRequirements", { key: customerKey, params: { code: "US" } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toContain("NL, BE, DE, GB, FR, ES");
  });
});

describe("statuses", () => {
  test("the seven, with labels, descriptions and countries; the static segment wins over {id}", async () => {
    const { status, body } = await check("listPortingRequestStatuses", { key: customerKey });
    expect(status).toBe(200);
    const data = body.data as { id: string; countries: unknown }[];
    expect(data.map((s) => s.id)).toEqual(["requested", "in_progress", "delayed", "ready_to_be_ported", "blocked", "cancelled", "completed"]);
    expect(data.find((s) => s.id === "delayed")?.countries).toEqual(["NL"]);
    expect(data.find((s) => s.id === "blocked")?.countries).toBe("all");
  });

  // The spec's Cancelled text states the Dutch rule ("only possible when … Ready to be ported");
  // a German customer, who may cancel while Requested, must not be told that (issue 14, item 6).
  test("descriptions fit the country: the caller's account, or ?country=", async () => {
    const cancelled = (body: Record<string, unknown>) => (body.data as { id: string; description: string }[]).find((s) => s.id === "cancelled")!.description;
    const german = await keyFor((await createTenant("DE", "Contract DE GmbH")).customer);

    const de = await check("listPortingRequestStatuses", { key: german });
    expect(de.body.country).toBe("DE");
    expect(cancelled(de.body)).toBe("You cancelled the request.");

    const nl = await check("listPortingRequestStatuses", { key: customerKey });
    expect(nl.body.country).toBe("NL");
    expect(cancelled(nl.body)).toContain("only possible when the status of the porting request is Ready to be ported");

    const asked = await check("listPortingRequestStatuses", { key: customerKey, query: { country: "de" } });
    expect(asked.body.country).toBe("DE");
    expect(cancelled(asked.body)).toBe("You cancelled the request.");

    const spec = await check("listPortingRequestStatuses", { key: supportKey });
    expect(spec.body.country).toBeNull();
    expect(cancelled(spec.body)).toContain("only possible when");

    const unknown = await check("listPortingRequestStatuses", { key: customerKey, query: { country: "US" } });
    expect(unknown.status).toBe(422);
    expect(JSON.stringify(unknown.body.errors)).toContain("country");
  });
});

describe("company profiles", () => {
  const valid = {
    name: "API head office",
    companyName: "Contract A B.V.",
    registrationNumber: "1234 5678",
    representativeFirstName: "Anna",
    representativeLastName: "de Vries",
    street: "Herengracht 1",
    postalCode: "1015ba",
    city: "Amsterdam",
    addressCountry: "nl",
    country: "NL",
    numberTypes: ["geographic"],
    notificationEmails: ["Porting@Example.test"],
  };

  test("create, get, list, patch, delete", async () => {
    const created = await check("createCompanyProfile", { key: customerKey, json: valid });
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe(`/api/v1/company-profiles/${created.body.id}`);
    expect(created.body).toMatchObject({ registrationNumber: "12345678", postalCode: "1015BA", addressCountry: "NL", meetsRequirements: true, missingRequirements: [] });
    const id = created.body.id as string;

    expect((await check("getCompanyProfile", { key: customerKey, params: { id } })).body.name).toBe("API head office");
    const list = await check("listCompanyProfiles", { key: customerKey, query: { limit: "2" } });
    expect((list.body.data as unknown[]).length).toBe(2);
    expect(list.body.nextCursor).toEqual(expect.any(String));
    const rest = await check("listCompanyProfiles", { key: customerKey, query: { limit: "2", cursor: list.body.nextCursor as string } });
    expect((rest.body.data as unknown[]).length).toBe(1);
    expect(rest.body.nextCursor).toBeNull();

    const patched = await check("updateCompanyProfile", { key: customerKey, params: { id }, json: { city: "Haarlem", registrationNumber: null } });
    expect(patched.body).toMatchObject({ city: "Haarlem", registrationNumber: null, meetsRequirements: false, missingRequirements: ["registrationNumber"] });

    const removed = await check("deleteCompanyProfile", { key: customerKey, params: { id } });
    expect(removed.status).toBe(204);
    expect((await check("getCompanyProfile", { key: customerKey, params: { id } })).status).toBe(404);
  });

  test("refusals", async () => {
    const invalid = await check("createCompanyProfile", { key: customerKey, json: { ...valid, registrationNumber: "123", notificationEmails: ["nope"] } });
    expect(invalid.status).toBe(422);
    expect(Object.keys(invalid.body.errors as object)).toEqual(expect.arrayContaining(["registrationNumber", "notificationEmails.0"]));
    expect((await check("updateCompanyProfile", { key: customerKey, json: { postalCode: "ABCDEF" } })).status).toBe(422);
    expect((await check("listCompanyProfiles", { key: customerKey, query: { limit: "0" } })).status).toBe(422);
    const inUse = await check("deleteCompanyProfile", { key: customerKey, params: { id: usedProfileId } });
    expect(inUse.status).toBe(409);
    expect(inUse.body.portingRequestsCount).toBeGreaterThan(0);
  });
});

describe("porting requests", () => {
  test("create, get, list with filters and paging", async () => {
    const number = nextNumber();
    const national = `0${number.slice(3, 5)} ${number.slice(5, 8)} ${number.slice(8)}`;
    // Every country requires a letter of authorisation: uploaded first, named by the create.
    const upload = await check("uploadDocument", { key: customerKey, body: uploadForm("letter_of_authorisation") });
    const documents = [{ id: upload.body.id as string }];
    const created = await check("createPortingRequest", {
      key: customerKey,
      headers: { "idempotency-key": "contract-create" },
      json: {
        country: "NL",
        numberType: "geographic",
        companyProfileId: profileId,
        phoneNumbers: [national],
        currentProvider: "KPN",
        distributionGroupId: groupId,
        callbackUrl: "https://example.com/porting-callback",
        comment: null,
        preferredPortingDate: null,
        documents,
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: "requested", phoneNumbers: [{ number, type: "geographic" }], allowedActions: [] });
    expect((created.body.history as unknown[]).length).toBe(1);
    const id = created.body.id as string;
    expect(created.headers.get("location")).toBe(`/api/v1/porting-requests/${id}`);

    const replay = await check("createPortingRequest", {
      key: customerKey,
      headers: { "idempotency-key": "contract-create" },
      json: { country: "NL", numberType: "geographic", companyProfileId: profileId, phoneNumbers: [national], currentProvider: "KPN", distributionGroupId: groupId, callbackUrl: "https://example.com/porting-callback", comment: null, preferredPortingDate: null, documents },
    });
    expect(replay.status).toBe(201);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.body).toEqual(created.body);

    const got = await check("getPortingRequest", { key: customerKey, params: { id } });
    expect(got.body).toEqual(created.body);
    // The copy the client holds is current: 304, no body (test/api/conditional-get.test.ts has the rest).
    expect((await check("getPortingRequest", { key: customerKey, params: { id }, headers: { "if-none-match": got.headers.get("etag")! } })).status).toBe(304);
    expect((await check("getPortingRequest", { key: supportKey, params: { id } })).body.accountName).toBe("Contract A B.V.");

    const byNumber = await check("listPortingRequests", { key: customerKey, query: { number: `+31 ${national.slice(1)}` } });
    expect((byNumber.body.data as { id: string }[]).map((r) => r.id)).toEqual([id]);
    const byReference = await check("listPortingRequests", { key: customerKey, query: { reference: (created.body.reference as string).toLowerCase().replace("-", "") } });
    expect((byReference.body.data as { id: string }[]).map((r) => r.id)).toEqual([id]);
    const today = new Date().toISOString().slice(0, 10);
    const inRange = await check("listPortingRequests", { key: customerKey, query: { createdFrom: today, createdTo: today, status: "requested", country: "NL" } });
    expect((inRange.body.data as { id: string }[]).map((r) => r.id)).toContain(id);
    const before = await check("listPortingRequests", { key: customerKey, query: { createdTo: "2000-01-01" } });
    expect(before.body.data).toEqual([]);

    const first = await check("listPortingRequests", { key: customerKey, query: { limit: "2" } });
    expect((first.body.data as unknown[]).length).toBe(2);
    const second = await check("listPortingRequests", { key: customerKey, query: { limit: "200", cursor: first.body.nextCursor as string } });
    const all = await check("listPortingRequests", { key: customerKey });
    expect((await check("listPortingRequests", { key: customerKey, headers: { "if-none-match": all.headers.get("etag")! } })).status).toBe(304);
    expect([...(first.body.data as { id: string }[]), ...(second.body.data as { id: string }[])].map((r) => r.id)).toEqual(
      (all.body.data as { id: string }[]).map((r) => r.id),
    );
    expect(second.body.nextCursor).toBeNull();
    // A full request in every list item, as Get Porting Request answers it.
    const item = (all.body.data as Record<string, unknown>[]).find((r) => r.id === id);
    expect(item).toEqual(got.body);

    // Another account sees none of it.
    const foreign = await check("listPortingRequests", { key: otherKey });
    expect(foreign.body.data).toEqual([]);
  });

  test("list refusals name the parameter", async () => {
    for (const [query, field] of [
      [{ limit: "201" }, "limit"],
      [{ number: "12" }, "number"],
      [{ reference: "ABC" }, "reference"],
      [{ createdFrom: "yesterday" }, "createdFrom"],
      [{ createdFrom: "2026-02-01", createdTo: "2026-01-01" }, "createdTo"],
      [{ status: "done" }, "status"],
      [{ sort: "asc" }, "sort"],
      [{ cursor: "not-a-cursor" }, "cursor"],
    ] as const) {
      const { status, body } = await check("listPortingRequests", { key: customerKey, query: { ...query } });
      expect(status, JSON.stringify(query)).toBe(422);
      expect(Object.keys(body.errors as object), JSON.stringify(query)).toContain(field);
    }
  });

  test("create refusals", async () => {
    const bad = await check("createPortingRequest", {
      key: customerKey,
      json: { country: "NL", numberType: "geographic", companyProfileId: profileId, phoneNumbers: ["+31 6 12345678", "hello"], currentProvider: "KPN" },
    });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.errors as object)).toEqual(expect.arrayContaining(["phoneNumbers.0", "phoneNumbers.1"]));
    // An in-flight create with the same key (claimed, no response yet) answers 409.
    const [key] = await getDb()
      .select({ id: sql<string>`id` })
      .from(sql`api_keys`)
      .where(sql`hash = ${hashApiKey(customerKey)}`);
    await getDb().insert(idempotencyKeys).values({ apiKeyId: key!.id, key: "in-flight", requestHash: "x" });
    const body = { country: "NL", numberType: "geographic", companyProfileId: profileId, phoneNumbers: [nextNumber()], currentProvider: "KPN" };
    const inFlight = await check("createPortingRequest", { key: customerKey, headers: { "idempotency-key": "in-flight" }, json: body });
    expect(inFlight.status).toBe(422); // another body than the claim's
    await getDb().execute(sql`update idempotency_keys set request_hash = ${(await import("@/lib/api/idempotency")).requestFingerprint("POST", "/api/v1/porting-requests", body)} where key = 'in-flight'`);
    const conflict = await check("createPortingRequest", { key: customerKey, headers: { "idempotency-key": "in-flight" }, json: body });
    expect(conflict.status).toBe(409);
    expect(conflict.headers.get("retry-after")).toBe("1");
  });

  test("perform, cancel and support transitions answer the updated request", async () => {
    const performed = await check("performPortingRequest", { key: customerKey, params: { id: ids.perform! } });
    expect(performed.body).toMatchObject({ status: "completed", statusReason: "Performed by customer", allowedActions: [] });
    const cancelled = await check("cancelPortingRequest", { key: customerKey, params: { id: ids.cancel! }, json: { reason: "Changed our mind." } });
    expect(cancelled.body).toMatchObject({ status: "cancelled", statusReason: "Changed our mind." });
    const accepted = await check("transitionPortingRequest", { key: supportKey, params: { id: ids.accept! }, json: { to: "in_progress", reason: "Looking into it." } });
    expect(accepted.body).toMatchObject({ status: "in_progress", statusReason: "Looking into it." });
    const delayed = await check("transitionPortingRequest", {
      key: supportKey,
      params: { id: ids.accept! },
      json: { to: "delayed", reason: "KPN proposes a later date.", firstPossiblePortingDate: "2099-12-14" },
    });
    expect(delayed.body).toMatchObject({ status: "delayed", firstPossiblePortingDate: "2099-12-14" });
    const history = delayed.body.history as { to: string; actor: { role: string } }[];
    expect(history.at(-1)).toMatchObject({ to: "delayed", actor: { role: "support" } });
  });

  test("not allowed now is a 409 with the current status and allowed actions", async () => {
    const perform = await check("performPortingRequest", { key: customerKey, params: { id: ids.inProgress! } });
    expect(perform.status).toBe(409);
    expect(perform.body).toMatchObject({ currentStatus: "in_progress", allowedActions: [] });
    const cancel = await check("cancelPortingRequest", { key: customerKey, params: { id: ids.inProgress! } });
    expect(cancel.status).toBe(409);
    const again = await check("performPortingRequest", { key: customerKey, params: { id: ids.perform! } });
    expect(again.body).toMatchObject({ status: 409, currentStatus: "completed" });
    const transition = await check("transitionPortingRequest", { key: supportKey, params: { id: ids.inProgress! }, json: { to: "completed", reason: "Done." } });
    expect(transition.body).toMatchObject({ status: 409, currentStatus: "in_progress", allowedActions: ["reject", "delay", "mark_ready"] });
  });

  test("action body refusals", async () => {
    expect((await check("performPortingRequest", { key: customerKey, params: { id: ids.inProgress! }, json: { reason: 5 } })).status).toBe(422);
    expect((await check("cancelPortingRequest", { key: customerKey, params: { id: ids.inProgress! }, json: { why: "x" } })).status).toBe(422);
    const missing = await check("transitionPortingRequest", { key: supportKey, params: { id: ids.inProgress! }, json: { to: "blocked" } });
    expect(missing.status).toBe(422);
    expect(Object.keys(missing.body.errors as object)).toEqual(["reason"]);
  });
});

describe("distribution groups and numbers", () => {
  test("what completion assigned", async () => {
    const groups = await check("listDistributionGroups", { key: customerKey });
    expect(groups.body.data).toEqual([expect.objectContaining({ id: groupId, name: "Reception" })]);
    const numbers = await check("listNumbers", { key: customerKey });
    const data = numbers.body.data as { distributionGroupId: string; portingRequestId: string }[];
    expect(data.length).toBeGreaterThan(0);
    expect(data[0]).toMatchObject({ distributionGroupId: groupId, portingRequestId: ids.perform });
    expect((await check("listDistributionGroups", { key: customerKey, query: { limit: "x" } })).status).toBe(422);
    expect((await check("listNumbers", { key: customerKey, query: { cursor: "%%%" } })).status).toBe(422);
  });
});

conversationContract({ check, customerKey: () => customerKey, supportKey: () => supportKey, accountId: () => accountId });
accountsContract({ check, customerKey: () => customerKey, supportKey: () => supportKey, accountId: () => accountId });
webhooksContract({ check, customerKey: () => customerKey, supportKey: () => supportKey, accountId: () => accountId });
rejectionsContract({ check, customerKey: () => customerKey, supportKey: () => supportKey, accountId: () => accountId });
scheduleContract({ check, customerKey: () => customerKey, supportKey: () => supportKey, accountId: () => accountId });
portabilityContract({ check, customerKey: () => customerKey, supportKey: () => supportKey, accountId: () => accountId });
eventsContract({ check, customerKey: () => customerKey, supportKey: () => supportKey, accountId: () => accountId });

configurationContract({ check, customerKey: () => customerKey, supportKey: () => supportKey, accountId: () => accountId });

describe("errors every endpoint documents", () => {
  // Uploads (multipart) have their own 400/413/415 cases in contract-conversation.ts.
  const bodyEndpoints = ENDPOINTS.filter((e) => e.body && (e.body.mediaType ?? "application/json") === "application/json");

  test("401 without a key, on every endpoint", async () => {
    for (const endpoint of ENDPOINTS) {
      const { status, headers } = await check(endpoint.operationId, {});
      expect(status, endpoint.operationId).toBe(401);
      expect(headers.get("www-authenticate")).toContain("Bearer");
    }
  });

  test("429 with Retry-After over the limit, on every endpoint", async () => {
    const [key] = await getDb().execute<{ id: string }>(sql`select id from api_keys where hash = ${hashApiKey(limitedKey)}`);
    for (const endpoint of ENDPOINTS) {
      // The window is the clock minute: a call that lands after the minute turns counts in a fresh
      // window. Near the end of a minute, wait for the next one rather than race it.
      const second = new Date().getSeconds();
      if (second >= 50) await new Promise((resolve) => setTimeout(resolve, (61 - second) * 1000));
      await getDb().execute(sql`
        insert into api_rate_limits (api_key_id, window_started_at, count) values (${key!.id}, date_trunc('minute', now()), 1000000)
        on conflict (api_key_id) do update set window_started_at = excluded.window_started_at, count = excluded.count`);
      const { status, headers } = await check(endpoint.operationId, { key: limitedKey, json: endpoint.body?.example });
      expect(status, endpoint.operationId).toBe(429);
      const retry = Number(headers.get("retry-after"));
      expect(retry).toBeGreaterThanOrEqual(1);
      expect(retry).toBeLessThanOrEqual(60);
      expect(headers.get("ratelimit-remaining")).toBe("0");
    }
  });

  test("403 for the wrong role", async () => {
    for (const endpoint of ENDPOINTS.filter((e) => e.roles.length === 1)) {
      const key = endpoint.roles[0] === "support" ? customerKey : supportKey;
      const { status } = await check(endpoint.operationId, { key, json: endpoint.body?.example });
      expect(status, endpoint.operationId).toBe(403);
    }
  });

  test("404 for another account's id and for ids that are not UUIDs", async () => {
    for (const endpoint of ENDPOINTS.filter((e) => e.path.includes("{id}"))) {
      const isProfile = endpoint.path.startsWith("/company-profiles");
      const key = endpoint.roles.includes("customer") ? otherKey : supportKey;
      // Support sees every account: its request endpoints have no foreign id to refuse.
      const supportRequestOperation = ["transitionPortingRequest", "schedulePortingRequestCompletion", "cancelScheduledCompletion"].includes(endpoint.operationId);
      const foreign = await check(endpoint.operationId, {
        key,
        params: { id: isProfile ? profileId : ids.inProgress! },
        json: supportRequestOperation ? undefined : endpoint.body?.example,
      });
      if (!supportRequestOperation) expect(foreign.status, endpoint.operationId).toBe(404);
      const malformed = await check(endpoint.operationId, {
        key: endpoint.roles.includes("customer") ? customerKey : supportKey,
        params: { id: "not-a-uuid" },
        // A valid body where one is required, so the id is what the answer is about.
        json: endpoint.operationId === "transitionPortingRequest" ? { to: "in_progress", reason: "x" } : endpoint.body?.required && !endpoint.body.mediaType ? endpoint.body.example : undefined,
      });
      expect(malformed.status, `${endpoint.operationId} not-a-uuid`).toBe(404);
    }
  });

  test("400, 413 and 415 on every endpoint that takes a body", async () => {
    for (const endpoint of bodyEndpoints) {
      const key = endpoint.roles.includes("customer") ? customerKey : supportKey;
      const params = endpoint.path.includes("{id}") ? { id: endpoint.path.startsWith("/company") ? profileId : ids.inProgress! } : undefined;
      const malformed = await check(endpoint.operationId, { key, ...(params ? { params } : {}), body: '{"reason": ', headers: { "content-type": "application/json" } });
      expect(malformed.status, `${endpoint.operationId} malformed`).toBe(400);
      const large = await check(endpoint.operationId, {
        key,
        ...(params ? { params } : {}),
        body: JSON.stringify({ comment: "x".repeat(1024 * 1024 + 10) }),
        headers: { "content-type": "application/json" },
      });
      expect(large.status, `${endpoint.operationId} large`).toBe(413);
      const wrongType = await check(endpoint.operationId, { key, ...(params ? { params } : {}), body: "reason=hi", headers: { "content-type": "application/x-www-form-urlencoded" } });
      expect(wrongType.status, `${endpoint.operationId} form`).toBe(415);
    }
  });
});

test("every documented status of every operation was exercised and matched the document", () => {
  const missing = documentedPairs().filter((pair) => !seen.has(pair));
  expect(missing).toEqual([]);
});
