import { expect, test } from "vitest";
import { safeReturnTo } from "./return-to";

// `?returnTo=` values arrive percent-decoded once (Next.js decodes search params); a browser then
// navigates to what we return. Every value below must either stay on this origin or be refused.

test.each([
  ["/porting-requests", "/porting-requests"],
  ["/porting-requests/new?step=2", "/porting-requests/new?step=2"],
  ["/company-profiles#list", "/company-profiles#list"],
  ["/porting-requests?q=a%2Fb", "/porting-requests?q=a%2Fb"],
  ["/settings/../numbers", "/numbers"],
])("a path inside the app is kept: %s", (value, expected) => {
  expect(safeReturnTo(value)).toBe(expected);
});

test.each([
  // Browsers remove tabs and newlines anywhere in a URL: "/\t/evil.example" is "//evil.example".
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r/evil.example",
  "\t//evil.example",
  "//evil.example",
  "///evil.example",
  // Backslashes are slashes to a browser.
  "/\\evil.example",
  "\\\\evil.example",
  "/\\/evil.example",
  // Still encoded (double-encoded in the link): decoded again by someone down the line.
  "/%09/evil.example",
  "/%2F/evil.example",
  "/%2f%2fevil.example",
  "/%5Cevil.example",
  "/%5c%5cevil.example",
  "/%2509/evil.example",
  "/%252F/evil.example",
  "/%00",
  "/%",
  // Control characters, other whitespace.
  "/\u0000/evil.example",
  "/\u007f",
  "/\u2028/evil.example",
  "/ /evil.example",
  // Schemes and hosts.
  "https://evil.example",
  "javascript:alert(1)",
  "http:/evil.example",
  "evil.example",
  "",
  "/" + "a".repeat(600),
])("an escape is refused: %j", (value) => {
  expect(safeReturnTo(value)).toBeUndefined();
});

test("only a single string is taken", () => {
  expect(safeReturnTo(undefined)).toBeUndefined();
  expect(safeReturnTo(["/a", "/b"])).toBeUndefined();
});
