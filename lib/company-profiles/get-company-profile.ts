import "server-only";
import { getDb, type Executor } from "@/db";
import type { CustomerActor } from "@/lib/auth/actor";
import { assertCustomer } from "@/lib/shared/account-rows";
import { toCompanyProfileDto, type CompanyProfileDto } from "./dto";
import { getCompanyProfileRow, requestCountsByProfile } from "./queries";

/** One profile of the actor's account; another account's or an unknown id is NotFoundError. */
export async function getCompanyProfile(actor: CustomerActor, id: string, db: Executor = getDb()): Promise<CompanyProfileDto> {
  assertCustomer(actor);
  const row = await getCompanyProfileRow(db, actor, id);
  const counts = await requestCountsByProfile(db, actor.accountId, [row.id]);
  return toCompanyProfileDto(row, counts.get(row.id) ?? 0);
}
