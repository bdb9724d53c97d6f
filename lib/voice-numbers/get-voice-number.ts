import "server-only";
import { eq } from "drizzle-orm";
import { getDb, type Executor } from "@/db";
import { voiceNumbers } from "@/db/schema";
import type { CustomerActor } from "@/lib/auth/actor";
import { assertCustomer } from "@/lib/shared/account-rows";
import { accountCountry } from "@/lib/distribution-groups/queries";
import { NotFoundError } from "@/lib/errors";
import type { VoiceNumberDto } from "./dto";
import { selectVoiceNumbers } from "./queries";
import { toE164 } from "./set-voice-number-group";

/** One number of the actor's account, given in any format; another account's number is NotFoundError. */
export async function getVoiceNumber(actor: CustomerActor, number: string, db: Executor = getDb()): Promise<VoiceNumberDto> {
  assertCustomer(actor);
  const e164 = toE164(number, await accountCountry(db, actor.accountId));
  const [row] = e164 ? await selectVoiceNumbers(db, actor.accountId, eq(voiceNumbers.number, e164), { limit: 1 }) : [];
  if (!row) throw new NotFoundError("voice number");
  return row;
}
