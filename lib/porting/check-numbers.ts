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

  const { openByNumber, voiceByNumber } = await numberHolders(db, candidates);

  return checks.map((check) => {
    if (check.problem || !check.e164) return check;
    const display = shownNumber(check.input, formatNumber(check.e164));
    const holder = holderOf(check.e164, input.accountId, openByNumber, voiceByNumber);
    // Another account's numbers are not ours to describe: whether one is being ported or already
    // on a voice account, and by whom, would tell a customer about someone else's business (and
    // a list of 500 numbers at a time would map it). One answer for both, pointing to support.
    if (holder?.kind === "other_account") {
      return {
        ...check,
        problem: "unavailable",
        message: `${display} can't be ported from this account. Contact support if you think it should be.`,
      };
    }
    if (holder?.kind === "open_request") {
      return { ...check, problem: "in_open_request", message: `${display} is already in open porting request ${holder.reference}.` };
    }
    if (holder?.kind === "voice_account") {
      return { ...check, problem: "on_account", message: `${display} is already on a voice account.` };
    }
    return check;
  });
}

export type NumberHolder = { kind: "other_account" } | { kind: "open_request"; reference: string } | { kind: "voice_account" };

type Holders = Awaited<ReturnType<typeof numberHolders>>;

/** Who holds a number now, as this account may learn it: another account is never described. */
export function holderOf(e164: string, accountId: string, openByNumber: Holders["openByNumber"], voiceByNumber: Holders["voiceByNumber"]): NumberHolder | null {
  const openRow = openByNumber.get(e164);
  const voiceRow = voiceByNumber.get(e164);
  if ((openRow && openRow.accountId !== accountId) || (!openRow && voiceRow && voiceRow.accountId !== accountId)) return { kind: "other_account" };
  if (openRow) return { kind: "open_request", reference: openRow.reference };
  if (voiceRow) return { kind: "voice_account" };
  return null;
}

/** The open requests and voice accounts holding any of these E.164 numbers (any account). */
export async function numberHolders(db: Executor, candidates: readonly string[]) {
  if (candidates.length === 0) {
    return { openByNumber: new Map<string, { accountId: string; reference: string }>(), voiceByNumber: new Map<string, { accountId: string }>() };
  }
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
    .where(and(inArray(portingRequestNumbers.number, [...candidates]), eq(portingRequestNumbers.open, true)));
  const onVoice = await db
    .select({ number: voiceNumbers.number, accountId: voiceNumbers.accountId })
    .from(voiceNumbers)
    .where(inArray(voiceNumbers.number, [...candidates]));

  return {
    openByNumber: new Map(open.map((o) => [o.number, { accountId: o.accountId, reference: o.reference }])),
    voiceByNumber: new Map(onVoice.map((v) => [v.number, { accountId: v.accountId }])),
  };
}
