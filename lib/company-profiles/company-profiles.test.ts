import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { getDb } from "@/db";
import { companyProfiles } from "@/db/schema";
import type { CustomerActor } from "@/lib/auth/actor";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { createCompanyProfile as insertProfile, createSupport, createTenant, insertRequestInStatus, randomId } from "@/test/factories";
import { createCompanyProfile } from "./create-company-profile";
import { deleteCompanyProfile } from "./delete-company-profile";
import { getCompanyProfile } from "./get-company-profile";
import { profileRequirements } from "./dto";
import { listCompanyProfiles } from "./list-company-profiles";
import type { CompanyProfileInput } from "./schemas";
import { updateCompanyProfile } from "./update-company-profile";

const validNl = (overrides: Partial<CompanyProfileInput> = {}): CompanyProfileInput => ({
  name: "Head office",
  companyName: "Acme B.V.",
  registrationNumber: "34123456",
  vatNumber: "NL123456789B01",
  representativeFirstName: "Anna",
  representativeLastName: "de Vries",
  representativePhone: "+31 6 12345678",
  street: "Herengracht 182",
  postalCode: "1016 BR",
  city: "Amsterdam",
  addressCountry: "NL",
  country: "NL",
  numberTypes: ["geographic", "national"],
  notificationEmails: ["ops@acme.test"],
  ...overrides,
});

async function validationErrors(promise: Promise<unknown>): Promise<Record<string, string[]>> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).fieldErrors;
}

let anna: CustomerActor;
let otto: CustomerActor;

beforeAll(async () => {
  anna = (await createTenant("NL", "Acme B.V.")).customer;
  otto = (await createTenant("DE", "Other GmbH")).customer;
});

describe("createCompanyProfile", () => {
  test("a complete Dutch profile meets the requirements and is stored normalised", async () => {
    const profile = await createCompanyProfile(
      anna,
      validNl({
        name: "Normalised",
        registrationNumber: " 3412.3456 ",
        postalCode: "1016br",
        vatNumber: "nl 1234.56789.b01",
        representativePhone: "06-12345678",
        notificationEmails: [" Ops@Acme.TEST ", "anna@acme.test", "ops@acme.test"],
        numberTypes: ["national", "geographic", "national"],
      }),
    );
    expect(profile).toMatchObject({
      name: "Normalised",
      registrationNumber: "34123456",
      vatNumber: "NL123456789B01",
      representative: { firstName: "Anna", lastName: "de Vries", phone: "+31612345678" },
      address: { street: "Herengracht 182", postalCode: "1016BR", city: "Amsterdam", country: "NL" },
      country: "NL",
      numberTypes: ["geographic", "national"],
      notificationEmails: ["ops@acme.test", "anna@acme.test"],
      meetsRequirements: true,
      missingRequirements: [],
      requirementProblems: [],
      portingRequestsCount: 0,
    });
    expect(profile.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  test("an incomplete profile is saved and says what is missing, in the country's words", async () => {
    const profile = await createCompanyProfile(
      anna,
      validNl({ name: "Rotterdam branch", registrationNumber: "", street: null, city: undefined }),
    );
    expect(profile.meetsRequirements).toBe(false);
    expect(profile.missingRequirements).toEqual(["registrationNumber", "street", "city"]);
    expect(profile.requirementProblems.map((p) => p.message)).toEqual([
      expect.stringContaining("KvK number is missing"),
      expect.stringContaining("Street and house number is missing"),
      expect.stringContaining("City is missing"),
    ]);
  });

  test("a foreign address makes a Dutch profile fall short, and its postal code is not held to the Dutch format", async () => {
    const profile = await createCompanyProfile(anna, validNl({ name: "Berlin address", addressCountry: "DE", postalCode: "10117" }));
    expect(profile.meetsRequirements).toBe(false);
    expect(profile.missingRequirements).toEqual(["addressCountry"]);
    expect(profile.requirementProblems[0]?.message).toContain("must be in the Netherlands");
  });

  test("every bad field is named at once, with the country's format and an example", async () => {
    const errors = await validationErrors(
      createCompanyProfile(anna, {
        name: " ",
        companyName: "",
        registrationNumber: "1234",
        vatNumber: "x".repeat(51),
        representativePhone: "12",
        postalCode: "12345",
        addressCountry: "XX",
        country: "NL",
        numberTypes: ["geographic", "mobile"],
        notificationEmails: ["ok@acme.test", "not-an-email", ""],
      }),
    );
    expect(errors).toEqual({
      name: [expect.stringContaining("Give the profile a name")],
      companyName: [expect.stringContaining("company name")],
      registrationNumber: ["KvK number must be 8 digits, such as 12345678."],
      vatNumber: [expect.stringContaining("under 50 characters")],
      representativePhone: [expect.stringContaining("valid phone number")],
      addressCountry: [expect.stringContaining("two-letter code")],
      numberTypes: [expect.stringContaining("Dutch mobile numbers (06) can't be ported")],
      "notificationEmails.1": ["Enter a valid email address, such as porting@example.com."],
      "notificationEmails.2": ["Enter an email address here, or remove this row."],
    });
  });

  test("the Dutch postal code format applies to a Dutch address", async () => {
    const errors = await validationErrors(createCompanyProfile(anna, validNl({ postalCode: "12345" })));
    expect(errors).toEqual({ postalCode: ["Postal code must be 4 digits and 2 letters, such as 1234 AB."] });
  });

  test("other countries' formats: Belgian VAT, German register number, UK postcode", async () => {
    const be = await validationErrors(
      createCompanyProfile(anna, { ...validNl(), country: "BE", addressCountry: "BE", postalCode: "1000", registrationNumber: "0123.456.789", vatNumber: "NL123" }),
    );
    expect(be).toEqual({ vatNumber: ["VAT number must be BE and 10 digits, such as BE0123456789."] });
    const de = await validationErrors(
      createCompanyProfile(anna, { ...validNl(), country: "DE", addressCountry: "DE", postalCode: "10117", registrationNumber: "12345", vatNumber: "DE123456789", numberTypes: ["geographic"] }),
    );
    expect(de).toEqual({ registrationNumber: ["Commercial register number (Handelsregister) must be the register and number, such as HRB 12345."] });
    const gb = await validationErrors(
      createCompanyProfile(anna, { ...validNl(), country: "GB", addressCountry: "GB", postalCode: "1234", registrationNumber: "01234567", vatNumber: null }),
    );
    expect(gb).toEqual({ postalCode: ["Postal code must be a UK postcode, such as SW1A 1AA."] });
  });

  test("notification emails: at least one, at most ten", async () => {
    expect(await validationErrors(createCompanyProfile(anna, validNl({ notificationEmails: [] })))).toEqual({
      notificationEmails: [expect.stringContaining("at least one notification email")],
    });
    const eleven = Array.from({ length: 11 }, (_, i) => `ops${i}@acme.test`);
    expect(await validationErrors(createCompanyProfile(anna, validNl({ notificationEmails: eleven })))).toEqual({
      notificationEmails: ["At most 10 notification email addresses."],
    });
  });

  test("country and number types are required; an unknown country is named", async () => {
    const errors = await validationErrors(createCompanyProfile(anna, validNl({ country: "US" as "NL", numberTypes: [] })));
    expect(Object.keys(errors).sort()).toEqual(["country", "numberTypes"]);
  });

  test("a second profile with the same name (any case) is refused on the name", async () => {
    await createCompanyProfile(anna, validNl({ name: "Twins" }));
    expect(await validationErrors(createCompanyProfile(anna, validNl({ name: "twins" })))).toEqual({
      name: ["You already have a company profile named “twins”: choose another name."],
    });
    // Another account may use the name.
    await expect(
      createCompanyProfile(otto, { ...validNl({ name: "Twins" }), country: "DE", addressCountry: "DE", postalCode: "10117", registrationNumber: "HRB 1", vatNumber: "DE123456789", numberTypes: ["geographic"] }),
    ).resolves.toMatchObject({ meetsRequirements: true });
  });

  test("a support agent has no company profiles to create", async () => {
    const support = await createSupport();
    await expect(createCompanyProfile(support as unknown as CustomerActor, validNl())).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("updateCompanyProfile", () => {
  test("the missing KvK number: an invalid value is refused, a valid one makes it meet the requirements", async () => {
    const incomplete = await createCompanyProfile(anna, validNl({ name: "Fix me", registrationNumber: null }));
    expect(incomplete.missingRequirements).toEqual(["registrationNumber"]);
    expect(await validationErrors(updateCompanyProfile(anna, incomplete.id, { registrationNumber: "1234567" }))).toEqual({
      registrationNumber: ["KvK number must be 8 digits, such as 12345678."],
    });
    const fixed = await updateCompanyProfile(anna, incomplete.id, { registrationNumber: "87654321" });
    expect(fixed).toMatchObject({ registrationNumber: "87654321", meetsRequirements: true, missingRequirements: [] });
    expect(fixed.name).toBe("Fix me");
  });

  test("a partial change keeps the other fields; null clears an optional one", async () => {
    const profile = await createCompanyProfile(anna, validNl({ name: "Partial" }));
    const updated = await updateCompanyProfile(anna, profile.id, { name: "Partial renamed", vatNumber: null });
    expect(updated).toMatchObject({ name: "Partial renamed", vatNumber: null, registrationNumber: "34123456" });
    expect(updated.address.city).toBe("Amsterdam");
    expect(new Date(updated.updatedAt).getTime()).toBeGreaterThanOrEqual(new Date(profile.updatedAt).getTime());
  });

  test("required fields cannot be cleared", async () => {
    const profile = await createCompanyProfile(anna, validNl({ name: "Keep required" }));
    expect(Object.keys(await validationErrors(updateCompanyProfile(anna, profile.id, { companyName: "", notificationEmails: [] }))).sort()).toEqual([
      "companyName",
      "notificationEmails",
    ]);
  });

  test("moving a profile to another country checks the stored values against that country", async () => {
    const profile = await createCompanyProfile(anna, validNl({ name: "Moving" }));
    const errors = await validationErrors(updateCompanyProfile(anna, profile.id, { country: "DE" }));
    expect(errors.registrationNumber?.[0]).toContain("Commercial register number");
    expect(errors.numberTypes?.[0]).toContain("German national numbers");
    const [row] = await getDb().select().from(companyProfiles).where(eq(companyProfiles.id, profile.id));
    expect(row?.country).toBe("NL");
  });

  test("renaming onto another profile's name is refused; keeping one's own name (other case) is fine", async () => {
    await createCompanyProfile(anna, validNl({ name: "Taken" }));
    const profile = await createCompanyProfile(anna, validNl({ name: "Mine" }));
    expect(await validationErrors(updateCompanyProfile(anna, profile.id, { name: "TAKEN" }))).toEqual({
      name: [expect.stringContaining("already have a company profile named")],
    });
    await expect(updateCompanyProfile(anna, profile.id, { name: "MINE" })).resolves.toMatchObject({ name: "MINE" });
  });
});

describe("deleteCompanyProfile", () => {
  test("an unused profile is deleted", async () => {
    const profile = await createCompanyProfile(anna, validNl({ name: "Short-lived" }));
    await deleteCompanyProfile(anna, profile.id);
    await expect(getCompanyProfile(anna, profile.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  test("a profile any porting request names (even a finished one) is refused with a conflict naming it", async () => {
    const profile = await insertProfile(anna.accountId, "NL", { name: "In use" });
    const request = await insertRequestInStatus({ accountId: anna.accountId, status: "completed", companyProfileId: profile.id });
    const error = await deleteCompanyProfile(anna, profile.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).message).toBe(
      `“In use” is used by 1 porting request (${request.reference}), so it can't be deleted: a porting request keeps the company profile it was filed with.`,
    );
    expect((error as ConflictError).details).toEqual({ portingRequestsCount: 1 });
    await expect(getCompanyProfile(anna, profile.id)).resolves.toMatchObject({ portingRequestsCount: 1 });
  });
});

describe("tenant isolation", () => {
  test("another account's profile is NotFound for every verb, and nothing changes", async () => {
    const theirs = await insertProfile(otto.accountId, "DE", { name: "Theirs" });
    await expect(getCompanyProfile(anna, theirs.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateCompanyProfile(anna, theirs.id, { name: "Hijacked" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteCompanyProfile(anna, theirs.id)).rejects.toBeInstanceOf(NotFoundError);
    const [row] = await getDb().select().from(companyProfiles).where(eq(companyProfiles.id, theirs.id));
    expect(row?.name).toBe("Theirs");
    expect((await listCompanyProfiles(anna)).map((p) => p.id)).not.toContain(theirs.id);
  });

  test("unknown and malformed ids are NotFound, not a database error", async () => {
    await expect(getCompanyProfile(anna, randomId())).rejects.toBeInstanceOf(NotFoundError);
    await expect(getCompanyProfile(anna, "not-a-uuid")).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateCompanyProfile(anna, "1; drop table", {})).rejects.toBeInstanceOf(NotFoundError);
  });

  test("the list holds only the account's profiles, by name, with their request counts", async () => {
    const list = await listCompanyProfiles(otto);
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((p) => p.country === "DE")).toBe(true);
    const mine = await listCompanyProfiles(anna);
    expect(mine.map((p) => p.name)).toContain("Normalised");
    expect(mine.every((p) => p.country === "NL")).toBe(true);
  });
});

describe("profileRequirements (also run on the form as it is typed)", () => {
  test("without number types the fields are still checked, and the missing types are named first", () => {
    const result = profileRequirements({
      name: "Draft",
      companyName: "Acme B.V.",
      registrationNumber: null,
      vatNumber: null,
      representativeFirstName: null,
      representativeLastName: null,
      representativePhone: null,
      street: null,
      postalCode: "1234",
      city: null,
      addressCountry: "NL",
      country: "NL",
      numberTypes: [],
      notificationEmails: [],
    });
    expect(result.meetsRequirements).toBe(false);
    expect(result.missingRequirements).toEqual([
      "numberTypes",
      "registrationNumber",
      "representativeFirstName",
      "representativeLastName",
      "street",
      "postalCode",
      "city",
      "notificationEmails",
    ]);
    expect(result.requirementProblems.find((p) => p.field === "postalCode")?.message).toContain("expected 4 digits and 2 letters");
  });
});
