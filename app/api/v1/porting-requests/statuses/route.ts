// GET /api/v1/porting-requests/statuses — Get Porting Request Statuses: the seven, with labels, descriptions fitted to a country, and countries.
// A static segment: Next.js matches it before the dynamic [id] next to it.
import { getOwnAccount } from "@/lib/accounts";
import { parseStrict } from "@/lib/api/body";
import { json, queryOf } from "@/lib/api/json";
import { route } from "@/lib/api/route";
import { StatusesQuery } from "@/lib/api/schemas";
import { statusesJson } from "@/lib/api/serializers";
import { findCountry } from "@/lib/porting/countries";

export const GET = route({ roles: ["customer", "support"] }, async (request, actor) => {
  const query = parseStrict(StatusesQuery, queryOf(request));
  // A customer's descriptions fit its own account's country unless it asks for another.
  const country = query.country ?? (actor.role === "customer" ? (findCountry((await getOwnAccount(actor)).country)?.code ?? null) : null);
  return json({ country, data: statusesJson(country) });
});
