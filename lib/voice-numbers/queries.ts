import "server-only";
import { and, eq, type SQL } from "drizzle-orm";
import type { Executor } from "@/db";
import { distributionGroups, portingRequests, voiceNumbers } from "@/db/schema";
import type { VoiceNumberDto } from "./dto";

// The one read of voice numbers with their group and origin, always inside one account. The joins
// repeat the account, so a row can never show another account's group or request.

export async function selectVoiceNumbers(
  db: Executor,
  accountId: string,
  where: SQL | undefined,
  options: { limit?: number } = {},
): Promise<VoiceNumberDto[]> {
  const query = db
    .select({
      number: voiceNumbers.number,
      type: voiceNumbers.type,
      distributionGroupId: voiceNumbers.distributionGroupId,
      distributionGroupName: distributionGroups.name,
      portingRequestId: voiceNumbers.portingRequestId,
      portingRequestReference: portingRequests.reference,
      createdAt: voiceNumbers.createdAt,
    })
    .from(voiceNumbers)
    .leftJoin(
      distributionGroups,
      and(eq(distributionGroups.id, voiceNumbers.distributionGroupId), eq(distributionGroups.accountId, accountId)),
    )
    .leftJoin(portingRequests, and(eq(portingRequests.id, voiceNumbers.portingRequestId), eq(portingRequests.accountId, accountId)))
    .where(and(eq(voiceNumbers.accountId, accountId), where))
    .orderBy(voiceNumbers.number)
    .$dynamic();
  const rows = await (options.limit !== undefined ? query.limit(options.limit) : query);
  return rows.map((row) => ({
    number: row.number,
    type: row.type,
    distributionGroupId: row.distributionGroupName === null ? null : row.distributionGroupId,
    distributionGroupName: row.distributionGroupName,
    portingRequestId: row.portingRequestReference === null ? null : row.portingRequestId,
    portingRequestReference: row.portingRequestReference,
    createdAt: row.createdAt.toISOString(),
  }));
}
