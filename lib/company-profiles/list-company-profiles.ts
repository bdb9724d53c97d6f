import "server-only";
import { getDb, type Executor } from "@/db";
import { companyProfiles } from "@/db/schema";
import type { CustomerActor } from "@/lib/auth/actor";
import { assertCustomer, listAccountRows } from "@/lib/shared/account-rows";
import { toCompanyProfileDto, type CompanyProfileDto } from "./dto";
import { requestCountsByProfile } from "./queries";

/** The account's company profiles by name. An account has a handful, so there is no paging. */
export async function listCompanyProfiles(actor: CustomerActor, db: Executor = getDb()): Promise<CompanyProfileDto[]> {
  assertCustomer(actor);
  const rows = await listAccountRows(db, companyProfiles, actor.accountId);
  const counts = await requestCountsByProfile(db, actor.accountId, rows.map((r) => r.id));
  return rows.map((row) => toCompanyProfileDto(row, counts.get(row.id) ?? 0));
}
