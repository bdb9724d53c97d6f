import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb, type Executor } from "@/db";
import { companyProfiles, distributionGroups } from "@/db/schema";
import type { CustomerActor } from "@/lib/auth/actor";
import type { ProfileField } from "./countries";

// Reads that the request pages show next to the request itself: the names behind its ids. Always
// inside the request's (or the customer's) account (STYLE.md habit 4). Documents: ./documents.ts.

export type NamedRef = { id: string; name: string };

/** The company profile and distribution group a request points at, by name, within the request's account. */
export async function getRequestRelations(
  request: { accountId: string; companyProfileId: string; distributionGroupId: string | null },
  db: Executor = getDb(),
): Promise<{ companyProfile: NamedRef | null; distributionGroup: NamedRef | null }> {
  const [profile, group] = await Promise.all([
    db
      .select({ id: companyProfiles.id, name: companyProfiles.name })
      .from(companyProfiles)
      .where(and(eq(companyProfiles.id, request.companyProfileId), eq(companyProfiles.accountId, request.accountId)))
      .limit(1),
    request.distributionGroupId
      ? db
          .select({ id: distributionGroups.id, name: distributionGroups.name })
          .from(distributionGroups)
          .where(
            and(eq(distributionGroups.id, request.distributionGroupId), eq(distributionGroups.accountId, request.accountId)),
          )
          .limit(1)
      : Promise.resolve([]),
  ]);
  return { companyProfile: profile[0] ?? null, distributionGroup: group[0] ?? null };
}

/** Every distribution group of a customer's account by id, for the list's Perform dialogs. */
export async function distributionGroupNames(actor: CustomerActor, db: Executor = getDb()) {
  const rows = await db
    .select({ id: distributionGroups.id, name: distributionGroups.name })
    .from(distributionGroups)
    .where(eq(distributionGroups.accountId, actor.accountId));
  return Object.fromEntries(rows.map((r) => [r.id, r.name])) as Record<string, string>;
}

/**
 * The company profile's fields as they are now, within the request's account: a Blocked request's
 * page shows the ones its rejection concerns next to the problem. Null when the profile is gone.
 */
export async function getProfileValues(
  request: { accountId: string; companyProfileId: string },
  db: Executor = getDb(),
): Promise<Partial<Record<ProfileField, string | null>> | null> {
  const [profile] = await db
    .select()
    .from(companyProfiles)
    .where(and(eq(companyProfiles.id, request.companyProfileId), eq(companyProfiles.accountId, request.accountId)))
    .limit(1);
  if (!profile) return null;
  return {
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
    notificationEmails: profile.notificationEmails.join(", "),
  };
}
