import "server-only";
import { and, eq, gt, isNull, like, or, sql, type SQL } from "drizzle-orm";
import { getCountryCallingCode, parsePhoneNumberFromString, type CountryCode as LibCountryCode } from "libphonenumber-js/max";
import { getDb, type Executor } from "@/db";
import { voiceNumbers } from "@/db/schema";
import type { CustomerActor } from "@/lib/auth/actor";
import { assertCustomer } from "@/lib/shared/account-rows";
import { accountCountry, getDistributionGroupRow } from "@/lib/distribution-groups/queries";
import { ValidationError } from "@/lib/errors";
import { parseInput } from "@/lib/shared/validation";
import type { VoiceNumberPage } from "./dto";
import { selectVoiceNumbers } from "./queries";
import { listVoiceNumbersSchema, type ListVoiceNumbersInput } from "./schemas";

// The account's voice numbers in number order, keyset-paged on the number itself (unique), so a
// page costs the same on page 1 and page 1,000 and numbers added meanwhile never shift a page.

const E164 = /^\+[1-9]\d{3,15}$/;

export function encodeNumberCursor(number: string): string {
  return Buffer.from(number).toString("base64url");
}

export function decodeNumberCursor(cursor: string): string {
  const number = Buffer.from(cursor, "base64url").toString("utf8");
  if (!E164.test(number)) throw new ValidationError({ cursor: ["This page link is no longer valid: start again from the first page."] });
  return number;
}

/**
 * The search box: a whole number in any format finds that number; a fragment finds every number
 * containing it. A fragment with a leading 0 may be national ("020 794" → +3120794…), so both
 * readings are searched.
 */
export function numberSearchCondition(q: string, country: string): SQL {
  const text = q.trim();
  const whole = parsePhoneNumberFromString(text.replace(/^00/, "+"), { defaultCountry: country as LibCountryCode, extract: false });
  if (whole?.isValid()) return eq(voiceNumbers.number, whole.number);

  const digits = text.replace(/\D/g, "");
  if (!digits) return sql`false`;
  // "+31 20" and "0031 20" are the start of an international number; country codes never start with 0.
  if (/^(\+|00[1-9])/.test(text)) return like(voiceNumbers.number, `+${digits.replace(/^00/, "")}%`);
  const anywhere = like(voiceNumbers.number, `%${digits}%`);
  if (!digits.startsWith("0") || digits.length < 2) return anywhere;
  let callingCode: string | null = null;
  try {
    callingCode = getCountryCallingCode(country as LibCountryCode);
  } catch {
    callingCode = null;
  }
  return callingCode ? (or(anywhere, like(voiceNumbers.number, `+${callingCode}${digits.slice(1)}%`)) as SQL) : anywhere;
}

export async function listVoiceNumbers(
  actor: CustomerActor,
  input: ListVoiceNumbersInput,
  db: Executor = getDb(),
): Promise<VoiceNumberPage> {
  assertCustomer(actor);
  const filters = parseInput(listVoiceNumbersSchema, input);
  let groupCondition: SQL | undefined;
  if (filters.groupId === "none") groupCondition = isNull(voiceNumbers.distributionGroupId);
  else if (filters.groupId) {
    // Another account's group id is a 404, like everywhere else, rather than an empty list.
    const group = await getDistributionGroupRow(db, actor, filters.groupId);
    groupCondition = eq(voiceNumbers.distributionGroupId, group.id);
  }
  const after = filters.cursor ? decodeNumberCursor(filters.cursor) : undefined;
  const search = filters.q ? numberSearchCondition(filters.q, await accountCountry(db, actor.accountId)) : undefined;

  const rows = await selectVoiceNumbers(
    db,
    actor.accountId,
    and(groupCondition, search, after ? gt(voiceNumbers.number, after) : undefined),
    { limit: filters.limit + 1 },
  );
  const items = rows.slice(0, filters.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > filters.limit && last ? encodeNumberCursor(last.number) : null };
}
