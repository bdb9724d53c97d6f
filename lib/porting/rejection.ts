// No "server-only": the sandbox's simulated provider (lib/porting/sandbox-provider.ts, run by the
// notification worker under plain Node) blocks requests with a rejection checked here too.
import { asc, eq } from "drizzle-orm";
import type { Executor } from "@/db";
import { companyProfiles, portingRequestNumbers, type CompanyProfile, type PortingRequest } from "@/db/schema";
import type { FieldErrors } from "@/lib/errors";
import { formatNumber, normaliseNumber } from "./numbers";
import {
  REJECTION_CATALOGUE,
  REJECTION_CODES,
  isNumberCode,
  type ProfileSnapshot,
  type StoredRejection,
  type StoredRejectionCode,
} from "./rejection-codes";
import { REJECTION_CODES_REQUIRED, type ParsedRejectionCode } from "./rejection-code-input";
import type { CountryCode } from "./values";

// A rejection's codes checked against the request they reject, inside the transition's
// transaction: at least one code, each once; number codes name numbers of this request (any
// common format, stored in E.164; none named means all of them), other codes name none. Every
// problem is reported at once, by field (`rejectionCodes.1.numbers.0`).

const NUMBER_CODES = REJECTION_CODES.filter(isNumberCode).join(", ");

/** A request's numbers (E.164), in the order they were given. */
export async function requestNumbers(db: Executor, portingRequestId: string): Promise<string[]> {
  const rows = await db
    .select({ number: portingRequestNumbers.number })
    .from(portingRequestNumbers)
    .where(eq(portingRequestNumbers.portingRequestId, portingRequestId))
    .orderBy(asc(portingRequestNumbers.position));
  return rows.map((n) => n.number);
}

export async function resolveRejection(
  tx: Executor,
  request: Pick<PortingRequest, "id" | "country" | "companyProfileId">,
  given: readonly ParsedRejectionCode[] | null,
  errors: FieldErrors,
): Promise<StoredRejection | null> {
  if (!given || given.length === 0) {
    errors.rejectionCodes = [REJECTION_CODES_REQUIRED];
    return null;
  }
  const numbers = await requestNumbers(tx, request.id);
  const inRequest = new Set(numbers);

  const codes: StoredRejectionCode[] = [];
  const seen = new Set<string>();
  given.forEach((item, i) => {
    if (seen.has(item.code)) {
      (errors[`rejectionCodes.${i}`] ??= []).push(`${item.code} is given twice: give each code once.`);
      return;
    }
    seen.add(item.code);
    if (!isNumberCode(item.code)) {
      if (item.numbers && item.numbers.length > 0) {
        (errors[`rejectionCodes.${i}.numbers`] ??= []).push(
          `${REJECTION_CATALOGUE[item.code].label} does not concern numbers: leave numbers out (only ${NUMBER_CODES} name numbers).`,
        );
      }
      codes.push({ code: item.code, numbers: [] });
      return;
    }
    if (!item.numbers || item.numbers.length === 0) {
      codes.push({ code: item.code, numbers: [...numbers] });
      return;
    }
    const named: string[] = [];
    item.numbers.forEach((raw, j) => {
      const e164 = normaliseNumber(raw, request.country as CountryCode);
      if (!e164 || !inRequest.has(e164)) {
        (errors[`rejectionCodes.${i}.numbers.${j}`] ??= []).push(`${e164 ? formatNumber(e164) : raw} is not a number of this request.`);
      } else if (!named.includes(e164)) {
        named.push(e164);
      }
    });
    // In the request's order, so every page lists them as the request does.
    codes.push({ code: item.code, numbers: numbers.filter((n) => named.includes(n)) });
  });
  if (Object.keys(errors).some((key) => key.startsWith("rejectionCodes"))) return null;

  const [profile] = await tx.select().from(companyProfiles).where(eq(companyProfiles.id, request.companyProfileId)).limit(1);
  return { codes, profile: profile ? profileSnapshot(profile) : null };
}

export function profileSnapshot(profile: CompanyProfile): ProfileSnapshot {
  return {
    id: profile.id,
    name: profile.name,
    companyName: profile.companyName,
    registrationNumber: profile.registrationNumber,
    vatNumber: profile.vatNumber,
    representativeFirstName: profile.representativeFirstName,
    representativeLastName: profile.representativeLastName,
    representativePhone: profile.representativePhone,
    street: profile.street,
    postalCode: profile.postalCode,
    city: profile.city,
    addressCountry: profile.addressCountry,
  };
}
