"use client";

import Link from "next/link";
import type { FieldErrors, UseFormRegister } from "react-hook-form";
import { ButtonLink } from "@/components/ui/button";
import { FieldError } from "@/components/ui/labelled-field";
import { COUNTRIES, NUMBER_TYPE_LABELS, countryName, countryNameInText } from "@/lib/porting/countries";
import type { NewRequestProfile } from "@/lib/porting/new-request-options";
import type { RejectionProblem } from "@/lib/porting/rejection-codes";
import { checkProfileRequirements, type ProfileRequirementsResult } from "@/lib/porting/profile-requirements";
import type { CountryCode, NumberType } from "@/lib/porting/values";
import type { RequestFormInput } from "./new-request-model";
import { ProfileFixer } from "./profile-fixer";

export type ProfileVerdict = { profile: NewRequestProfile; result: ProfileRequirementsResult };

/** Every profile of the account with its verdict for this country and type; usable ones first. */
export function profileVerdicts(profiles: readonly NewRequestProfile[], country: CountryCode, numberType: NumberType): ProfileVerdict[] {
  const verdicts = profiles.map((profile) => ({ profile, result: checkProfileRequirements(profile, country, numberType) }));
  return [...verdicts.filter((v) => v.result.ok), ...verdicts.filter((v) => !v.result.ok)];
}

export const profileEditHref = (id: string) => `/company-profiles/${id}/edit`;

export function NewRequestProfileStep({
  register,
  errors,
  verdicts,
  country,
  numberType,
  selectedId = "",
  flaggedFields,
  onProfileSaved,
}: {
  register: UseFormRegister<RequestFormInput>;
  errors: FieldErrors<RequestFormInput>;
  verdicts: readonly ProfileVerdict[];
  country: CountryCode;
  numberType: NumberType;
  /** The chosen profile (a corrected request: the one the Blocked request named). */
  selectedId?: string;
  /** A corrected request: the profile fields support flagged, fixed in place below the list. */
  flaggedFields?: ReadonlyMap<string, readonly RejectionProblem[]>;
  onProfileSaved?: (profile: NewRequestProfile) => void;
}) {
  const toFix = flaggedFields && flaggedFields.size > 0 ? verdicts.find((v) => v.profile.id === selectedId)?.profile : undefined;
  const usable = verdicts.filter((v) => v.result.ok).length;
  const what = `${NUMBER_TYPE_LABELS[numberType].toLowerCase()} numbers from ${countryNameInText(country)}`;

  if (verdicts.length === 0) {
    return (
      <div className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-10 text-center">
        <h3 className="text-base font-semibold text-slate-900">No company profile yet</h3>
        <p className="mx-auto mt-1 max-w-md text-sm text-slate-600">
          A porting request names the company that holds the numbers. Create a company profile with the details {COUNTRIES[country].name} requires, then come back.
        </p>
        <ButtonLink href="/company-profiles/new" className="mt-4">
          Create a company profile
        </ButtonLink>
      </div>
    );
  }

  return (
    <fieldset aria-describedby="profile-summary">
      <legend className="text-sm font-semibold text-slate-900">Which company holds the numbers?</legend>
      <p id="profile-summary" className="mt-1 text-sm text-slate-600">
        {usable === 0
          ? `None of your company profiles meets the requirements for ${what} yet. Complete one, then choose it here.`
          : `${usable} of ${verdicts.length} ${verdicts.length === 1 ? "profile meets" : "profiles meet"} the requirements for ${what}.`}
      </p>
      <FieldError id="companyProfileId-error">{errors.companyProfileId?.message}</FieldError>
      <ul className="mt-4 space-y-3">
        {verdicts.map(({ profile, result }) => {
          const nameId = `profile-${profile.id}-name`;
          const statusId = `profile-${profile.id}-status`;
          const address = [profile.street, [profile.postalCode, profile.city].filter(Boolean).join(" "), profile.addressCountry ? countryName(profile.addressCountry) : null]
            .filter(Boolean)
            .join(", ");
          return (
            <li
              key={profile.id}
              data-testid="company-profile-option"
              className={`flex flex-wrap gap-3 rounded-lg border p-4 text-sm shadow-sm ${
                result.ok
                  ? "border-slate-300 bg-white has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 has-[:checked]:ring-1 has-[:checked]:ring-brand-600 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-500"
                  : "border-amber-300 bg-amber-50/50"
              }`}
            >
              <label className={`flex min-w-0 flex-1 basis-64 gap-3 ${result.ok ? "cursor-pointer" : "cursor-not-allowed"}`}>
                <input
                  type="radio"
                  value={profile.id}
                  disabled={!result.ok}
                  aria-labelledby={nameId}
                  aria-describedby={statusId}
                  {...register("companyProfileId")}
                  className="mt-0.5 h-4 w-4 shrink-0 accent-brand-600"
                />
                <span className="min-w-0 flex-1">
                  <span className="flex flex-wrap items-baseline gap-x-2">
                    <span id={nameId} className="font-semibold text-slate-900">
                      {profile.name}
                    </span>
                    <span className="text-slate-600">{profile.companyName}</span>
                  </span>
                  {address ? <span className="mt-0.5 block text-slate-600">{address}</span> : null}
                  {profile.registrationNumber ? (
                    <span className="mt-0.5 block text-slate-500">Registration number {profile.registrationNumber}</span>
                  ) : null}
                  <span id={statusId} className="mt-2 block">
                    {result.ok ? (
                      <span className="inline-flex items-center gap-1.5 font-medium text-green-800">
                        <span aria-hidden>✓</span> Meets the requirements for {what}
                      </span>
                    ) : (
                      <span className="block text-amber-900">
                        <span className="font-medium">Can’t be used for this request:</span>
                        <span className="mt-1 block space-y-0.5">
                          {result.problems.map((p) => (
                            <span key={p.message} className="block">
                              {p.message}
                            </span>
                          ))}
                        </span>
                      </span>
                    )}
                  </span>
                </span>
              </label>
              {!result.ok ? (
                <Link
                  href={profileEditHref(profile.id)}
                  className="ml-7 shrink-0 self-start rounded-md border border-amber-400 bg-white px-2.5 py-1 text-sm font-medium text-amber-900 hover:bg-amber-100 sm:ml-0"
                >
                  Fix the profile<span className="sr-only"> {profile.name}</span>
                </Link>
              ) : null}
            </li>
          );
        })}
      </ul>
      {toFix && flaggedFields && onProfileSaved ? (
        <ProfileFixer key={toFix.id} profile={toFix} country={country} flagged={flaggedFields} onSaved={onProfileSaved} />
      ) : null}
      <p className="mt-4 text-sm text-slate-600">
        Need another one?{" "}
        <Link href="/company-profiles/new" className="font-medium text-brand-700 underline underline-offset-2">
          Create a company profile
        </Link>
        .
      </p>
    </fieldset>
  );
}
