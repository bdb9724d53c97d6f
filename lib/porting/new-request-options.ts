import "server-only";
import { asc, eq } from "drizzle-orm";
import { getDb, type Executor } from "@/db";
import { accounts, companyProfiles, distributionGroups } from "@/db/schema";
import type { CustomerActor } from "@/lib/auth/actor";
import { isCountryCode } from "./countries";
import type { ProfileForRequirements } from "./profile-requirements";
import type { CountryCode } from "./values";

// What the guided "New porting request" page offers to choose from: the caller's own company
// profiles (with every field the requirement check reads, so the page can say per profile what is
// missing for the chosen country and number type) and distribution groups. Always the actor's
// account: the tenant is in the WHERE clause, never taken from input.

export type NewRequestProfile = ProfileForRequirements & { id: string };
export type NewRequestGroup = { id: string; name: string };

export type NewRequestOptions = {
  /** The account's own country, preselected on the first step. */
  defaultCountry: CountryCode;
  profiles: NewRequestProfile[];
  distributionGroups: NewRequestGroup[];
};

export async function loadNewRequestOptions(actor: CustomerActor, db: Executor = getDb()): Promise<NewRequestOptions> {
  const [account, profiles, groups] = await Promise.all([
    db.select({ country: accounts.country }).from(accounts).where(eq(accounts.id, actor.accountId)).limit(1),
    db
      .select({
        id: companyProfiles.id,
        name: companyProfiles.name,
        companyName: companyProfiles.companyName,
        registrationNumber: companyProfiles.registrationNumber,
        vatNumber: companyProfiles.vatNumber,
        representativeFirstName: companyProfiles.representativeFirstName,
        representativeLastName: companyProfiles.representativeLastName,
        representativePhone: companyProfiles.representativePhone,
        street: companyProfiles.street,
        postalCode: companyProfiles.postalCode,
        city: companyProfiles.city,
        addressCountry: companyProfiles.addressCountry,
        country: companyProfiles.country,
        numberTypes: companyProfiles.numberTypes,
        notificationEmails: companyProfiles.notificationEmails,
      })
      .from(companyProfiles)
      .where(eq(companyProfiles.accountId, actor.accountId))
      .orderBy(asc(companyProfiles.name), asc(companyProfiles.id)),
    db
      .select({ id: distributionGroups.id, name: distributionGroups.name })
      .from(distributionGroups)
      .where(eq(distributionGroups.accountId, actor.accountId))
      .orderBy(asc(distributionGroups.name)),
  ]);
  const country = account[0]?.country ?? "NL";
  return {
    defaultCountry: isCountryCode(country) ? country : "NL",
    profiles,
    distributionGroups: groups,
  };
}
