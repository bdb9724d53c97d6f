import { describe, expect, test } from "vitest";
import {
  MAX_DOCUMENT_BYTES,
  checkDocumentFile,
  cleanDocumentFilename,
  detectDocumentType,
  formatBytes,
} from "./document-files";

const bytes = (...values: number[]) => new Uint8Array(values);
const text = (value: string) => new TextEncoder().encode(value);

describe("detectDocumentType", () => {
  test("knows PDF, PNG and JPEG by their first bytes", () => {
    expect(detectDocumentType(text("%PDF-1.7\n"))).toBe("application/pdf");
    expect(detectDocumentType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))).toBe("image/png");
    expect(detectDocumentType(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe("image/jpeg");
  });

  test("anything else, or too few bytes, is unknown", () => {
    expect(detectDocumentType(text("MZ\x90\x00"))).toBeNull(); // a Windows executable
    expect(detectDocumentType(text("<html>%PDF-"))).toBeNull();
    expect(detectDocumentType(text("%PDF"))).toBeNull();
    expect(detectDocumentType(bytes(0x89, 0x50, 0x4e, 0x47))).toBeNull();
    expect(detectDocumentType(bytes())).toBeNull();
  });
});

describe("checkDocumentFile", () => {
  test("accepts a PDF whatever its name says, and refuses a renamed executable", () => {
    expect(checkDocumentFile({ name: "loa.bin", size: 100, head: text("%PDF-1.4") })).toEqual({ ok: true, contentType: "application/pdf" });
    const exe = checkDocumentFile({ name: "loa.pdf", size: 100, head: text("MZ\x90\x00\x03") });
    expect(exe).toEqual({ ok: false, message: expect.stringContaining('"loa.pdf" is not a PDF, PNG or JPEG file') });
  });

  test("refuses empty files and files over 10 MB, naming the size", () => {
    expect(checkDocumentFile({ name: "a.pdf", size: 0, head: bytes() })).toMatchObject({ ok: false, message: '"a.pdf" is empty.' });
    expect(checkDocumentFile({ name: "a.pdf", size: MAX_DOCUMENT_BYTES, head: text("%PDF-") }).ok).toBe(true);
    expect(checkDocumentFile({ name: "a.pdf", size: MAX_DOCUMENT_BYTES + 1, head: text("%PDF-") })).toEqual({
      ok: false,
      message: '"a.pdf" is 10 MB; a document can be at most 10 MB.',
    });
    expect(checkDocumentFile({ name: "big.png", size: 12 * 1024 * 1024, head: text("%PDF-") })).toMatchObject({ message: expect.stringContaining("12 MB") });
  });
});

describe("cleanDocumentFilename", () => {
  test("drops folders and control characters and gives the real type's extension", () => {
    expect(cleanDocumentFilename("C:\\fakepath\\LoA signed.pdf", "application/pdf", "letter_of_authorisation")).toBe("LoA signed.pdf");
    expect(cleanDocumentFilename("../../etc/passwd", "application/pdf", "invoice")).toBe("passwd.pdf");
    expect(cleanDocumentFilename('in"voice\u0000\n.PDF', "application/pdf", "invoice")).toBe("invoice.PDF");
    expect(cleanDocumentFilename("scan.jpeg", "image/jpeg", "invoice")).toBe("scan.jpeg");
    expect(cleanDocumentFilename("scan.pdf", "image/png", "invoice")).toBe("scan.pdf.png");
    expect(cleanDocumentFilename("", "application/pdf", "letter_of_authorisation")).toBe("letter-of-authorisation.pdf");
    expect(cleanDocumentFilename("x".repeat(400), "application/pdf", "invoice")).toHaveLength(154);
  });
});

test("formatBytes reads like a person writes it", () => {
  expect(formatBytes(512)).toBe("512 bytes");
  expect(formatBytes(2048)).toBe("2 KB");
  expect(formatBytes(1.5 * 1024 * 1024)).toBe("1.5 MB");
  expect(formatBytes(25 * 1024 * 1024)).toBe("25 MB");
});
