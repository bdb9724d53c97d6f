import type { NumberType } from "@/lib/porting/values";

// A number on the account's voice platform: what `/numbers` shows and `/api/v1/numbers` returns.

export type VoiceNumberDto = {
  /** E.164. Unique across the platform: a number lives on one voice account at a time. */
  number: string;
  type: NumberType;
  distributionGroupId: string | null;
  distributionGroupName: string | null;
  /** The porting request that brought it here (null when it arrived another way). */
  portingRequestId: string | null;
  portingRequestReference: string | null;
  createdAt: string;
};

export type VoiceNumberPage = {
  items: VoiceNumberDto[];
  /** Opaque; pass back as `cursor` for the next page. Null on the last page. */
  nextCursor: string | null;
};
