"use client";

import Link from "next/link";
import type { FieldErrors, UseFormRegister } from "react-hook-form";
import { FieldError, LabelledField, inputClass } from "@/components/ui/labelled-field";
import { CONTRACT_SCENARIO_INFO, COUNTRIES, countryNameInText } from "@/lib/porting/countries";
import type { NewRequestGroup } from "@/lib/porting/new-request-options";
import type { RejectionProblem } from "@/lib/porting/rejection-codes";
import { MAX_COMMENT_LENGTH, MAX_CUSTOMER_REFERENCE_LENGTH, PREFERRED_DATE_EARLIEST_HOUR_UTC, PREFERRED_DATE_LATEST_HOUR_UTC } from "@/lib/porting/schemas";
import type { CountryCode } from "@/lib/porting/values";
import { joinUtcDateTime, portingTimes, splitUtcDateTime, type RequestFormInput } from "./new-request-model";
import { ProblemMarker } from "./rejection-problems";

const TIMES = portingTimes(PREFERRED_DATE_EARLIEST_HOUR_UTC, PREFERRED_DATE_LATEST_HOUR_UTC);
const DEFAULT_TIME = "09:00";

export function NewRequestDetailsStep({
  register,
  errors,
  country,
  groups,
  preferredPortingDate,
  onPreferredPortingDateChange,
  commentLength,
  flags,
}: {
  register: UseFormRegister<RequestFormInput>;
  errors: FieldErrors<RequestFormInput>;
  country: CountryCode;
  groups: readonly NewRequestGroup[];
  preferredPortingDate: string;
  onPreferredPortingDateChange: (value: string) => void;
  commentLength: number;
  /** A corrected request: the problems support flagged on the current provider and the contract. */
  flags?: { currentProvider: readonly RejectionProblem[]; contract: readonly RejectionProblem[] };
}) {
  const c = COUNTRIES[country];
  const error = (field: keyof RequestFormInput) => errors[field]?.message as string | undefined;

  return (
    <div className="space-y-7">
      <LabelledField
        id="currentProvider"
        label="Current provider"
        required
        hint="The operator that provides these numbers today, as on its invoice."
        error={error("currentProvider")}
      >
        {(props) => (
          <input
            {...props}
            {...register("currentProvider")}
            type="text"
            autoComplete="organization"
            className={inputClass(!!error("currentProvider"), "sm:max-w-md")}
          />
        )}
      </LabelledField>
      <ProblemMarker problems={flags?.currentProvider ?? []} />

      <LabelledField
        id="customerReference"
        label="Your reference"
        hint="Optional: your purchase order, ticket or project number. It is shown in your lists, searchable and in the CSV export."
        error={error("customerReference")}
      >
        {(props) => (
          <input
            {...props}
            {...register("customerReference")}
            type="text"
            maxLength={MAX_CUSTOMER_REFERENCE_LENGTH}
            autoComplete="off"
            className={inputClass(!!error("customerReference"), "sm:max-w-md")}
          />
        )}
      </LabelledField>

      {c.preferredDateAllowed ? (
        <PreferredDate value={preferredPortingDate} onChange={onPreferredPortingDateChange} error={error("preferredPortingDate")} note={c.preferredDateNote} />
      ) : (
        <div className="rounded-lg border border-slate-200 bg-slate-50 px-4 py-3 text-sm text-slate-700">
          <p className="font-medium text-slate-900">Porting date</p>
          <p className="mt-0.5">{c.preferredDateNote}</p>
          <FieldError id="preferredPortingDate-error">{error("preferredPortingDate")}</FieldError>
        </div>
      )}

      {c.contractScenarios ? (
        <fieldset aria-describedby={error("contractScenario") ? "contractScenario-error" : "contractScenario-hint"}>
          <legend className="text-sm font-medium text-slate-800">What happens to the contract with the current provider?</legend>
          <p id="contractScenario-hint" className="mt-0.5 text-sm text-slate-600">
            Business porting in {countryNameInText(country)} states this on the letter of authorisation.
          </p>
          <ProblemMarker problems={flags?.contract ?? []} />
          <div className="mt-2 space-y-2">
            {c.contractScenarios.map((scenario) => {
              const info = CONTRACT_SCENARIO_INFO[scenario];
              return (
                <label
                  key={scenario}
                  className="flex cursor-pointer gap-3 rounded-lg border border-slate-300 bg-white px-3 py-2.5 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-500"
                >
                  <input
                    type="radio"
                    value={scenario}
                    aria-describedby={`scenario-${scenario}-description`}
                    {...register("contractScenario")}
                    className="mt-0.5 h-4 w-4 shrink-0 accent-brand-600"
                  />
                  <span>
                    <span className="block font-medium text-slate-900">{info.label}</span>
                    <span id={`scenario-${scenario}-description`} className="block text-slate-600">
                      {info.description}
                    </span>
                  </span>
                </label>
              );
            })}
          </div>
          <FieldError id="contractScenario-error">{error("contractScenario")}</FieldError>
        </fieldset>
      ) : null}

      <LabelledField
        id="distributionGroupId"
        label="Distribution group"
        hint={
          groups.length > 0 ? (
            "Where calls to these numbers ring once they are ported. You can also set this later."
          ) : (
            <>
              You have no distribution groups yet; calls can be routed later.{" "}
              <Link href="/distribution-groups" className="font-medium text-brand-700 underline underline-offset-2">
                Distribution groups
              </Link>
            </>
          )
        }
        error={error("distributionGroupId")}
      >
        {(props) => (
          <select {...props} {...register("distributionGroupId")} className={inputClass(!!error("distributionGroupId"), "sm:max-w-md")}>
            <option value="">None — configure later</option>
            {groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        )}
      </LabelledField>

      <LabelledField
        id="callbackUrl"
        label="Callback URL"
        hint="We POST the full request to this https URL on every status change, signed with your account's signing secret."
        error={error("callbackUrl")}
      >
        {(props) => (
          <input
            {...props}
            {...register("callbackUrl")}
            type="url"
            inputMode="url"
            autoComplete="url"
            placeholder="https://example.com/porting-updates"
            className={inputClass(!!error("callbackUrl"))}
          />
        )}
      </LabelledField>

      <LabelledField
        id="comment"
        label="Comment"
        hint="Anything support should know, such as which numbers of a block stay behind."
        error={error("comment")}
        aside={
          <span id="comment-count" className={`text-xs tabular-nums ${commentLength > MAX_COMMENT_LENGTH ? "text-red-700" : "text-slate-500"}`}>
            {commentLength} / {MAX_COMMENT_LENGTH}
          </span>
        }
      >
        {(props) => (
          <textarea
            {...props}
            aria-describedby={[props["aria-describedby"], "comment-count"].filter(Boolean).join(" ")}
            {...register("comment")}
            rows={3}
            maxLength={MAX_COMMENT_LENGTH}
            className={inputClass(!!error("comment"))}
          />
        )}
      </LabelledField>
    </div>
  );
}

/** A date and a time in the 06:00–20:00 UTC window; empty means "as soon as possible". */
function PreferredDate({
  value,
  onChange,
  error,
  note,
}: {
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  note: string;
}) {
  const { date, time } = splitUtcDateTime(value);
  const today = new Date().toISOString().slice(0, 10);
  const local = value ? localTime(value) : null;
  return (
    <fieldset aria-describedby={`preferred-date-hint${error ? " preferredPortingDate-error" : ""}`}>
      <legend className="text-sm font-medium text-slate-800">
        Preferred porting date <span className="font-normal text-slate-500">(optional)</span>
      </legend>
      <p id="preferred-date-hint" className="mt-0.5 text-sm text-slate-600">
        {note}
      </p>
      <div className="mt-2 flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="preferredPortingDate" className="block text-sm text-slate-700">
            Date
          </label>
          <input
            id="preferredPortingDate"
            type="date"
            min={today}
            value={date}
            aria-invalid={error ? true : undefined}
            onChange={(e) => onChange(joinUtcDateTime(e.target.value, e.target.value ? time || DEFAULT_TIME : ""))}
            className={inputClass(!!error, "mt-1 w-auto")}
          />
        </div>
        <div>
          <label htmlFor="preferredPortingTime" className="block text-sm text-slate-700">
            Time (UTC)
          </label>
          <select
            id="preferredPortingTime"
            value={time || DEFAULT_TIME}
            disabled={!date}
            onChange={(e) => onChange(joinUtcDateTime(date, e.target.value))}
            className={inputClass(!!error, "mt-1 w-auto")}
          >
            {TIMES.map((t) => (
              <option key={t} value={t}>
                {t} UTC
              </option>
            ))}
          </select>
        </div>
        {date ? (
          <button type="button" onClick={() => onChange("")} className="rounded px-2 py-2 text-sm text-slate-600 underline underline-offset-2 hover:text-slate-900">
            As soon as possible instead
          </button>
        ) : null}
      </div>
      <p className="mt-1.5 text-sm text-slate-600" aria-live="polite">
        {local ? `That is ${local} in your time zone.` : "No date chosen: we port as soon as possible."}
      </p>
      <FieldError id="preferredPortingDate-error">{error}</FieldError>
    </fieldset>
  );
}

function localTime(iso: string): string | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  return new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" }).format(date);
}
