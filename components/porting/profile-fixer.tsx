"use client";

import { useId, useState, useTransition } from "react";
import { updateCompanyProfileAction } from "@/app/(app)/company-profiles/actions";
import { Button } from "@/components/ui/button";
import { FieldError, inputClass } from "@/components/ui/labelled-field";
import { Spinner } from "@/components/ui/spinner";
import type { CompanyProfileDto } from "@/lib/company-profiles/dto";
import { profileFieldLabel, type ProfileField } from "@/lib/porting/countries";
import type { NewRequestProfile } from "@/lib/porting/new-request-options";
import type { RejectionProblem } from "@/lib/porting/rejection-codes";
import type { CountryCode } from "@/lib/porting/values";
import { ProblemMarker } from "./rejection-problems";

// The corrected-request wizard's profile fix, in place (issue 14 item 2): the company profile
// fields support flagged, with their values, editable right here and saved to the profile (the
// same update, checks and audit as the profile page). The profile is shared by the account's
// requests, so the button says which profile it changes.

type EditableField = Exclude<ProfileField, "notificationEmails">;

export function ProfileFixer({
  profile,
  country,
  flagged,
  onSaved,
}: {
  profile: NewRequestProfile;
  country: CountryCode;
  /** The flagged fields with the problems that flag them, in catalogue order. */
  flagged: ReadonlyMap<string, readonly RejectionProblem[]>;
  onSaved: (profile: NewRequestProfile) => void;
}) {
  const ids = useId();
  const fields = [...flagged.keys()].filter((f): f is EditableField => f !== "notificationEmails");
  const initial = () => Object.fromEntries(fields.map((f) => [f, profile[f] ?? ""])) as Record<EditableField, string>;
  const [values, setValues] = useState<Record<EditableField, string>>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const [saving, startSaving] = useTransition();
  if (fields.length === 0) return null;

  const changed = fields.filter((f) => (values[f] ?? "") !== (profile[f] ?? ""));

  function save() {
    setMessage(null);
    setErrors({});
    const changes = Object.fromEntries(changed.map((f) => [f, values[f].trim() === "" ? null : values[f]]));
    startSaving(async () => {
      const result = await updateCompanyProfileAction({ id: profile.id, ...changes }).catch(() => null);
      if (!result) {
        setMessage({ tone: "error", text: "We couldn't reach the server. Check your connection and try again." });
        return;
      }
      if (!result.ok) {
        const fieldErrors = Object.fromEntries(Object.entries(result.fieldErrors ?? {}).map(([k, v]) => [k, v.join(" ")]));
        setErrors(fieldErrors);
        setMessage({ tone: "error", text: Object.keys(fieldErrors).length > 0 ? "Some fields need attention." : result.message });
        return;
      }
      const saved = fromDto(result.data);
      setValues(Object.fromEntries(fields.map((f) => [f, saved[f] ?? ""])) as Record<EditableField, string>);
      onSaved(saved);
      setMessage({ tone: "ok", text: `Saved to the profile “${saved.name}”.` });
    });
  }

  return (
    <div className="mt-3 rounded-lg border border-red-200 bg-red-50/50 p-4" data-testid="profile-fixer">
      <h4 className="text-sm font-semibold text-slate-900">Fix the flagged details of “{profile.name}”</h4>
      <p className="mt-0.5 text-sm text-slate-600">Saved to the company profile itself, so later requests use them too.</p>
      <div className="mt-3 grid gap-3 sm:grid-cols-2">
        {fields.map((field) => {
          const id = `${ids}-${field}`;
          const error = errors[field];
          return (
            <div key={field}>
              <label htmlFor={id} className="block text-sm font-medium text-slate-800">
                {profileFieldLabel(country, field)}
              </label>
              <input
                id={id}
                value={values[field] ?? ""}
                onChange={(e) => setValues((v) => ({ ...v, [field]: e.target.value }))}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${id}-error` : `${id}-problem`}
                className={inputClass(Boolean(error), "mt-1")}
              />
              <span id={`${id}-problem`}>
                <ProblemMarker problems={flagged.get(field) ?? []} />
              </span>
              <FieldError id={`${id}-error`}>{error}</FieldError>
            </div>
          );
        })}
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <Button variant="secondary" onClick={save} disabled={saving || changed.length === 0}>
          {saving ? (
            <>
              <Spinner /> Saving…
            </>
          ) : (
            `Save to “${profile.name}”`
          )}
        </Button>
        <span aria-live="polite" className="text-sm">
          {message ? <span className={message.tone === "ok" ? "text-green-800" : "text-red-700"}>{message.text}</span> : null}
          {!message && changed.length === 0 ? <span className="text-slate-500">Change a value to save it.</span> : null}
        </span>
      </div>
    </div>
  );
}

function fromDto(dto: CompanyProfileDto): NewRequestProfile {
  return {
    id: dto.id,
    name: dto.name,
    companyName: dto.companyName,
    registrationNumber: dto.registrationNumber,
    vatNumber: dto.vatNumber,
    representativeFirstName: dto.representative.firstName,
    representativeLastName: dto.representative.lastName,
    representativePhone: dto.representative.phone,
    street: dto.address.street,
    postalCode: dto.address.postalCode,
    city: dto.address.city,
    addressCountry: dto.address.country,
    country: dto.country,
    numberTypes: dto.numberTypes,
    notificationEmails: dto.notificationEmails,
  };
}
