import type { DistributionGroup } from "@/db/schema";

// What the distribution-group verbs return, to pages and `/api/v1/distribution-groups` alike.

export type DistributionGroupDto = {
  id: string;
  name: string;
  /** In ring order; SIP URIs or E.164 numbers (the same shape the create and update inputs take). */
  destinations: string[];
  /** Voice numbers whose calls go to this group. */
  numbersCount: number;
  /** Porting requests not yet final that will assign their numbers to this group. */
  openPortingRequestsCount: number;
  /** False while numbers or open porting requests use it; `inUseReason` then says why. */
  deletable: boolean;
  inUseReason: string | null;
  createdAt: string;
  updatedAt: string;
};

export type GroupUsage = { numbersCount: number; openPortingRequestsCount: number };

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** "in use by 3 numbers and 1 open porting request", or null when unused. */
export function inUseReason(usage: GroupUsage): string | null {
  const parts: string[] = [];
  if (usage.numbersCount > 0) parts.push(plural(usage.numbersCount, "number", "numbers"));
  if (usage.openPortingRequestsCount > 0) parts.push(plural(usage.openPortingRequestsCount, "open porting request", "open porting requests"));
  return parts.length ? `in use by ${parts.join(" and ")}` : null;
}

export function toDistributionGroupDto(group: DistributionGroup, usage: GroupUsage): DistributionGroupDto {
  const reason = inUseReason(usage);
  return {
    id: group.id,
    name: group.name,
    destinations: group.destinations,
    numbersCount: usage.numbersCount,
    openPortingRequestsCount: usage.openPortingRequestsCount,
    deletable: reason === null,
    inUseReason: reason,
    createdAt: group.createdAt.toISOString(),
    updatedAt: group.updatedAt.toISOString(),
  };
}
