import { parseNumber } from "./numbers";
import type { CountryCode } from "./values";

// Numbers from a CSV file (a phone system export, a spreadsheet), read in the browser. Per row:
// the first cell that is a valid phone number; else the first cell when it looks like an attempt
// at one (so a broken number is shown as invalid instead of silently dropped); header rows,
// names and notes are skipped. Excel exports often drop the "+" of an international number
// ("31201234567"): such a cell is read with the "+" when only that makes it valid.

const LOOKS_LIKE_A_NUMBER = /^(tel:)?[+(]?\d[\d\s().\-/]{3,}$/i;

export function numbersFromCsv(text: string, country: CountryCode): string[] {
  const rows = parseCsv(text.replace(/^\uFEFF/, ""));
  const out: string[] = [];
  for (const cells of rows) {
    const trimmed = cells.map((cell) => cell.trim()).filter((cell) => cell !== "");
    const valid = trimmed.map((cell) => asValidNumber(cell, country)).find((cell) => cell !== null);
    if (valid) {
      out.push(valid);
      continue;
    }
    const first = cells[0]?.trim() ?? "";
    if (LOOKS_LIKE_A_NUMBER.test(first)) out.push(first);
  }
  return out;
}

function asValidNumber(cell: string, country: CountryCode): string | null {
  if (parseNumber(cell, country).ok) return cell;
  if (/^\d{10,15}$/.test(cell) && parseNumber(`+${cell}`, country).ok) return `+${cell}`;
  return null;
}

/** RFC 4180-ish: quoted cells with "" escapes; the delimiter (comma, semicolon or tab) is taken from the first line. */
export function parseCsv(text: string): string[][] {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  const delimiter = [",", ";", "\t"].reduce((best, d) => (count(firstLine, d) > count(firstLine, best) ? d : best), ",");
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
      } else {
        cell += char;
      }
    } else if (char === '"' && cell.trim() === "") {
      quoted = true;
      cell = "";
    } else if (char === delimiter) {
      row.push(cell);
      cell = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else {
      cell += char;
    }
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

const count = (text: string, char: string) => text.split(char).length - 1;
