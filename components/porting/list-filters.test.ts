import { describe, expect, test } from "vitest";
import { exportHref, hasFilters, listHref, readListFilters, withFilter } from "./list-filters";

const PROFILE = "3c9d2e1f-7a6b-4c5d-9e8f-1a2b3c4d5e6f";

describe("the request list's URL state", () => {
  test("reads the new filters under the API's names and writes them back in a fixed order", () => {
    const { filters, ignored } = readListFilters({
      companyProfileId: PROFILE,
      currentProvider: " KPN ",
      createdTo: "2026-05-31",
      createdFrom: "2026-05-01",
      status: "requested",
      q: "PO-42",
    });
    expect(ignored).toEqual([]);
    expect(filters).toEqual({ status: "requested", q: "PO-42", createdFrom: "2026-05-01", createdTo: "2026-05-31", currentProvider: "KPN", companyProfileId: PROFILE });
    expect(listHref(filters)).toBe(
      `/porting-requests?status=requested&q=PO-42&createdFrom=2026-05-01&createdTo=2026-05-31&currentProvider=KPN&companyProfileId=${PROFILE}`,
    );
    expect(hasFilters({ currentProvider: "KPN" })).toBe(true);
  });

  test("drops what cannot be a filter and names it, instead of failing the page", () => {
    const { filters, ignored } = readListFilters({ createdFrom: "2026-02-30", createdTo: "yesterday", companyProfileId: "head-office", currentProvider: "x".repeat(201) });
    expect(filters).toEqual({});
    expect(ignored).toEqual(["start date", "end date", "provider", "company profile"]);
    const backwards = readListFilters({ createdFrom: "2026-05-02", createdTo: "2026-05-01" });
    expect(backwards.filters).toEqual({ createdFrom: "2026-05-02" });
    expect(backwards.ignored).toEqual(["end date (before the start date)"]);
  });

  test("the Sandbox tab is a view kept across filters, pages, the poll and the export, and is no filter to clear", () => {
    const { filters, ignored } = readListFilters({ sandbox: "true", status: "requested" });
    expect(ignored).toEqual([]);
    expect(filters).toEqual({ status: "requested", sandbox: true });
    expect(listHref(filters)).toBe("/porting-requests?status=requested&sandbox=true");
    expect(exportHref({ ...filters, cursor: "abc" })).toBe("/api/v1/porting-requests/export?status=requested&sandbox=true");
    expect(withFilter(filters, { status: undefined })).toEqual({ sandbox: true });
    expect(hasFilters({ sandbox: true })).toBe(false);
    expect(readListFilters({ sandbox: "false" }).filters).toEqual({});
    expect(readListFilters({ sandbox: "maybe" }).ignored).toEqual(["sandbox view"]);
  });

  test("the export takes the whole view (every page) and a changed filter starts from the first page", () => {
    const view = { status: "in_progress" as const, currentProvider: "Ziggo", cursor: "abc" };
    expect(exportHref(view)).toBe("/api/v1/porting-requests/export?status=in_progress&currentProvider=Ziggo");
    expect(withFilter(view, { createdFrom: "2026-01-01" })).toEqual({ status: "in_progress", currentProvider: "Ziggo", createdFrom: "2026-01-01" });
    expect(withFilter(view, { currentProvider: undefined })).toEqual({ status: "in_progress" });
  });
});
