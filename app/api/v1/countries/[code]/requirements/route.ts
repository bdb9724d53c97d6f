// GET /api/v1/countries/{code}/requirements — what a porting request in that country needs, per number type.
import { json } from "@/lib/api/json";
import { HttpProblem } from "@/lib/api/problem";
import { route } from "@/lib/api/route";
import { countryRequirementsJson } from "@/lib/api/serializers";
import { findCountry } from "@/lib/porting/countries";
import { COUNTRY_CODES } from "@/lib/porting/values";

export const GET = route<"customer" | "support", { code: string }>({ roles: ["customer", "support"] }, async (_request, _actor, { code }) => {
  const country = findCountry(code);
  if (!country) {
    throw new HttpProblem(404, `We don't port numbers from “${code.slice(0, 10)}”. The countries are ${COUNTRY_CODES.join(", ")}.`);
  }
  return json(countryRequirementsJson(country.code));
});
