import { beforeAll, describe, expect, test } from "vitest";
import { REJECTION_CODES } from "@/lib/porting/rejection-codes";
import { createCompanyProfile, createDistributionGroup, insertRequestInStatus, nextNumber } from "@/test/factories";
import type { ContractContext } from "./contract-conversation";
import { uploadForm } from "./contract-conversation";

// The contract of structured rejections and resubmission (issue 14, items 1-2): the catalogue,
// rejecting with codes through POST /transitions, and POST /resubmit. Called from
// test/api/contract.test.ts so its "every documented status was exercised" check sees them.

export function rejectionsContract({ check, customerKey, supportKey, accountId }: ContractContext) {
  describe("rejections and resubmission", () => {
    let profileId: string;
    let groupId: string;
    beforeAll(async () => {
      profileId = (await createCompanyProfile(accountId(), "NL", { name: "Rejections profile" })).id;
      groupId = (await createDistributionGroup(accountId(), "Rejections group")).id;
    });

    test("the catalogue; a rejection needs codes; the Blocked request says what to fix", async () => {
      const catalogue = await check("listRejectionCodes", { key: customerKey() });
      const data = catalogue.body.data as { code: string; pointsAt: { type: string } }[];
      expect(data.map((c) => c.code)).toEqual([...REJECTION_CODES]);
      expect(data.find((c) => c.code === "address")?.pointsAt).toEqual({ type: "company_profile", fields: ["street", "postalCode", "city", "addressCountry"] });
      expect((await check("listRejectionCodes", { key: supportKey() })).body).toEqual(catalogue.body);

      const [first, second] = [nextNumber(), nextNumber()];
      const { id } = await insertRequestInStatus({ accountId: accountId(), status: "in_progress", companyProfileId: profileId, numbers: [first!, second!] });
      const reject = (json: Record<string, unknown>) => check("transitionPortingRequest", { key: supportKey(), params: { id }, json: { to: "blocked", ...json } });

      const missing = await reject({ reason: "Name differs." });
      expect(missing.status).toBe(422);
      expect(Object.keys(missing.body.errors as object)).toEqual(["rejectionCodes"]);
      const unknown = await reject({ reason: "x", rejectionCodes: ["bad_vibes"] });
      expect(unknown.status).toBe(422);
      expect(Object.keys(unknown.body.errors as object)).toEqual(["rejectionCodes.0"]);
      const notTheirs = await reject({ reason: "x", rejectionCodes: [{ code: "numbers_not_portable", numbers: ["+31 20 999 9999"] }] });
      expect(notTheirs.status).toBe(422);
      expect(Object.keys(notTheirs.body.errors as object)).toEqual(["rejectionCodes.0.numbers.0"]);

      const blocked = await reject({
        reason: "Name and one number differ.",
        rejectionCodes: ["company_name", { code: "number_not_with_provider", numbers: [`0${second!.slice(3)}`] }],
      });
      expect(blocked.status).toBe(200);
      expect(blocked.body.rejectionCodes).toEqual([
        expect.objectContaining({ code: "company_name", label: "Company name", pointsAt: { type: "company_profile", fields: ["companyName"] }, numbers: [] }),
        expect.objectContaining({ code: "number_not_with_provider", pointsAt: { type: "numbers" }, numbers: [second] }),
      ]);
      const seenByCustomer = await check("getPortingRequest", { key: customerKey(), params: { id } });
      expect(seenByCustomer.body.rejectionCodes).toEqual(blocked.body.rejectionCodes);
      expect(seenByCustomer.body).toMatchObject({ resubmissionOf: null, resubmittedAs: null });
    });

    test("resubmit: a new request, the rest copied, linked both ways, once; Idempotency-Key replays", async () => {
      const [first, second] = [nextNumber(), nextNumber()];
      // Made before letters were required: the corrected request brings one.
      const original = await insertRequestInStatus({
        accountId: accountId(),
        status: "blocked",
        companyProfileId: profileId,
        numbers: [first!, second!],
        distributionGroupId: groupId,
      });
      const letter = await check("uploadDocument", { key: customerKey(), body: uploadForm("letter_of_authorisation") });
      const body = { phoneNumbers: [first], currentProvider: "Ziggo", documents: [{ id: letter.body.id }] };

      const created = await check("resubmitPortingRequest", {
        key: customerKey(),
        params: { id: original.id },
        headers: { "idempotency-key": "contract-resubmit" },
        json: body,
      });
      expect(created.status).toBe(201);
      expect(created.headers.get("location")).toBe(`/api/v1/porting-requests/${created.body.id}`);
      expect(created.body).toMatchObject({
        status: "requested",
        phoneNumbers: [{ number: first }],
        currentProvider: "Ziggo",
        companyProfileId: profileId,
        distributionGroupId: groupId,
        contractScenario: "switch_at_contract_end",
        resubmissionOf: { id: original.id, reference: original.reference },
        resubmittedAs: null,
      });
      const replay = await check("resubmitPortingRequest", {
        key: customerKey(),
        params: { id: original.id },
        headers: { "idempotency-key": "contract-resubmit" },
        json: body,
      });
      expect(replay.status).toBe(201);
      expect(replay.headers.get("idempotent-replayed")).toBe("true");
      expect(replay.body).toEqual(created.body);

      const back = await check("getPortingRequest", { key: customerKey(), params: { id: original.id } });
      expect(back.body).toMatchObject({ status: "blocked", resubmittedAs: { id: created.body.id, reference: created.body.reference } });

      const twice = await check("resubmitPortingRequest", { key: customerKey(), params: { id: original.id } });
      expect(twice.status).toBe(409);
      expect(twice.body).toMatchObject({ currentStatus: "blocked", resubmittedAs: { id: created.body.id } });
      expect(twice.body.detail).toContain("already resubmitted");

      const open = await insertRequestInStatus({ accountId: accountId(), status: "in_progress", companyProfileId: profileId });
      const notBlocked = await check("resubmitPortingRequest", { key: customerKey(), params: { id: open.id }, json: {} });
      expect(notBlocked.status).toBe(409);
      expect(notBlocked.body.detail).toContain("Only a Blocked request can be resubmitted");

      const other = await insertRequestInStatus({ accountId: accountId(), status: "blocked", companyProfileId: profileId });
      const unknownField = await check("resubmitPortingRequest", { key: customerKey(), params: { id: other.id }, json: { status: "requested" } });
      expect(unknownField.status).toBe(422);
      expect(Object.keys(unknownField.body.errors as object)).toEqual(["status"]);
      const refused = await check("resubmitPortingRequest", { key: customerKey(), params: { id: other.id }, json: { phoneNumbers: ["hello"] } });
      expect(refused.status).toBe(422);
      // Every problem at once: the number, and the letter the Blocked request never had.
      expect(Object.keys(refused.body.errors as object)).toEqual(expect.arrayContaining(["phoneNumbers.0", "documents.letter_of_authorisation"]));
    });
  });
}
