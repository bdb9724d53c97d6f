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
  /**
   * The mode of the API key that calls (DESIGN.md, Sandbox): true for a test key, which sees and
   * makes only the account's sandbox requests; false for a live key, which never sees them.
   * Absent for a browser session: it reads a request of either kind by id (a sandbox request's
   * page says so), and its lists, counts and exports are live unless the page asks for the sandbox.
   */
  sandbox?: boolean;
};

export type SupportActor = {
  role: "support";
  userId: string;
  name: string;
  email: string;
  accountId: null;
};

export type Actor = CustomerActor | SupportActor;

/** Status changes made by the platform itself: a scheduled completion, the sandbox's simulated provider. */
export type SystemActor = { role: "system"; userId: null; name: string };
