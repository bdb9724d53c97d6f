import { describe, expect, it } from "vitest";
import { refusedSubmitNotice, sortServerErrors } from "./new-request-model";

describe("a refused submit's field errors", () => {
  it("go to the number as entered, the document slot, the form field or the form as a whole", () => {
    const sorted = sortServerErrors(
      {
        "phoneNumbers.1": ["Already in an open request."],
        "phoneNumbers.7": ["Out of range."],
        "documents.letter_of_authorisation": ["Not a PDF.", "Too large."],
        "documents.passport": ["Unknown kind."],
        callbackUrl: ["Use https."],
        "": ["Something else."],
      },
      ["020 794 0100", "+31 20 794 0101"],
    );
    expect(sorted.numbers).toEqual({ "+31 20 794 0101": "Already in an open request." });
    expect(sorted.documents).toEqual({ letter_of_authorisation: "Not a PDF. Too large." });
    expect(sorted.fields).toEqual([["callbackUrl", "Use https."]]);
    expect(sorted.general).toEqual(["Unknown kind.", "Something else."]);
  });

  it("are counted in the notice, with the number of steps when more than one", () => {
    expect(refusedSubmitNotice(["callbackUrl"])).toBe("The request was not created. One thing needs attention: fix what is marked and submit again.");
    expect(refusedSubmitNotice(["callbackUrl", "comment"])).toBe(
      "The request was not created. Some things need attention: fix what is marked and submit again.",
    );
    expect(refusedSubmitNotice(["phoneNumbers.0", "documents.invoice"])).toBe(
      "The request was not created. Some things need attention, on 2 steps: fix what is marked and submit again.",
    );
  });
});
