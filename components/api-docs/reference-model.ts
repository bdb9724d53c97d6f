import type { JsonSchema } from "./schema-view";

// The reference page's structure: the order of its sections, their anchors, and the shape of an
// operation in the generated OpenAPI document the page renders.

export type Operation = {
  operationId: string;
  summary: string;
  description: string;
  "x-roles": readonly string[];
  parameters?: { name: string; in: string; required: boolean; description?: string; schema: JsonSchema; example?: string }[];
  /** JSON, or (document uploads) multipart/form-data; adding a document takes either. */
  requestBody?: { required: boolean; content: Partial<Record<"application/json" | "multipart/form-data", { schema: JsonSchema; example?: unknown }>> };
  responses: Record<string, { $ref?: string; description?: string; content?: Record<string, { schema: JsonSchema; example?: unknown }> }>;
};

export const TAG_ORDER = ["Countries", "Company profiles", "Porting requests", "Events", "Webhooks", "Support", "Distribution groups", "Numbers"] as const;
export const anchor = (operationId: string) => `op-${operationId}`;
export const tagAnchor = (tag: string) => `tag-${tag.toLowerCase().replace(/\s+/g, "-")}`;

export const GUIDES = [
  { id: "quick-start", label: "Quick start" },
  { id: "authentication", label: "Authentication" },
  { id: "requests", label: "Requests and responses" },
  { id: "errors", label: "Errors" },
  { id: "idempotency", label: "Idempotency" },
  { id: "rate-limits", label: "Rate limits" },
  { id: "pagination", label: "Pagination" },
  { id: "statuses", label: "Statuses and actions" },
  { id: "rejections", label: "Rejections and corrected requests" },
  { id: "callbacks", label: "Callbacks" },
  { id: "events", label: "Event stream" },
  { id: "webhook-endpoints", label: "Webhook endpoints" },
  { id: "sandbox", label: "Sandbox" },
] as const;

/** The objects documented at the end of the page, in this order. */
export const RESPONSE_SCHEMAS = ["PortingRequest", "PhoneNumber", "HistoryEntry", "Status", "Country", "CountryRequirements", "CompanyProfile", "DistributionGroup", "VoiceNumber", "Problem"];
