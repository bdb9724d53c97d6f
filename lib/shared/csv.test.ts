import { describe, expect, test } from "vitest";
import { csvCell, csvLine } from "./csv";

describe("csv", () => {
  test("plain cells stay as they are; a record ends with CRLF", () => {
    expect(csvLine(["PR-000123", "KPN", "", "2026-05-04T09:12:45.120Z"])).toBe("PR-000123,KPN,,2026-05-04T09:12:45.120Z\r\n");
  });

  test("RFC 4180: a comma, a quote or a line break is quoted, quotes doubled", () => {
    expect(csvCell("KPN, Mobile")).toBe('"KPN, Mobile"');
    expect(csvCell('the "new" one')).toBe('"the ""new"" one"');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("cr\ronly")).toBe('"cr\ronly"');
  });

  test("a cell a spreadsheet would read as a formula starts with an apostrophe instead", () => {
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) expect(csvCell(`${start}1+1`).startsWith(`'${start}`) || csvCell(`${start}1+1`).startsWith(`"'${start}`)).toBe(true);
    expect(csvCell("=HYPERLINK(\"https://evil.example\")")).toBe('"\'=HYPERLINK(""https://evil.example"")"');
    expect(csvCell("+31201234567")).toBe("'+31201234567");
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell("PR-000123")).toBe("PR-000123");
  });
});
