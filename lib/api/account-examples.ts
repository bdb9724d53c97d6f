// Examples for the accounts-and-access endpoints of the OpenAPI document (lib/api/account-endpoints.ts);
// the contract test checks each against its schema.

export const EXAMPLE_ACCOUNT_ID = "5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a";
export const EXAMPLE_INVITATION_ID = "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d";
export const EXAMPLE_USER_ID = "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e";

export const createAccountExample = { name: "Acme B.V.", country: "NL" };

export const accountExample = { id: EXAMPLE_ACCOUNT_ID, name: "Acme B.V.", country: "NL", createdAt: "2026-05-04T09:12:45.120Z" };

export const createInvitationExample = { email: "ines@acme.example", name: "Ines Bakker", role: "admin" };

export const invitationExample = {
  id: EXAMPLE_INVITATION_ID,
  email: "ines@acme.example",
  name: "Ines Bakker",
  role: "admin",
  expiresAt: "2026-05-11T09:14:02.311Z",
  createdAt: "2026-05-04T09:14:02.311Z",
  expired: false,
};

export const accountUserExample = {
  id: EXAMPLE_USER_ID,
  email: "ines@acme.example",
  name: "Ines Bakker",
  role: "admin",
  disabled: false,
  lastSignInAt: "2026-05-04T09:20:11.902Z",
};

export const auditEventExample = {
  id: "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f",
  at: "2026-05-04T09:14:02.311874Z",
  actor: { name: "Anna de Vries", role: "customer:admin", userId: "8f7e6d5c-4b3a-4291-8f7e-6d5c4b3a2918", apiKey: null },
  action: "user.role_changed",
  object: { type: "user", id: EXAMPLE_USER_ID },
  changes: { email: "ines@acme.example", role: { from: "member", to: "admin" } },
};
