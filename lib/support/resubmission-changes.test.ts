import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { getDb } from "@/db";
import { companyProfiles } from "@/db/schema";
import { ForbiddenError } from "@/lib/errors";
import { resubmitPortingRequest } from "@/lib/porting/resubmit-porting-request";
import { transitionPortingRequest } from "@/lib/porting/transition-porting-request";
import { formatNumber } from "@/lib/porting/numbers";
import { createCompanyProfile, createRequest, createSupport, createTenant, nextNumber, testPdf } from "@/test/factories";
import { getResubmissionComparison } from "./resubmission-changes";

// What support sees on a corrected request: the changes since the rejection, field by field,
// with the profile compared to what the rejection saw (profiles are edited in place) and the
// documents by their bytes.

describe("what changed since the rejection", () => {
  test("changed fields, flagged parts (changed or not), the same files; support only; none for a first request", async () => {
    const { customer } = await createTenant("NL");
    const support = await createSupport();
    const profile = await createCompanyProfile(customer.accountId, "NL", { companyName: "Acme Old B.V.", city: "Amsterdam" });
    const [kept, dropped] = [nextNumber(), nextNumber()];
    const original = await createRequest(customer, { companyProfileId: profile.id, phoneNumbers: [kept!, dropped!] }, [
      { kind: "letter_of_authorisation", filename: "loa.pdf", data: testPdf("signed") },
    ]);
    await transitionPortingRequest(support, {
      id: original.id,
      action: "reject",
      reason: "Name and one number differ; the letter is unsigned.",
      rejectionCodes: ["company_name", { code: "number_not_with_provider", numbers: [dropped!] }, "letter_of_authorisation"],
    });
    // The customer fixes the name in the profile itself, drops the number, keeps the same letter.
    await getDb().update(companyProfiles).set({ companyName: "Acme B.V." }).where(eq(companyProfiles.id, profile.id));
    const corrected = await resubmitPortingRequest(customer, original.id, { phoneNumbers: [kept!], comment: "Fixed the name" });

    expect(await getResubmissionComparison(support, original.id)).toBeNull();
    await expect(getResubmissionComparison(customer, corrected.id)).rejects.toBeInstanceOf(ForbiddenError);

    const comparison = (await getResubmissionComparison(support, corrected.id))!;
    expect(comparison.original).toMatchObject({ id: original.id, reference: original.reference, reason: "Name and one number differ; the letter is unsigned." });
    expect(comparison.original.rejectionCodes.map((c) => c.code)).toEqual(["company_name", "number_not_with_provider", "letter_of_authorisation"]);
    const byKey = Object.fromEntries(comparison.rows.map((r) => [r.key, r]));
    expect(byKey["profile.companyName"]).toMatchObject({ before: "Acme Old B.V.", after: "Acme B.V.", changed: true, flaggedBy: ["Company name"] });
    expect(byKey.numbers).toMatchObject({ changed: true, flaggedBy: ["Number not with this provider"], note: `Removed ${formatNumber(dropped!)}` });
    expect(byKey.comment).toMatchObject({ before: null, after: "Fixed the name", changed: true, flaggedBy: [] });
    expect(byKey["document.letter_of_authorisation"]).toMatchObject({ changed: false, after: "loa.pdf (the same file)", flaggedBy: ["Letter of authorisation missing or invalid"] });
    // Unchanged and never flagged: not listed.
    expect(byKey.currentProvider).toBeUndefined();
    expect(byKey["profile.city"]).toBeUndefined();
    expect(comparison.unchangedFlagged).toBe(1);
  });
});
