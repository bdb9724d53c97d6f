// GET /api/v1/company-profiles — the account's company profiles, each checked against its country's requirements.
// POST /api/v1/company-profiles — a new company profile (it may be incomplete; it then says what is missing).
import { expectObject, parseStrict, readJsonBody, unknownFieldErrors } from "@/lib/api/body";
import { json, queryOf } from "@/lib/api/json";
import { pageInMemory } from "@/lib/api/lists";
import { route } from "@/lib/api/route";
import { CreateCompanyProfileBody, ListQuery } from "@/lib/api/schemas";
import { companyProfileJson } from "@/lib/api/serializers";
import { createCompanyProfile } from "@/lib/company-profiles/create-company-profile";
import { listCompanyProfiles } from "@/lib/company-profiles/list-company-profiles";
import type { CompanyProfileInput } from "@/lib/company-profiles/schemas";
import { ValidationError } from "@/lib/errors";

export const GET = route({ roles: ["customer"] }, async (request, actor) => {
  const query = parseStrict(ListQuery, queryOf(request));
  const profiles = (await listCompanyProfiles(actor)).map(companyProfileJson);
  return json(pageInMemory(profiles, query));
});

export const POST = route({ roles: ["customer"] }, async (request, actor) => {
  const body = expectObject(await readJsonBody(request), '{ "name": "Head office", "companyName": "…", … }');
  const unknown = unknownFieldErrors(CreateCompanyProfileBody, body);
  if (unknown) throw new ValidationError(unknown);
  const profile = companyProfileJson(await createCompanyProfile(actor, body as CompanyProfileInput));
  return json(profile, { status: 201, headers: { location: `/api/v1/company-profiles/${profile.id}` } });
});
