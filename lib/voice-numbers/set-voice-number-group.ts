import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { parsePhoneNumberFromString, type CountryCode as LibCountryCode } from "libphonenumber-js/max";
import { getDb, type Db } from "@/db";
import { voiceNumbers } from "@/db/schema";
import type { CustomerActor } from "@/lib/auth/actor";
import { assertCustomer, FOREIGN_KEY_VIOLATION, postgresError } from "@/lib/shared/account-rows";
import { accountCountry, getDistributionGroupRow } from "@/lib/distribution-groups/queries";
import { NotFoundError, ValidationError, isDomainError, type FieldErrors } from "@/lib/errors";
import { parseInput } from "@/lib/shared/validation";
import type { VoiceNumberDto } from "./dto";
import { selectVoiceNumbers } from "./queries";
import { setVoiceNumberGroupSchema, type SetVoiceNumberGroupInput } from "./schemas";

/** Any common format → E.164 (national formats in the account's country), or null. */
export function toE164(input: string, country: string): string | null {
  const parsed = parsePhoneNumberFromString(input.trim().replace(/^tel:/i, "").replace(/^00/, "+"), {
    defaultCountry: country as LibCountryCode,
    extract: false,
  });
  return parsed?.isValid() ? parsed.number : null;
}

/**
 * Routes the given numbers of the account to one of its distribution groups, or to none. All or
 * nothing: a number that is not on the account, or a group that is not the account's, changes
 * nothing and is NotFoundError.
 */
export async function setVoiceNumberGroup(
  actor: CustomerActor,
  input: SetVoiceNumberGroupInput,
  db: Db = getDb(),
): Promise<VoiceNumberDto[]> {
  assertCustomer(actor);
  const data = parseInput(setVoiceNumberGroupSchema, input);
  const country = await accountCountry(db, actor.accountId);
  const single = typeof input === "object" && input !== null && (input as { numbers?: unknown }).numbers === undefined;

  const errors: FieldErrors = {};
  const numbers = data.numbers.map((raw, index) => {
    const e164 = toE164(raw, country);
    if (!e164) (errors[single ? "number" : `numbers.${index}`] ??= []).push(`“${raw}” is not a valid phone number.`);
    return e164 ?? raw;
  });
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  const unique = [...new Set(numbers)];

  try {
    return await db.transaction(async (tx) => {
      const groupId = data.distributionGroupId ? (await getDistributionGroupRow(tx, actor, data.distributionGroupId)).id : null;
      const updated = await tx
        .update(voiceNumbers)
        .set({ distributionGroupId: groupId })
        .where(and(eq(voiceNumbers.accountId, actor.accountId), inArray(voiceNumbers.number, unique)))
        .returning({ number: voiceNumbers.number });
      if (updated.length !== unique.length) {
        const found = new Set(updated.map((u) => u.number));
        const missing = unique.find((n) => !found.has(n));
        // Thrown inside the transaction: the numbers that were found are not changed either.
        throw new NotFoundError(`voice number ${missing ?? ""}`.trim());
      }
      return selectVoiceNumbers(tx, actor.accountId, inArray(voiceNumbers.number, unique));
    });
  } catch (error) {
    // The group was deleted between our read and the update's foreign-key check.
    if (!isDomainError(error) && postgresError(error)?.code === FOREIGN_KEY_VIOLATION) {
      throw new NotFoundError("distribution group");
    }
    throw error;
  }
}
