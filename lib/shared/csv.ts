// CSV as RFC 4180 has it (CRLF line ends; a field with a comma, a double quote, CR or LF is
// quoted, its quotes doubled), made safe to open in a spreadsheet: a cell that starts with
// = + - @ (or a tab or CR, which some spreadsheets skip before reading a formula) gets a leading
// apostrophe, so it is shown as text and never run as a formula (OWASP, "CSV Injection").
// Client-safe.

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One cell, neutralised and quoted as needed. */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One record, with its CRLF. */
export function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}
