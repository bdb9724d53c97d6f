import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Executor } from "@/db";
import { portingRequestNumbers, portingRequests, voiceNumbers } from "@/db/schema";
import { checkNumbersOffline, formatNumber, shownNumber, type CheckNumbersInput, type NumberCheck } from "./numbers";

/**
 * Every check of DESIGN.md, per number: invalid, wrong country, not portable, wrong type,
 * duplicate in the list, already in an open porting request or on a voice account of this account,
 * or taken by another account (one undescriptive answer). One problem per number (the first that
 * applies), each with its own message.
 */
export async function checkNumbers(db: Executor, input: CheckNumbersInput): Promise<NumberCheck[]> {
  const checks = checkNumbersOffline(input);
  const candidates = [...new Set(checks.filter((c) => !c.problem && c.e164).map((c) => c.e164 as string))];
  if (candidates.length === 0) return checks;

  // Open requests first, voice numbers second: a request that completes between the two reads
  // moves its numbers from "open" to "on a voice account" in one commit, so each number is
  // caught by one read or the other.
  const open = await db
    .select({
      number: portingRequestNumbers.number,
      accountId: portingRequestNumbers.accountId,
      reference: portingRequests.reference,
    })
    .from(portingRequestNumbers)
    .innerJoin(portingRequests, eq(portingRequests.id, portingRequestNumbers.portingRequestId))
    .where(and(inArray(portingRequestNumbers.number, candidates), eq(portingRequestNumbers.open, true)));
  const onVoice = await db
    .select({ number: voiceNumbers.number, accountId: voiceNumbers.accountId })
    .from(voiceNumbers)
    .where(inArray(voiceNumbers.number, candidates));

  const openByNumber = new Map(open.map((o) => [o.number, o]));
  const voiceByNumber = new Map(onVoice.map((v) => [v.number, v]));

  return checks.map((check) => {
    if (check.problem || !check.e164) return check;
    const display = shownNumber(check.input, formatNumber(check.e164));
    const openRow = openByNumber.get(check.e164);
    const voiceRow = voiceByNumber.get(check.e164);
    // Another account's numbers are not ours to describe: whether one is being ported or already
    // on a voice account, and by whom, would tell a customer about someone else's business (and
    // a list of 500 numbers at a time would map it). One answer for both, pointing to support.
    if ((openRow && openRow.accountId !== input.accountId) || (!openRow && voiceRow && voiceRow.accountId !== input.accountId)) {
      return {
        ...check,
        problem: "unavailable",
        message: `${display} can't be ported from this account. Contact support if you think it should be.`,
      };
    }
    if (openRow) {
      return { ...check, problem: "in_open_request", message: `${display} is already in open porting request ${openRow.reference}.` };
    }
    if (voiceRow) {
      return { ...check, problem: "on_account", message: `${display} is already on a voice account.` };
    }
    return check;
  });
}
