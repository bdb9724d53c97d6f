// GET /api/v1/company-profiles/{id} — one company profile of the account.
// PATCH /api/v1/company-profiles/{id} — change some fields (absent stay, null clears); checked as a whole.
// DELETE /api/v1/company-profiles/{id} — delete a profile no porting request names (else 409).
import { expectObject, readJsonBody, unknownFieldErrors } from "@/lib/api/body";
import { json } from "@/lib/api/json";
import { route } from "@/lib/api/route";
import { UpdateCompanyProfileBody } from "@/lib/api/schemas";
import { companyProfileJson } from "@/lib/api/serializers";
import { deleteCompanyProfile } from "@/lib/company-profiles/delete-company-profile";
import { getCompanyProfile } from "@/lib/company-profiles/get-company-profile";
import type { CompanyProfilePatch } from "@/lib/company-profiles/schemas";
import { updateCompanyProfile } from "@/lib/company-profiles/update-company-profile";
import { ValidationError } from "@/lib/errors";

type Params = { id: string };

export const GET = route<"customer", Params>({ roles: ["customer"] }, async (_request, actor, { id }) => {
  return json(companyProfileJson(await getCompanyProfile(actor, id)));
});

export const PATCH = route<"customer", Params>({ roles: ["customer"] }, async (request, actor, { id }) => {
  const body = expectObject(await readJsonBody(request), '{ "city": "Amsterdam" }');
  const unknown = unknownFieldErrors(UpdateCompanyProfileBody, body);
  if (unknown) throw new ValidationError(unknown);
  return json(companyProfileJson(await updateCompanyProfile(actor, id, body as CompanyProfilePatch)));
});

export const DELETE = route<"customer", Params>({ roles: ["customer"] }, async (_request, actor, { id }) => {
  await deleteCompanyProfile(actor, id);
  return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
});
