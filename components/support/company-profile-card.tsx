import type { ReactNode } from "react";
import { countryName, countryNameInText, isCountryCode, NUMBER_TYPE_LABELS, profileFieldLabel } from "@/lib/porting/countries";
import type { ProfileProblem } from "@/lib/porting/profile-requirements";
import type { NumberType } from "@/lib/porting/values";
import { Field } from "./section";

// A company profile in full, with whether it meets its country's requirements. Server-safe.

export type ProfileFields = {
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
  country: string;
  numberTypes: NumberType[];
  notificationEmails: string[];
};

export type RequirementCheck = { label: string; ok: boolean; problems: ProfileProblem[] };

const missing = <span className="text-slate-400">—</span>;

export function ProfileDetails({ profile }: { profile: ProfileFields }) {
  const label = (field: Parameters<typeof profileFieldLabel>[1], fallback: string) =>
    isCountryCode(profile.country) ? profileFieldLabel(profile.country, field) : fallback;
  const representative = [profile.representativeFirstName, profile.representativeLastName].filter(Boolean).join(" ");
  const address: ReactNode[] = [
    profile.street,
    [profile.postalCode, profile.city].filter(Boolean).join(" "),
    profile.addressCountry ? countryName(profile.addressCountry) : null,
  ].filter((line): line is string => Boolean(line));
  return (
    <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2 lg:grid-cols-1">
      <Field label="Company name">{profile.companyName}</Field>
      <Field label={label("registrationNumber", "Registration number")}>{profile.registrationNumber ?? missing}</Field>
      <Field label={label("vatNumber", "VAT number")}>{profile.vatNumber ?? missing}</Field>
      <Field label="Authorised representative">
        {representative || missing}
        {profile.representativePhone ? <span className="block text-slate-600">{profile.representativePhone}</span> : null}
      </Field>
      <Field label="Address">
        {address.length > 0
          ? address.map((line, i) => (
              <span key={i} className="block">
                {line}
              </span>
            ))
          : missing}
      </Field>
      <Field label="Operates in">
        {countryName(profile.country)}
        <span className="block text-slate-600">
          {profile.numberTypes.length > 0 ? profile.numberTypes.map((t) => NUMBER_TYPE_LABELS[t]).join(", ") : "No number types"}
        </span>
      </Field>
      <Field label="Notification emails">
        {profile.notificationEmails.length > 0
          ? profile.notificationEmails.map((email) => (
              <span key={email} className="block break-all">
                {email}
              </span>
            ))
          : missing}
      </Field>
    </dl>
  );
}

/** "geographic numbers from the Netherlands": what a check is about, as it reads in a sentence. */
export function checkLabel(country: string, types: NumberType[]): string {
  const names = types.map((t) => NUMBER_TYPE_LABELS[t].toLowerCase());
  const list = names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : (names[0] ?? "");
  return `${list} numbers from ${countryNameInText(country)}`;
}

/** Per-type results of a profile, with the types that pass folded into one line. */
export function groupChecks(
  country: string,
  checks: { numberType: NumberType; ok: boolean; problems: ProfileProblem[] }[],
): RequirementCheck[] {
  const passing = checks.filter((c) => c.ok).map((c) => c.numberType);
  const failing = checks.filter((c) => !c.ok);
  return [
    ...(passing.length > 0 ? [{ label: checkLabel(country, passing), ok: true, problems: [] }] : []),
    ...failing.map((c) => ({ label: checkLabel(country, [c.numberType]), ok: false, problems: c.problems })),
  ];
}

/** "Meets the requirements" or the list of what is missing, per check. */
export function RequirementResult({ checks }: { checks: RequirementCheck[] }) {
  if (checks.length === 0) {
    return <RequirementLine ok={false} text="Lists no number types, so it can back no request." />;
  }
  return (
    <ul className="space-y-2">
      {checks.map((check) => (
        <li key={check.label}>
          <RequirementLine
            ok={check.ok}
            text={check.ok ? `Meets the requirements for ${check.label}.` : `Does not meet the requirements for ${check.label}:`}
          />
          {!check.ok && check.problems.length > 0 ? (
            <ul className="mt-1 list-disc space-y-0.5 pl-9 text-sm text-red-800">
              {check.problems.map((p) => (
                <li key={`${p.field}-${p.kind}`}>{p.message}</li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function RequirementLine({ ok, text }: { ok: boolean; text: string }) {
  return (
    <p className={`flex items-start gap-2 text-sm font-medium ${ok ? "text-green-800" : "text-red-800"}`}>
      <span
        aria-hidden
        className={`mt-0.5 grid h-5 w-5 shrink-0 place-items-center rounded-full text-xs text-white ${ok ? "bg-green-600" : "bg-red-600"}`}
      >
        {ok ? "✓" : "!"}
      </span>
      <span>{text}</span>
    </p>
  );
}
