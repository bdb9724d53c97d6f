import { describe, expect, test } from "vitest";
import { numbersFromCsv, parseCsv } from "./numbers-csv";

describe("parseCsv", () => {
  test("quotes, escaped quotes, CRLF and the delimiter of the first line", () => {
    expect(parseCsv('a,"b, c","say ""hi"""\r\n1,2,3')).toEqual([
      ["a", "b, c", 'say "hi"'],
      ["1", "2", "3"],
    ]);
    expect(parseCsv("number;name\n020 123 4567;Reception\n")).toEqual([
      ["number", "name"],
      ["020 123 4567", "Reception"],
    ]);
    expect(parseCsv("a\tb\n")).toEqual([["a", "b"]]);
  });
});

describe("numbersFromCsv", () => {
  test("a phone system export: header skipped, the number found in any column", () => {
    const csv = [
      "\uFEFFName;Extension;Number;Note",
      "Reception;100;+31 20 123 4567;main line",
      'Sales;101;"020-765 4321";',
      "Support;102;;no number yet",
    ].join("\r\n");
    expect(numbersFromCsv(csv, "NL")).toEqual(["+31 20 123 4567", "020-765 4321"]);
  });

  test("the first column when nothing parses but it looks like a number, so it is shown as invalid", () => {
    expect(numbersFromCsv("number\n020 123\n+31201234567\nhello\n", "NL")).toEqual(["020 123", "+31201234567"]);
  });

  test("Excel's international numbers without the plus", () => {
    // Read as Dutch already; a foreign one gets its "+" back, so the check can say where it is from.
    expect(numbersFromCsv("31201234567,Reception\n", "NL")).toEqual(["31201234567"]);
    expect(numbersFromCsv("493012345670,Berlin\n", "NL")).toEqual(["+493012345670"]);
    expect(numbersFromCsv("0201234567\n", "NL")).toEqual(["0201234567"]);
  });
});
