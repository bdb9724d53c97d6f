// POST /api/v1/accounts — support creates a customer account (name, country).
// GET /api/v1/accounts — support lists every account, newest first, keyset paged.
import { expectObject, parseStrict, readJsonBody } from "@/lib/api/body";
import { json, queryOf } from "@/lib/api/json";
import { route } from "@/lib/api/route";
import { createAccount, listAccounts } from "@/lib/accounts/accounts";
import { createAccountSchema, pageQuerySchema } from "@/lib/accounts/schemas";

export const POST = route({ roles: ["support"] }, async (request, actor) => {
  const body = parseStrict(createAccountSchema.strict(), expectObject(await readJsonBody(request), '{ "name": "Acme B.V.", "country": "NL" }'));
  const account = await createAccount(actor, body);
  return json(account, { status: 201, headers: { location: `/api/v1/accounts/${account.id}` } });
});

export const GET = route({ roles: ["support"] }, async (request, actor) => {
  return json(await listAccounts(actor, parseStrict(pageQuerySchema.strict(), queryOf(request))));
});
