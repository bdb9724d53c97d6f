import { describe, expect, test } from "vitest";
import { newRequestHref, readNewRequestStart } from "./new-request-start";

describe("a new request started from the Check numbers page", () => {
  test("the link carries country, type and numbers, and reads back the same", () => {
    const start = { country: "NL" as const, numberType: "geographic" as const, phoneNumbers: ["+31201234567", "+31201234568"] };
    const href = newRequestHref(start);
    expect(href).toBe("/porting-requests/new?country=NL&numberType=geographic&numbers=%2B31201234567%2C%2B31201234568");
    const params = Object.fromEntries(new URL(href, "http://localhost").searchParams);
    expect(readNewRequestStart(params)).toEqual(start);
  });

  test("a link that does not read right starts an empty request", () => {
    const good = { country: "DE", numberType: "toll_free", numbers: "+498001234567" };
    expect(readNewRequestStart(good)).toBeDefined();
    expect(readNewRequestStart({ ...good, country: "US" })).toBeUndefined();
    expect(readNewRequestStart({ ...good, numberType: "premium" })).toBeUndefined();
    expect(readNewRequestStart({ ...good, numbers: " , ," })).toBeUndefined();
    expect(readNewRequestStart({ ...good, numbers: ["+498001234567", "+498001234568"] })).toBeUndefined();
    expect(readNewRequestStart({ ...good, numbers: Array.from({ length: 501 }, (_, i) => `+4930${1000000 + i}`).join(",") })).toBeUndefined();
    expect(readNewRequestStart({})).toBeUndefined();
  });
});
