import { beforeEach, describe, expect, test, vi } from "vitest";

vi.mock("@/lib/auth/session", async () => (await import("@/test/session")).sessionModule);

import { listDocuments } from "@/lib/porting/documents";
import { getPortingRequestForActor } from "@/lib/porting/queries";
import { transitionPortingRequest } from "@/lib/porting/transition-porting-request";
import { countRows, createCustomer, createRequest, createSupport, createTenant, nextNumber, testPdf } from "@/test/factories";
import { signInAs, signOutAll } from "@/test/session";
import { resubmitPortingRequestAction } from "./actions";

// "Create corrected request" as the browser sends it: the wizard's form data (the request's JSON,
// every file, the kept ones included) and the Blocked request it corrects. Only the session lookup
// is replaced; the wrapper, the verb and PostgreSQL are real.

function form(request: unknown, resubmissionOf: string | null, letter = "kept letter"): FormData {
  const data = new FormData();
  data.set("request", JSON.stringify(request));
  if (resubmissionOf !== null) data.set("resubmissionOf", resubmissionOf);
  data.set("documents.letter_of_authorisation", new File([testPdf(letter) as BlobPart], "letter.pdf", { type: "application/pdf" }));
  return data;
}

async function blocked() {
  const { account, customer } = await createTenant("NL");
  const numbers = [nextNumber(), nextNumber()];
  const request = await createRequest(customer, { phoneNumbers: numbers });
  await transitionPortingRequest(await createSupport(), {
    id: request.id,
    action: "reject",
    reason: "The second number is not with KPN",
    rejectionCodes: [{ code: "number_not_with_provider", numbers: [numbers[1]!] }],
  });
  const values = {
    country: "NL",
    numberType: "geographic",
    companyProfileId: request.companyProfileId,
    phoneNumbers: [numbers[0]],
    currentProvider: "KPN",
    contractScenario: "switch_at_contract_end",
  };
  return { account, customer, request, values };
}

beforeEach(() => signOutAll());

describe("resubmitPortingRequestAction", () => {
  test("a member corrects the Blocked request: a new linked request with the form's values and files", async () => {
    const { account, customer, request, values } = await blocked();
    const member = await createCustomer(account, "Max Member", "member");
    signInAs(member);
    const result = await resubmitPortingRequestAction(form(values, request.id, "replaced letter"));
    expect(result).toMatchObject({ ok: true, data: { id: expect.any(String), reference: expect.stringMatching(/^PR-/) } });
    const id = (result as { data: { id: string } }).data.id;
    const corrected = await getPortingRequestForActor(customer, id);
    expect(corrected).toMatchObject({ phoneNumbers: [{ number: values.phoneNumbers[0] }], resubmissionOf: { id: request.id } });
    expect((await listDocuments(customer, id)).map((d) => [d.kind, d.filename])).toEqual([["letter_of_authorisation", "letter.pdf"]]);
    expect((await getPortingRequestForActor(customer, request.id)).resubmittedAs?.id).toBe(id);
  });

  test("refusals: no session, support, another account's request, no original named, twice; nothing stored", async () => {
    const { request, values } = await blocked();
    const before = await countRows("porting_requests");

    expect(await resubmitPortingRequestAction(form(values, request.id))).toMatchObject({ ok: false, code: "unauthorized" });
    signInAs(await createSupport());
    expect(await resubmitPortingRequestAction(form(values, request.id))).toMatchObject({ ok: false, code: "forbidden" });
    signInAs((await createTenant("NL")).customer);
    expect(await resubmitPortingRequestAction(form(values, request.id))).toMatchObject({ ok: false, code: "not_found" });
    expect(await resubmitPortingRequestAction(form(values, null))).toMatchObject({ ok: false, code: "validation" });
    expect(await countRows("porting_requests")).toBe(before);
  });

  test("a second correction of the same request is a conflict naming the first", async () => {
    const { customer, request, values } = await blocked();
    signInAs(customer);
    const first = await resubmitPortingRequestAction(form(values, request.id));
    expect(first.ok).toBe(true);
    const second = await resubmitPortingRequestAction(form(values, request.id));
    expect(second).toMatchObject({ ok: false, code: "conflict", message: expect.stringContaining("already resubmitted as") });
  });
});
