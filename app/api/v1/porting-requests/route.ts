// GET /api/v1/porting-requests — the caller's requests (support: every account), newest first, filtered and paged; ETag, If-None-Match → 304.
// POST /api/v1/porting-requests — Create Porting Request; honours Idempotency-Key.
import { apiFieldErrors, expectObject, parseStrict, readJsonBody, unknownFieldErrors } from "@/lib/api/body";
import { idempotencyKeyOf, requestFingerprint, withIdempotency, type CommitResponse, type StoredResponse } from "@/lib/api/idempotency";
import { jsonTextWithETag } from "@/lib/api/etag";
import { queryOf } from "@/lib/api/json";
import { portingRequestFilters } from "@/lib/api/porting-request-query";
import { route } from "@/lib/api/route";
import { CreatePortingRequestBody, ListPortingRequestsQuery } from "@/lib/api/schemas";
import { portingRequestJson } from "@/lib/porting/serialize";
import { ValidationError } from "@/lib/errors";
import { createPortingRequest } from "@/lib/porting/create-porting-request";
import { documentRefSources, documentRefsField } from "@/lib/porting/document-refs";
import { listPortingRequestJson } from "@/lib/porting/queries";
import type { CreatePortingRequestInput } from "@/lib/porting/schemas";

const PATH = "/api/v1/porting-requests";

export const GET = route({ roles: ["customer", "support"] }, async (request, actor) => {
  const query = parseStrict(ListPortingRequestsQuery, queryOf(request));
  // Each item is already the JSON text of the request (kept until it changes, lib/porting/request-json-cache.ts):
  // joined, not parsed and written again. The same bytes as JSON.stringify({ data, nextCursor }).
  const page = await listPortingRequestJson(actor, portingRequestFilters(query));
  return jsonTextWithETag(request, `{"data":[${page.items.join(",")}],"nextCursor":${JSON.stringify(page.nextCursor)}}`);
});

export const POST = route({ roles: ["customer"] }, async (request, actor, _params, call) => {
  // The header is checked first: a malformed key must not be mistaken for "no key".
  const key = idempotencyKeyOf(request);
  const body = expectObject(await readJsonBody(request), '{ "country": "NL", "numberType": "geographic", … }');
  const unknown = unknownFieldErrors(CreatePortingRequestBody, body);
  if (unknown) throw new ValidationError(unknown);
  // The uploads' shape here; which of them exist, are unused and fit the country, in the verb.
  const refs = documentRefsField.optional().safeParse(body.documents);
  if (!refs.success) throw new ValidationError(prefixed("documents", apiFieldErrors(refs.error)));

  const create = async (commit?: CommitResponse) => {
    // The verb validates everything (fields, profile, numbers against the database) in one pass;
    // with an Idempotency-Key, the response is stored in the create's own transaction.
    let response: StoredResponse | undefined;
    await createPortingRequest(actor, body as CreatePortingRequestInput, undefined, {
      ...(refs.data ? { documents: documentRefSources(refs.data) } : {}),
      documentsVia: "api",
      beforeCommit: async (tx, dto) => {
        response = { status: 201, body: JSON.stringify(portingRequestJson(dto)) };
        await commit?.(tx, response);
      },
    });
    if (!response) throw new Error("createPortingRequest returned without its response");
    return response;
  };

  const { response, replayed } =
    key && call.apiKeyId
      ? await withIdempotency({ apiKeyId: call.apiKeyId, key, fingerprint: requestFingerprint("POST", PATH, body) }, create)
      : { response: await create(), replayed: false };

  const id = (JSON.parse(response.body) as { id?: string }).id;
  return new Response(response.body, {
    status: response.status,
    headers: {
      "content-type": "application/json",
      "cache-control": "no-store",
      ...(id ? { location: `${PATH}/${id}` } : {}),
      ...(replayed ? { "idempotent-replayed": "true" } : {}),
    },
  });
});

function prefixed(field: string, errors: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(errors).map(([key, messages]) => [key ? `${field}.${key}` : field, messages]));
}
