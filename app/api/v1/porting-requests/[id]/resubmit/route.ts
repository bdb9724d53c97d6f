// POST /api/v1/porting-requests/{id}/resubmit — a corrected request from a Blocked one: any create field to change, the rest (documents too) copied; honours Idempotency-Key.
import { apiFieldErrors, expectObject, readJsonBody, unknownFieldErrors } from "@/lib/api/body";
import { idempotencyKeyOf, requestFingerprint, withIdempotency, type CommitResponse, type StoredResponse } from "@/lib/api/idempotency";
import { route } from "@/lib/api/route";
import { ResubmitPortingRequestBody } from "@/lib/api/schemas";
import { ValidationError } from "@/lib/errors";
import { documentRefSources, documentRefsField } from "@/lib/porting/document-refs";
import { resubmitPortingRequest } from "@/lib/porting/resubmit-porting-request";
import type { CreatePortingRequestInput } from "@/lib/porting/schemas";
import { portingRequestJson } from "@/lib/porting/serialize";

export const POST = route<"customer", { id: string }>({ roles: ["customer"] }, async (request, actor, { id }, call) => {
  // The header is checked first: a malformed key must not be mistaken for "no key".
  const key = idempotencyKeyOf(request);
  const raw = await readJsonBody(request, { optional: true });
  const body = raw === undefined ? {} : expectObject(raw, '{ "phoneNumbers": ["+31 20 123 4567"] } (or {} to resubmit as it was)');
  const unknown = unknownFieldErrors(ResubmitPortingRequestBody, body);
  if (unknown) throw new ValidationError(unknown);
  // New uploads replace the Blocked request's documents of their kinds; the rest are copied.
  const refs = documentRefsField.optional().safeParse(body.documents);
  if (!refs.success) throw new ValidationError(prefixed("documents", apiFieldErrors(refs.error)));
  const { documents: _documents, ...changes } = body;

  const resubmit = async (commit?: CommitResponse) => {
    // The verb copies the Blocked request, applies the changes and validates the whole as a create;
    // with an Idempotency-Key the response is stored in the new request's own transaction.
    let response: StoredResponse | undefined;
    await resubmitPortingRequest(actor, id, changes as Partial<CreatePortingRequestInput>, undefined, {
      replacingUploads: documentRefSources(refs.data),
      documentsVia: "api",
      beforeCommit: async (tx, dto) => {
        response = { status: 201, body: JSON.stringify(portingRequestJson(dto)) };
        await commit?.(tx, response);
      },
    });
    if (!response) throw new Error("resubmitPortingRequest returned without its response");
    return response;
  };

  const path = `/api/v1/porting-requests/${id}/resubmit`;
  const { response, replayed } =
    key && call.apiKeyId
      ? await withIdempotency({ apiKeyId: call.apiKeyId, key, fingerprint: requestFingerprint("POST", path, body) }, resubmit)
      : { response: await resubmit(), replayed: false };

  const created = (JSON.parse(response.body) as { id?: string }).id;
  return new Response(response.body, {
    status: response.status,
    headers: {
      "content-type": "application/json",
      "cache-control": "no-store",
      ...(created ? { location: `/api/v1/porting-requests/${created}` } : {}),
      ...(replayed ? { "idempotent-replayed": "true" } : {}),
    },
  });
});

function prefixed(field: string, errors: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(errors).map(([key, messages]) => [key ? `${field}.${key}` : field, messages]));
}
