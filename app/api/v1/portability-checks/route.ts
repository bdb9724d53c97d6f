// POST /api/v1/portability-checks — customers: { phoneNumbers, country? } → per number, in order, whether we can port it from this account and what a request needs. Stores nothing.
import { expectObject, parseStrict, readJsonBody } from "@/lib/api/body";
import { json } from "@/lib/api/json";
import { PortabilityCheckBody } from "@/lib/api/portability-schemas";
import { route } from "@/lib/api/route";
import { checkPortability } from "@/lib/porting/check-portability";

export const POST = route<"customer">({ roles: ["customer"] }, async (request, actor) => {
  const body = parseStrict(PortabilityCheckBody, expectObject(await readJsonBody(request), '{ "phoneNumbers": ["+31 20 123 4567"] }'));
  return json({ data: await checkPortability(actor, { phoneNumbers: body.phoneNumbers, country: body.country ?? null }) });
});
