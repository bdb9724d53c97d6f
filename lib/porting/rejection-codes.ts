import type { ProfileField } from "./countries";
import type { DocumentKind } from "./values";

// Why support rejected a request, as data beside the transition table (DESIGN.md, "Rejections are
// structured"): every Blocked request carries at least one of these codes, each saying what the
// customer must fix and what it points at, so the request page, the email, the GET JSON (and so
// the callback) and the corrected-request wizard all show the problem next to the thing to change.
// Append only: stored rejections name these codes, and a code that disappeared would lose its text.
// Pure data, safe to import from client code.

export const REJECTION_CODES = [
  "company_name",
  "registration_number",
  "address",
  "authorised_representative",
  "letter_of_authorisation",
  "invoice",
  "number_not_with_provider",
  "incomplete_number_block",
  "numbers_not_portable",
  "current_provider",
  "contract_term",
  "other",
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

/** What a rejection code points at: where the customer makes the fix. */
export type RejectionTarget =
  | { type: "company_profile"; fields: readonly ProfileField[] }
  | { type: "document"; documentKind: DocumentKind }
  | { type: "numbers" }
  | { type: "current_provider" }
  | { type: "contract" }
  | { type: "other" };

export type RejectionTargetType = RejectionTarget["type"];

export type RejectionCodeInfo = {
  code: RejectionCode;
  /** Short, for checkboxes and headings: "Company name". */
  label: string;
  /** Customer-facing: what is wrong and what to do about it. */
  description: string;
  pointsAt: RejectionTarget;
};

const profile = (...fields: ProfileField[]): RejectionTarget => ({ type: "company_profile", fields });

export const REJECTION_CATALOGUE = {
  company_name: {
    code: "company_name",
    label: "Company name",
    description:
      "The company name does not match the name the current provider has for the contract holder. Use the name exactly as it is on the provider's contract or invoice.",
    pointsAt: profile("companyName"),
  },
  registration_number: {
    code: "registration_number",
    label: "Registration number",
    description:
      "The business registration number (the KvK number in the Netherlands) does not belong to this company or is not valid. Check it in the trade register and correct it in the company profile.",
    pointsAt: profile("registrationNumber"),
  },
  address: {
    code: "address",
    label: "Address",
    description:
      "The address differs from the address the current provider has registered. Use the address as it is on the provider's invoice.",
    pointsAt: profile("street", "postalCode", "city", "addressCountry"),
  },
  authorised_representative: {
    code: "authorised_representative",
    label: "Authorised representative",
    description:
      "The authorised representative is missing, may not sign for the company, or is not the person who signed the letter of authorisation. Name a person who may sign for the company.",
    pointsAt: profile("representativeFirstName", "representativeLastName", "representativePhone"),
  },
  letter_of_authorisation: {
    code: "letter_of_authorisation",
    label: "Letter of authorisation missing or invalid",
    description:
      "The letter of authorisation is missing, incomplete, unreadable or not signed by the authorised representative. Upload the complete letter, signed by the representative named in the company profile.",
    pointsAt: { type: "document", documentKind: "letter_of_authorisation" },
  },
  invoice: {
    code: "invoice",
    label: "Invoice missing or not matching",
    description:
      "The invoice is missing, too old, or does not show this company and these numbers. Upload a recent invoice of the current provider that lists the numbers.",
    pointsAt: { type: "document", documentKind: "invoice" },
  },
  number_not_with_provider: {
    code: "number_not_with_provider",
    label: "Number not with this provider",
    description:
      "These numbers are not registered with the current provider you named, or not to this company. Check who holds them now, and leave out the numbers that are elsewhere.",
    pointsAt: { type: "numbers" },
  },
  incomplete_number_block: {
    code: "incomplete_number_block",
    label: "Incomplete number block",
    description:
      "These numbers belong to a number block, and a block can only be ported as a whole. Add the other numbers of the block to the request.",
    pointsAt: { type: "numbers" },
  },
  numbers_not_portable: {
    code: "numbers_not_portable",
    label: "Numbers not portable",
    description:
      "These numbers can't be ported (for example, service numbers, or numbers ported very recently). Leave them out of the request.",
    pointsAt: { type: "numbers" },
  },
  current_provider: {
    code: "current_provider",
    label: "Current provider",
    description: "The current provider you named does not hold these numbers. Name the provider that holds them now, as on its invoice.",
    pointsAt: { type: "current_provider" },
  },
  contract_term: {
    code: "contract_term",
    label: "Contract term",
    description:
      "The contract with the current provider does not allow porting now, for example because a minimum term still runs. Choose the contract scenario that fits (such as early termination), or port when the term ends.",
    pointsAt: { type: "contract" },
  },
  other: {
    code: "other",
    label: "Other",
    description: "See the reason from support for what to change.",
    pointsAt: { type: "other" },
  },
} as const satisfies { [C in RejectionCode]: RejectionCodeInfo & { code: C } };

export const REJECTION_CODE_LIST: readonly RejectionCodeInfo[] = REJECTION_CODES.map((c) => REJECTION_CATALOGUE[c]);

export function isRejectionCode(value: string): value is RejectionCode {
  return (REJECTION_CODES as readonly string[]).includes(value);
}

/** Info for a stored code; a code unknown to this catalogue (never removed, but be safe) reads as "other". */
export function rejectionCodeInfo(code: string): RejectionCodeInfo {
  return isRejectionCode(code) ? REJECTION_CATALOGUE[code] : { ...REJECTION_CATALOGUE.other, code: "other" };
}

/** Codes that name some of the request's numbers. */
export function isNumberCode(code: RejectionCode): boolean {
  return REJECTION_CATALOGUE[code].pointsAt.type === "numbers";
}

/** The labels of what a code points at, for lists: "Company profile", "Letter of authorisation", … */
export const REJECTION_TARGET_LABELS: Record<RejectionTargetType, string> = {
  company_profile: "Company profile",
  document: "Document",
  numbers: "Numbers",
  current_provider: "Current provider",
  contract: "Contract",
  other: "Other",
};

// ---- stored form ----------------------------------------------------------------------------------

/** One code of a rejection as stored with the Blocked event: number codes name numbers (E.164), others none. */
export type StoredRejectionCode = { code: RejectionCode; numbers: string[] };

/**
 * The company profile's fields as they were when the request was rejected: profiles are edited in
 * place, so without this, "what changed since the rejection" could not say what the profile held.
 */
export type ProfileSnapshot = {
  id: string;
  name: string;
  companyName: string;
  registrationNumber: string | null;
  vatNumber: string | null;
  representativeFirstName: string | null;
  representativeLastName: string | null;
  representativePhone: string | null;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  addressCountry: string | null;
};

/** The `rejection` column of a Blocked event (porting_request_events). */
export type StoredRejection = { codes: StoredRejectionCode[]; profile: ProfileSnapshot | null };

/** A code with its explanation: what the GET JSON, the email and the pages show. */
export type RejectionCodeDetail = RejectionCodeInfo & { numbers: string[] };

export function describeRejectionCodes(codes: readonly StoredRejectionCode[]): RejectionCodeDetail[] {
  return codes.map((c) => ({ ...rejectionCodeInfo(c.code), numbers: [...c.numbers] }));
}

// ---- where each problem shows ---------------------------------------------------------------------

/** A rejection code as the pages hold it (the DTO's or the GET JSON's shape). */
export type RejectionProblem = {
  code: string;
  label: string;
  description: string;
  pointsAt: { type: string; fields?: readonly string[]; documentKind?: string };
  numbers: readonly string[];
};

/** The problems of a rejection by the part of the request they concern, for marking each part. */
export type FlaggedParts<P extends RejectionProblem = RejectionProblem> = {
  profileFields: Map<string, P[]>;
  documents: Map<string, P[]>;
  numbers: Map<string, P[]>;
  currentProvider: P[];
  contract: P[];
  other: P[];
};

export function flaggedParts<P extends RejectionProblem>(problems: readonly P[]): FlaggedParts<P> {
  const out: FlaggedParts<P> = { profileFields: new Map(), documents: new Map(), numbers: new Map(), currentProvider: [], contract: [], other: [] };
  const add = (map: Map<string, P[]>, key: string, problem: P) => map.set(key, [...(map.get(key) ?? []), problem]);
  for (const problem of problems) {
    switch (problem.pointsAt.type) {
      case "company_profile":
        for (const field of problem.pointsAt.fields ?? []) add(out.profileFields, field, problem);
        break;
      case "document":
        if (problem.pointsAt.documentKind) add(out.documents, problem.pointsAt.documentKind, problem);
        break;
      case "numbers":
        for (const number of problem.numbers) add(out.numbers, number, problem);
        break;
      case "current_provider":
        out.currentProvider.push(problem);
        break;
      case "contract":
        out.contract.push(problem);
        break;
      default:
        out.other.push(problem);
    }
  }
  return out;
}
