import { describe, expect, test } from "vitest";
import type { CompanyProfile } from "@/db/schema";
import { COUNTRY_LIST, findCountry, numberTypeSupport, profileFieldLabel, publicCountryRequirements } from "./countries";
import { checkProfileRequirements, type ProfileForRequirements } from "./profile-requirements";
import { COUNTRY_NAMES, COUNTRY_OPTIONS, NUMBER_TYPE_LABELS, countryName } from "./country-names";
import { STATUSES, STATUS_LIST, isFinalStatus, statusAppliesTo, statusDescription, statusesForCountry } from "./statuses";
import { PORTING_STATUSES } from "./values";

describe("statuses", () => {
  test("the seven statuses of the spec, with its labels, in its order", () => {
    expect(STATUS_LIST.map((s) => [s.id, s.label])).toEqual([
      ["requested", "Requested"],
      ["in_progress", "In progress"],
      ["delayed", "Delayed"],
      ["ready_to_be_ported", "Ready to be ported"],
      ["blocked", "Blocked"],
      ["cancelled", "Cancelled"],
      ["completed", "Completed"],
    ]);
    for (const s of STATUS_LIST) expect(s.description).not.toMatch(/Only for NL/);
    expect(STATUSES.delayed.description).toMatch(/^There has been a delay/);
  });

  test("Delayed and Ready to be ported are NL only; final are completed, blocked, cancelled", () => {
    expect(statusesForCountry("DE").map((s) => s.id)).toEqual(["requested", "in_progress", "blocked", "cancelled", "completed"]);
    expect(statusesForCountry("NL")).toHaveLength(7);
    expect(statusAppliesTo("delayed", "NL")).toBe(true);
    expect(PORTING_STATUSES.filter(isFinalStatus)).toEqual(["blocked", "cancelled", "completed"]);
    expect(new Set(STATUS_LIST.map((s) => s.badge)).size).toBe(7);
  });
});

describe("country catalogue", () => {
  test("the names and labels list pages import apart from the catalogue agree with it, as does each country's flow with the statuses it reaches", () => {
    for (const c of COUNTRY_LIST) {
      expect(COUNTRY_NAMES[c.code]).toBe(c.name);
      expect(countryName(c.code.toLowerCase())).toBe(c.name);
      expect(statusAppliesTo("ready_to_be_ported", c.code)).toBe(c.nlFlow);
      for (const type of c.numberTypes) expect(NUMBER_TYPE_LABELS[type.type]).toBe(type.label);
    }
    expect(COUNTRY_OPTIONS.map((c) => c.code)).toEqual(COUNTRY_LIST.map((c) => c.code));
    expect(countryName("US")).toBe("United States");
    expect(statusDescription("cancelled", "DE")).toBe("You cancelled the request.");
    expect(statusDescription("cancelled", "NL")).toBe(STATUSES.cancelled.description);
  });

  test("six countries; NL runs the Dutch flow, has no preferred date and has contract scenarios", () => {
    expect(COUNTRY_LIST.map((c) => c.code)).toEqual(["NL", "BE", "DE", "GB", "FR", "ES"]);
    const nl = findCountry("nl");
    expect(nl).toMatchObject({ nlFlow: true, preferredDateAllowed: false, dialCode: "+31", defaultContractScenario: "switch_at_contract_end" });
    for (const c of COUNTRY_LIST.filter((c) => c.code !== "NL")) {
      expect(c).toMatchObject({ nlFlow: false, preferredDateAllowed: true, contractScenarios: null });
    }
    expect(findCountry("US")).toBeUndefined();
  });

  test("mobile is refused everywhere with a reason; every country lists all four types", () => {
    for (const c of COUNTRY_LIST) {
      expect(c.numberTypes.map((t) => t.type).sort()).toEqual(["geographic", "mobile", "national", "toll_free"]);
      const mobile = numberTypeSupport(c.code, "mobile");
      expect(mobile.supported).toBe(false);
      if (!mobile.supported) expect(mobile.reason).toMatch(/can't be ported/);
    }
    expect(numberTypeSupport("NL", "toll_free")).toMatchObject({ supported: true, leadTime: "About 30 business days." });
  });

  test("labels per country; documents; JSON-safe public view", () => {
    expect(profileFieldLabel("NL", "registrationNumber")).toBe("KvK number");
    expect(profileFieldLabel("DE", "registrationNumber")).toMatch(/Handelsregister/);
    expect(profileFieldLabel("GB", "registrationNumber")).toBe("Companies House number");
    for (const c of COUNTRY_LIST) {
      expect(c.documents.find((d) => d.kind === "letter_of_authorisation")?.required).toBe(true);
      expect(c.documents.find((d) => d.kind === "invoice")?.required).toBe(false);
    }
    const json = JSON.parse(JSON.stringify(publicCountryRequirements("NL")));
    expect(json.profileFields.find((f: { field: string }) => f.field === "registrationNumber").format).toMatchObject({ pattern: "^\\d{8}$", example: "12345678" });
    expect(json.contractScenarios[0]).toMatchObject({ id: "switch_at_contract_end", label: expect.any(String) });
  });
});

const nlProfile: ProfileForRequirements = {
  name: "Acme",
  companyName: "Acme B.V.",
  registrationNumber: "1234 5678",
  vatNumber: null,
  representativeFirstName: "Anna",
  representativeLastName: "de Vries",
  representativePhone: null,
  street: "Herengracht 1",
  postalCode: "1015ba",
  city: "Amsterdam",
  addressCountry: "NL",
  country: "NL",
  numberTypes: ["geographic", "national"] as CompanyProfile["numberTypes"],
  notificationEmails: ["ops@acme.test"],
};

describe("checkProfileRequirements", () => {
  test("a complete Dutch profile passes", () => {
    expect(checkProfileRequirements(nlProfile, "NL", "geographic")).toEqual({ ok: true, missing: [], problems: [] });
  });

  test("names every missing or malformed field with the country's label", () => {
    const result = checkProfileRequirements(
      { ...nlProfile, registrationNumber: "1234567", representativeLastName: " ", postalCode: "AB 1234", notificationEmails: [] },
      "NL",
      "geographic",
    );
    expect(result.ok).toBe(false);
    expect(result.missing).toEqual(["representativeLastName", "notificationEmails"]);
    expect(result.problems.map((p) => [p.field, p.kind])).toEqual([
      ["registrationNumber", "format"],
      ["representativeLastName", "missing"],
      ["postalCode", "format"],
      ["notificationEmails", "missing"],
    ]);
    expect(result.problems[0]?.message).toBe('KvK number "1234567" in the company profile "Acme" is not valid: expected 8 digits, such as 12345678.');
  });

  test("the number type must be one the profile operates; NL always needs a Dutch address", () => {
    expect(checkProfileRequirements(nlProfile, "NL", "toll_free").problems[0]?.field).toBe("numberTypes");
    const abroad = checkProfileRequirements({ ...nlProfile, addressCountry: "BE", postalCode: "1000" }, "NL", "national");
    expect(abroad.problems.map((p) => p.field)).toEqual(["addressCountry"]);
  });

  test("elsewhere only geographic numbers need a domestic address", () => {
    const de: ProfileForRequirements = {
      ...nlProfile,
      country: "DE",
      registrationNumber: "HRB 12345",
      vatNumber: "DE123456789",
      representativeFirstName: null,
      representativeLastName: null,
      addressCountry: "AT",
      postalCode: "1010",
      numberTypes: ["geographic", "toll_free"] as CompanyProfile["numberTypes"],
    };
    expect(checkProfileRequirements(de, "DE", "toll_free").ok).toBe(true);
    expect(checkProfileRequirements(de, "DE", "geographic").problems.map((p) => p.message)).toEqual([
      'The address of the company profile "Acme" must be in Germany for geographic numbers; it is in Austria.',
    ]);
    expect(checkProfileRequirements({ ...de, vatNumber: null, registrationNumber: "12345" }, "DE", "toll_free").problems.map((p) => p.field)).toEqual([
      "registrationNumber",
      "vatNumber",
    ]);
  });

  test.each([
    ["BE", { registrationNumber: "0123.456.789", vatNumber: "BE 0123.456.789", postalCode: "1000" }],
    ["GB", { registrationNumber: "SC123456", postalCode: "SW1A 1AA" }],
    ["FR", { registrationNumber: "732 829 320 00074", postalCode: "75001" }],
    ["ES", { registrationNumber: "B-12345678", postalCode: "28013" }],
  ] as const)("%s registration formats", (country, fields) => {
    const profile = { ...nlProfile, country, addressCountry: country, representativeFirstName: null, representativeLastName: null, ...fields };
    expect(checkProfileRequirements(profile, country, "geographic").problems).toEqual([]);
  });
});
