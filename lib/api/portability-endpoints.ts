import { PortabilityCheckBody, PortabilityCheckResult } from "./portability-schemas";
import type { Endpoint } from "./openapi";

// The portability check (issue 15 item 2), spread into ENDPOINTS by lib/api/openapi.ts.

export const portabilityCheckExample = {
  data: [
    {
      number: "+31201234567",
      input: "020 123 4567",
      valid: true,
      country: "NL",
      numberType: "geographic" as const,
      portable: true,
      reason: null,
      requirements: {
        country: "NL" as const,
        numberType: "geographic" as const,
        leadTime: "About 17 business days.",
        documents: [{ kind: "letter_of_authorisation" as const, label: "Letter of authorisation", required: true }],
        profileFields: [{ field: "companyName", label: "Company name" }],
        preferredDateAllowed: false,
        completion: "When the request is Ready to be ported, you perform the porting yourself.",
      },
    },
    { number: "+31612345678", input: "+31 6 12345678", valid: true, country: "NL", numberType: "mobile" as const, portable: false, reason: "+31 6 12345678: Mobile numbers can't be ported to our voice platform.", requirements: null },
    { number: "+31201234568", input: "+31201234568", valid: true, country: "NL", numberType: "geographic" as const, portable: false, reason: "Not portable from this account. Contact support if you think it should be.", requirements: null },
    { number: null, input: "12", valid: false, country: null, numberType: null, portable: false, reason: "\"12\" is too short for a phone number.", requirements: null },
  ],
};

export const PORTABILITY_ENDPOINTS: readonly Endpoint[] = [
  {
    method: "post",
    path: "/portability-checks",
    operationId: "checkPortability",
    tag: "Porting requests",
    summary: "Check portability",
    description:
      "Before ordering: for up to 500 numbers, in the order given, whether each is a valid number and of which type, whether we can port it from your account (a type we port in that country; not already on your voice account; not in an open request of yours; a number of another account only says “not portable from this account”, never whose), and what a request for it needs (documents, company profile fields, lead time). Nothing is stored or reserved: a create checks again.",
    roles: ["customer"],
    body: { schema: PortabilityCheckBody, required: true, example: { phoneNumbers: ["020 123 4567", "+31 6 12345678", "+31201234568", "12"], country: "NL" } },
    success: { status: 200, description: "One answer per number, in order.", schema: PortabilityCheckResult, example: portabilityCheckExample },
    errors: [401, 429, 400, 403, 413, 415, 422],
  },
];
