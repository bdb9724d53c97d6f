import { z } from "zod";
import { COMMON_PASSWORDS_TEXT } from "./common-passwords";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./password-length";

// The rules for a new password (issue 12): at least 12 characters, and not one of the common
// passwords, even when dressed up the usual ways ("Password1234!", "passwordpassword",
// "123456789012"). Checked on the server, by the verbs; the forms show its messages next to the field.

export { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH };

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set(COMMON_PASSWORDS_TEXT.split("\n"));
  return common;
}

/** Keyboard runs and counting that no list holds at every length. */
const SEQUENCES = ["0123456789012345678901234567890", "9876543210987654321098765432109", "abcdefghijklmnopqrstuvwxyz", "qwertyuiopasdfghjklzxcvbnm", "1q2w3e4r5t6y7u8i9o0p"];

export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  const list = commonPasswords();
  if (list.has(lower)) return true;
  // "Password2024!", "!!dragon!!": the common core with digits and symbols around it.
  const core = lower.replace(/^[^a-z]+|[^a-z]+$/g, "");
  if (core.length > 0 && list.has(core)) return true;
  // "passwordpassword", "abcabcabcabc", "111111111111": a short or common piece repeated.
  const repeated = /^(.+?)\1+$/.exec(lower);
  if (repeated && (repeated[1]!.length <= 6 || list.has(repeated[1]!))) return true;
  // "123456789012", "qwertyuiopas".
  if (SEQUENCES.some((run) => run.includes(lower))) return true;
  return false;
}

export const newPasswordField = z
  .string({ error: "Choose a password." })
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters; a few unrelated words make a strong one.`)
  .max(MAX_PASSWORD_LENGTH, `Keep it under ${MAX_PASSWORD_LENGTH} characters.`)
  .refine((p) => !isCommonPassword(p), "This password is too common (it is on the lists attackers try first). Choose another.");

/** A new password typed twice, as every password form asks for it. */
export const newPasswordSchema = z
  .object({
    password: newPasswordField,
    confirmPassword: z.string({ error: "Type the password again." }),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "The two passwords are not the same." });
