// Who is calling. Built only from the session or an API key, never from input. Every domain verb
// takes one; the tenant (accountId) of a customer is always this one.

export type CustomerActor = {
  role: "customer";
  userId: string;
  name: string;
  email: string;
  accountId: string;
  /** admin: invites and manages the account's users, webhooks and signing secrets; member: the rest. */
  accountRole: "admin" | "member";
};

export type SupportActor = {
  role: "support";
  userId: string;
  name: string;
  email: string;
  accountId: null;
};

export type Actor = CustomerActor | SupportActor;

/** Status changes made by the platform itself (none yet; kept for history entries). */
export type SystemActor = { role: "system"; userId: null; name: string };
