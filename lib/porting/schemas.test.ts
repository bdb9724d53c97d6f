import { describe, expect, test } from "vitest";
import { createPortingRequestSchema, transitionPortingRequestSchema, withinPortingWindow } from "./schemas";
import { fieldErrorsFromZod } from "@/lib/shared/validation";

const base = {
  country: "DE",
  numberType: "geographic",
  companyProfileId: "6f1c1d7e-3b7a-4c9e-9a53-2b1f0c8d9e10",
  phoneNumbers: ["030 1234567"],
  currentProvider: "Telekom",
};

describe("createPortingRequestSchema", () => {
  test("form-style empty strings become null; NL gets the default contract scenario", () => {
    const parsed = createPortingRequestSchema.parse({ ...base, country: "NL", preferredPortingDate: "", distributionGroupId: "", callbackUrl: "", comment: "" });
    expect(parsed).toMatchObject({ preferredPortingDate: null, contractScenario: "switch_at_contract_end", distributionGroupId: null, callbackUrl: null, comment: null });
    expect(createPortingRequestSchema.parse(base).contractScenario).toBeNull();
  });

  test("field errors are keyed per number", () => {
    const result = createPortingRequestSchema.safeParse({ ...base, phoneNumbers: ["030 1234567", "  ", "x".repeat(65)] });
    expect(result.success).toBe(false);
    if (!result.success) expect(Object.keys(fieldErrorsFromZod(result.error))).toEqual(["phoneNumbers.1", "phoneNumbers.2"]);
  });

  test("the 06:00–20:00 UTC window, with offsets converted to UTC", () => {
    expect(withinPortingWindow(new Date("2030-05-14T06:00:00Z"))).toBe(true);
    expect(withinPortingWindow(new Date("2030-05-14T20:00:00Z"))).toBe(true);
    expect(withinPortingWindow(new Date("2030-05-14T20:00:01Z"))).toBe(false);
    expect(withinPortingWindow(new Date("2030-05-14T05:59:59Z"))).toBe(false);
    const parsed = createPortingRequestSchema.parse({ ...base, preferredPortingDate: "2030-05-14T09:30:00+02:00" });
    expect(parsed.preferredPortingDate?.toISOString()).toBe("2030-05-14T07:30:00.000Z");
    expect(createPortingRequestSchema.safeParse({ ...base, preferredPortingDate: "2030-05-14T23:30:00+02:00" }).success).toBe(false);
  });
});

describe("transitionPortingRequestSchema", () => {
  test("exactly one of action and to", () => {
    expect(transitionPortingRequestSchema.safeParse({ id: "x" }).success).toBe(false);
    expect(transitionPortingRequestSchema.safeParse({ id: "x", action: "accept", to: "in_progress" }).success).toBe(false);
    expect(transitionPortingRequestSchema.safeParse({ id: "x", to: "in_progress", expectedVersion: "3" }).data?.expectedVersion).toBe(3);
  });
});
