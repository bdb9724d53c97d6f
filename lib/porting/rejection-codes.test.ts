import { describe, expect, test } from "vitest";
import { COUNTRIES } from "./countries";
import {
  REJECTION_CATALOGUE,
  REJECTION_CODES,
  REJECTION_CODE_LIST,
  describeRejectionCodes,
  flaggedParts,
  isNumberCode,
  rejectionCodeInfo,
} from "./rejection-codes";
import { rejectionCodesInput } from "./rejection-code-input";
import { DOCUMENT_KINDS } from "./values";

// The rejection-code catalogue (issue 14 item 1) as data: what every code says and points at,
// the input support sends, and where each problem shows on the pages.

describe("the catalogue", () => {
  test("the codes the issue asks for, each with a label, a customer-facing explanation and a target that exists", () => {
    expect(REJECTION_CODES).toEqual(
      expect.arrayContaining([
        "company_name",
        "registration_number",
        "address",
        "authorised_representative",
        "letter_of_authorisation",
        "invoice",
        "number_not_with_provider",
        "incomplete_number_block",
        "contract_term",
        "numbers_not_portable",
        "other",
      ]),
    );
    const profileFields = new Set(Object.values(COUNTRIES).flatMap((c) => c.profileFields.map((f) => f.field)));
    for (const info of REJECTION_CODE_LIST) {
      expect(info.label.length, info.code).toBeGreaterThan(2);
      expect(info.description, info.code).toMatch(/\.$/);
      if (info.pointsAt.type === "company_profile") for (const f of info.pointsAt.fields) expect(profileFields, `${info.code} ${f}`).toContain(f);
      if (info.pointsAt.type === "document") expect(DOCUMENT_KINDS).toContain(info.pointsAt.documentKind);
    }
    expect(REJECTION_CODES.filter(isNumberCode)).toEqual(["number_not_with_provider", "incomplete_number_block", "numbers_not_portable"]);
    // A stored code the catalogue no longer knows still reads as something (never thrown away).
    expect(rejectionCodeInfo("retired_code")).toMatchObject({ code: "other", label: "Other" });
  });

  test("support's input: a code alone or with numbers; anything else names the entry", () => {
    expect(rejectionCodesInput.parse(["address", { code: "numbers_not_portable", numbers: ["020 123 4567"] }, { code: "other" }])).toEqual([
      { code: "address", numbers: null },
      { code: "numbers_not_portable", numbers: ["020 123 4567"] },
      { code: "other", numbers: null },
    ]);
    for (const bad of [["nope"], [{ code: "address", extra: 1 }], "address", [{ code: "numbers_not_portable", numbers: [""] }]]) {
      expect(rejectionCodesInput.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  test("each problem is placed where the pages show it", () => {
    const problems = describeRejectionCodes([
      { code: "address", numbers: [] },
      { code: "invoice", numbers: [] },
      { code: "numbers_not_portable", numbers: ["+31201234567"] },
      { code: "current_provider", numbers: [] },
      { code: "contract_term", numbers: [] },
      { code: "other", numbers: [] },
    ]);
    const parts = flaggedParts(problems);
    expect([...parts.profileFields.keys()]).toEqual(["street", "postalCode", "city", "addressCountry"]);
    expect(parts.documents.get("invoice")?.map((p) => p.code)).toEqual(["invoice"]);
    expect(parts.numbers.get("+31201234567")?.[0]?.label).toBe(REJECTION_CATALOGUE.numbers_not_portable.label);
    expect([parts.currentProvider.length, parts.contract.length, parts.other.length]).toEqual([1, 1, 1]);
  });
});
