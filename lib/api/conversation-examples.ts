// Examples of the conversation and document answers for the OpenAPI document; the contract test
// checks each against its schema.

export const commentExample = {
  id: "6c1f0e9a-3b2d-4f5e-8a7b-1c2d3e4f5a6b",
  body: "KPN has a different address on file for your company. Can you send an invoice from KPN that shows the address they use?",
  author: { role: "support", name: "Sam from support" },
  internal: false,
  asksForInformation: true,
  createdAt: "2026-05-12T09:30:00.000Z",
} as const;

export const pendingUploadExample = {
  id: "0b9f6f1e-5c1d-4e8a-9d7a-2f1c3b4a5d6e",
  kind: "letter_of_authorisation",
  fileName: "letter-of-authorisation.pdf",
  contentType: "application/pdf",
  size: 184_320,
  createdAt: "2026-05-12T09:00:00.000Z",
  expiresAt: "2026-05-13T09:00:00.000Z",
} as const;

export const requestDocumentExample = {
  id: "0b9f6f1e-5c1d-4e8a-9d7a-2f1c3b4a5d6e",
  kind: "invoice",
  fileName: "kpn-invoice-april.pdf",
  contentType: "application/pdf",
  size: 96_512,
  uploadedBy: { role: "customer", name: "Anna de Vries" },
  addedAfterCreation: true,
  createdAt: "2026-05-12T10:15:00.000Z",
} as const;
