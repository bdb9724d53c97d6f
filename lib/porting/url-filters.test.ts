import { expect, test } from "vitest";
import { readUrlFilters, urlSearch } from "./url-filters";

const statuses = ["requested", "completed"] as const;

test("valid values are kept; unknown ones are dropped and named", () => {
  expect(readUrlFilters({ status: "requested", country: "nl", q: " 020 123 ", cursor: "abc" }, statuses, "status")).toEqual({
    filters: { status: "requested", country: "NL", q: "020 123", cursor: "abc" },
    ignored: [],
  });
  expect(readUrlFilters({ status: "nope", country: "XX", q: "x".repeat(101), cursor: "c".repeat(501) }, statuses, "tab")).toEqual({
    filters: {},
    ignored: ["tab", "country", "search", "page"],
  });
  expect(readUrlFilters({ status: ["completed", "requested"], q: "" }, statuses, "status").filters).toEqual({ status: "completed" });
});

test("the query string has a fixed order and leaves out empty and default values", () => {
  expect(urlSearch({ cursor: "c", country: "DE", q: "PR-1", status: "requested" })).toBe("?status=requested&q=PR-1&country=DE&cursor=c");
  expect(urlSearch({ status: "open" }, {}, "open")).toBe("");
  expect(urlSearch({}, { page: "2" })).toBe("?page=2");
});
