"use client";

import type { ReactNode } from "react";
import type { FieldErrors, UseFormRegister } from "react-hook-form";
import { FieldError } from "@/components/ui/labelled-field";
import { COUNTRY_LIST, COUNTRIES, countryNameInText, numberTypeSupport } from "@/lib/porting/countries";
import { formatBytes, MAX_DOCUMENT_BYTES } from "@/lib/porting/document-files";
import type { CountryCode, NumberType } from "@/lib/porting/values";
import type { RequestFormInput } from "./new-request-model";

export function NewRequestCountryStep({
  register,
  errors,
  country,
  numberType,
}: {
  register: UseFormRegister<RequestFormInput>;
  errors: FieldErrors<RequestFormInput>;
  country: CountryCode;
  numberType: NumberType;
}) {
  const catalogue = COUNTRIES[country];
  return (
    <div className="space-y-8">
      <fieldset>
        <legend className="text-sm font-semibold text-slate-900">Country of the numbers</legend>
        <div className="mt-3 grid grid-cols-2 gap-2 sm:grid-cols-3">
          {COUNTRY_LIST.map((c) => (
            <label
              key={c.code}
              className="flex cursor-pointer items-center gap-3 rounded-lg border border-slate-300 bg-white px-3 py-2.5 text-sm shadow-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 has-[:checked]:ring-1 has-[:checked]:ring-brand-600 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-500"
            >
              <input type="radio" value={c.code} {...register("country")} className="h-4 w-4 accent-brand-600" />
              <span className="min-w-0">
                <span className="block font-medium text-slate-900">{c.name}</span>
                <span className="block text-xs text-slate-500">{c.dialCode}</span>
              </span>
            </label>
          ))}
        </div>
        <FieldError id="country-error">{errors.country?.message}</FieldError>
      </fieldset>

      <fieldset aria-describedby={errors.numberType ? "numberType-error" : undefined}>
        <legend className="text-sm font-semibold text-slate-900">Number type</legend>
        <div className="mt-3 grid gap-2 sm:grid-cols-2">
          {catalogue.numberTypes.map((t) => {
            const descriptionId = `number-type-${t.type}-description`;
            return (
              <label
                key={t.type}
                className={`flex gap-3 rounded-lg border px-3 py-3 text-sm shadow-sm ${
                  t.supported
                    ? "cursor-pointer border-slate-300 bg-white has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 has-[:checked]:ring-1 has-[:checked]:ring-brand-600 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-500"
                    : "cursor-not-allowed border-dashed border-slate-300 bg-slate-50"
                }`}
              >
                <input
                  type="radio"
                  value={t.type}
                  disabled={!t.supported}
                  aria-describedby={descriptionId}
                  {...register("numberType")}
                  className="mt-0.5 h-4 w-4 shrink-0 accent-brand-600"
                />
                <span className="min-w-0">
                  <span className={`block font-medium ${t.supported ? "text-slate-900" : "text-slate-500"}`}>
                    {t.label}
                    {!t.supported ? <span className="ml-2 rounded bg-slate-200 px-1.5 py-0.5 text-xs font-medium text-slate-600">Not portable</span> : null}
                  </span>
                  <span id={descriptionId} className="mt-0.5 block text-slate-600">
                    {t.supported ? (
                      <>
                        {t.description} <span className="whitespace-nowrap text-slate-500">e.g. {t.example}</span>
                      </>
                    ) : (
                      t.reason
                    )}
                  </span>
                </span>
              </label>
            );
          })}
        </div>
        <FieldError id="numberType-error">{errors.numberType?.message}</FieldError>
      </fieldset>

      <NewRequestRequirements country={country} numberType={numberType} />
    </div>
  );
}

/** The country's requirements for this number type, as the checklist the customer prepares with. */
export function NewRequestRequirements({ country, numberType }: { country: CountryCode; numberType: NumberType }) {
  const c = COUNTRIES[country];
  const type = numberTypeSupport(country, numberType);
  const required = c.profileFields.filter((f) => f.required);
  return (
    <section aria-labelledby="requirements-heading" className="rounded-xl border border-slate-200 bg-slate-50 p-4 sm:p-5">
      <h3 id="requirements-heading" className="text-base font-semibold text-slate-900">
        What you need for {type.label.toLowerCase()} numbers from {countryNameInText(country)}
      </h3>
      {!type.supported ? (
        <p className="mt-2 text-sm text-red-800">{type.reason}</p>
      ) : (
        <div className="mt-4 grid gap-5 text-sm md:grid-cols-2">
          <Checklist title="Company profile with">
            {required.map((f) => (
              <li key={f.field}>
                <span className="font-medium text-slate-800">{f.label}</span>
                {f.format ? <span className="text-slate-600"> — {f.format.description}, e.g. {f.format.example}</span> : null}
                {f.hint ? <span className="block text-slate-500">{f.hint}</span> : null}
              </li>
            ))}
          </Checklist>
          <Checklist title="Documents">
            {c.documents.map((d) => (
              <li key={d.kind}>
                <span className="font-medium text-slate-800">{d.label}</span>{" "}
                <span className={d.required ? "font-medium text-slate-900" : "text-slate-600"}>({d.required ? "required" : "recommended"})</span>
                <span className="block text-slate-500">{d.description}</span>
              </li>
            ))}
            <li className="text-slate-500">PDF, PNG or JPEG, up to {formatBytes(MAX_DOCUMENT_BYTES)} each.</li>
          </Checklist>
          <Checklist title="Porting date" info>
            <li>{c.preferredDateNote}</li>
          </Checklist>
          <Checklist title="Lead time" info>
            <li>{type.leadTime}</li>
          </Checklist>
          <Checklist title={c.nlFlow ? "How it completes: you perform the porting" : "How it completes"} info>
            <li>{c.completion}</li>
            {c.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </Checklist>
          {type.notes.length > 0 ? (
            <Checklist title={`About ${type.label.toLowerCase()} numbers`} info>
              {type.notes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </Checklist>
          ) : null}
        </div>
      )}
      {c.simplifications.length > 0 && type.supported ? (
        <details className="mt-4 text-sm text-slate-600">
          <summary className="cursor-pointer font-medium text-slate-700">What we check, and what we only show</summary>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            {c.simplifications.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

/** What to prepare gets a check mark; what is only explained (`info`) gets a bullet. */
function Checklist({ title, info = false, children }: { title: string; info?: boolean; children: ReactNode }) {
  const marker = info
    ? "[&>li]:before:text-slate-400 [&>li]:before:content-['•']"
    : "[&>li]:before:font-bold [&>li]:before:text-green-700 [&>li]:before:content-['✓']";
  return (
    <div>
      <h4 className="font-semibold text-slate-900">{title}</h4>
      <ul className={`mt-1.5 space-y-1.5 [&>li]:relative [&>li]:pl-6 [&>li]:before:absolute [&>li]:before:left-1 [&>li]:before:top-0 ${marker}`}>
        {children}
      </ul>
    </div>
  );
}
