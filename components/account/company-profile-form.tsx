"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useId, useMemo, useState, type ReactNode } from "react";
import { useForm, useWatch, type FieldPath } from "react-hook-form";
import type { z } from "zod";
import { createCompanyProfileAction, updateCompanyProfileAction } from "@/app/(app)/company-profiles/actions";
import { useHydrated } from "@/components/shared/use-hydrated";
import { FieldError, inputClass, LabelledField } from "@/components/ui/labelled-field";
import { Notice } from "@/components/ui/notice";
import type { AddressCountryOption } from "@/lib/company-profiles/address-countries";
import { profileRequirements, requirementFieldLabel } from "@/lib/company-profiles/dto";
import { companyProfileSchema, fieldFormat, formatExpectation, MAX_NOTIFICATION_EMAILS } from "@/lib/company-profiles/schemas";
import { COUNTRIES, COUNTRY_LIST, countryNameInText, numberTypeSupport, profileFieldLabel, type ProfileField } from "@/lib/porting/countries";
import { matchesFormat } from "@/lib/porting/profile-requirements";
import { NUMBER_TYPES, type CountryCode, type NumberType } from "@/lib/porting/values";
import { FIELDS_NEED_ATTENTION, FormAlert, FormButtons, saveWithAction } from "./form-parts";
import { ListEditor, useRowKeys } from "./list-editor";
import { PROFILE_FORM_FIELDS, requirementsInput, type CompanyProfileFormValues, type ProfileFormField } from "./profile-form-values";

// Create and edit a company profile with the very schema the server applies (react-hook-form +
// zodResolver). The chosen country decides the labels ("KvK number"), which fields are needed to
// port, and their formats; a summary says, as you type, whether the profile meets the country's
// requirements and what is missing. A profile may be saved incomplete.

type FormInput = z.input<typeof companyProfileSchema>;
type FormOutput = z.output<typeof companyProfileSchema>;

type TextField = Exclude<ProfileFormField, "country" | "numberTypes" | "notificationEmails" | "addressCountry">;

const fieldId = (key: string) => `profile-${key.replace(/\./g, "-")}`;

export function CompanyProfileForm({
  profileId,
  initial,
  addressCountries,
  returnTo,
}: {
  /** Present when editing. */
  profileId?: string;
  /** An in-app path to go back to after saving (e.g. the new-request wizard); default the list. */
  returnTo?: string;
  initial: CompanyProfileFormValues;
  addressCountries: { ours: AddressCountryOption[]; others: AddressCountryOption[] };
}) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const emailKeys = useRowKeys(initial.notificationEmails.length);
  const formId = useId();
  const hydrated = useHydrated();

  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(companyProfileSchema),
    defaultValues: initial,
    mode: "onTouched",
    reValidateMode: "onChange",
    shouldFocusError: false,
  });
  const {
    register,
    handleSubmit,
    setValue,
    getValues,
    trigger,
    setError,
    control,
    formState: { errors, isSubmitting, isSubmitted, touchedFields },
  } = form;

  const values = useWatch({ control }) as Partial<CompanyProfileFormValues>;
  const country = (values.country ?? initial.country) as CountryCode;
  const catalogue = COUNTRIES[country];
  const emails = values.notificationEmails ?? initial.notificationEmails;
  const numberTypes = values.numberTypes ?? [];

  const requirement = (field: ProfileField) => catalogue.profileFields.find((f) => f.field === field);
  const neededToPort = (field: ProfileField) => requirement(field)?.required ?? false;

  const summary = useMemo(() => {
    const result = profileRequirements(requirementsInput(values, country));
    return { ...result, labels: result.missingRequirements.map((field) => requirementFieldLabel(country, field)) };
  }, [values, country]);

  const errorText = (key: string): string | undefined => {
    const parts = key.split(".");
    let node: unknown = errors;
    for (const part of parts) node = (node as Record<string, unknown> | undefined)?.[part];
    return (node as { message?: string } | undefined)?.message;
  };

  function focusFirstError(keys: readonly string[]) {
    const rank = (key: string) => {
      const index = (PROFILE_FORM_FIELDS as readonly string[]).indexOf(key.split(".")[0] ?? "");
      return (index === -1 ? PROFILE_FORM_FIELDS.length : index) * 100 + Number(key.split(".")[1] ?? 0);
    };
    const first = [...keys].sort((a, b) => rank(a) - rank(b))[0];
    if (!first) return;
    const target =
      document.getElementById(fieldId(first)) ??
      document.getElementById(fieldId(first.split(".")[0] ?? "")) ??
      document.querySelector<HTMLElement>(`[data-field="${first.split(".")[0]}"] input:not([disabled])`);
    target?.focus();
  }

  function errorKeys(node: unknown, prefix = ""): string[] {
    if (!node || typeof node !== "object") return [];
    const entry = node as Record<string, unknown>;
    const own = typeof entry.message === "string" && prefix ? [prefix] : [];
    return [
      ...own,
      ...Object.entries(entry)
        .filter(([k]) => k !== "message" && k !== "type" && k !== "ref" && k !== "types" && k !== "root")
        .flatMap(([k, v]) => errorKeys(v, prefix ? `${prefix}.${k}` : k)),
    ];
  }

  const onValid = (data: FormOutput) =>
    saveWithAction(() => (profileId ? updateCompanyProfileAction({ id: profileId, ...data }) : createCompanyProfileAction(data)), {
      what: "profile",
      onSaved: (saved) => router.push(returnTo ?? `/company-profiles?saved=${saved.id}`),
      setFieldError: (key, message) => setError(key as FieldPath<FormInput>, { type: "server", message }),
      setFormError,
      focusFirst: focusFirstError,
    });

  const onInvalid = (invalid: typeof errors) => {
    setFormError(FIELDS_NEED_ATTENTION);
    focusFirstError(errorKeys(invalid));
  };

  const changeCountry = (next: CountryCode) => {
    // react-hook-form has stored the new value already; the render's `country` is the one before.
    const previous = country;
    // Keep only the number types the new country supports; move a matching address along.
    const supported = (getValues("numberTypes") ?? []).filter((t) => numberTypeSupport(next, t as NumberType).supported);
    setValue("numberTypes", supported, { shouldDirty: true });
    const address = getValues("addressCountry");
    if (!address || address === previous) setValue("addressCountry", next, { shouldDirty: true });
    // Formats depend on the country: re-check what was already checked.
    const checked = (["registrationNumber", "vatNumber", "postalCode", "representativePhone", "numberTypes"] as const).filter(
      (f) => isSubmitted || touchedFields[f],
    );
    if (checked.length > 0) void trigger(checked);
  };

  const setEmail = (index: number, value: string) => {
    setValue(`notificationEmails.${index}`, value, { shouldDirty: true, shouldValidate: isSubmitted || Boolean(errorText(`notificationEmails.${index}`)) });
  };

  const textField = (field: TextField & ProfileField, options: { autoComplete?: string; inputMode?: "text" | "tel" | "numeric"; hint?: ReactNode } = {}) => {
    const req = requirement(field);
    const format = fieldFormat(country, field);
    const label = profileFieldLabel(country, field);
    const value = (values[field] as string | undefined) ?? "";
    const hint = [req?.hint, format ? `${capitalise(formatExpectation(format))}.` : null].filter(Boolean).join(" ") || options.hint;
    const live =
      format && value.trim() !== "" && !errorText(field) ? (
        matchesFormat(value, format) ? (
          <span className="text-green-700">✓ Looks right</span>
        ) : (
          <span className="text-slate-500">Expected {format.description}</span>
        )
      ) : null;
    return (
      <LabelledField
        id={fieldId(field)}
        label={<FieldLabel text={label} needed={neededToPort(field)} />}
        optionalText={neededToPort(field) ? null : "optional"}
        hint={hint || undefined}
        error={errorText(field)}
        aside={live ? <span className="text-xs">{live}</span> : undefined}
      >
        {(props) => (
          <input
            {...props}
            {...register(field)}
            type="text"
            autoComplete={options.autoComplete}
            inputMode={options.inputMode}
            className={inputClass(Boolean(errorText(field)))}
          />
        )}
      </LabelledField>
    );
  };

  return (
    <form id={formId} onSubmit={handleSubmit(onValid, onInvalid)} noValidate data-ready={hydrated ? "true" : undefined} className="space-y-8">
      <FormAlert message={formError} />

      <p className="text-sm text-slate-600">
        Fields marked <span aria-hidden className="font-semibold text-red-600">*</span>
        <span className="sr-only">“needed”</span> are needed to port numbers in {countryNameInText(country)}. To save a draft and
        complete it later, a profile name, the company name, the number types and one email address are enough.
      </p>

      <Section title="Profile" description="How you recognise this profile when you create a porting request.">
        <LabelledField id={fieldId("name")} label={<FieldLabel text="Profile name" needed />} required error={errorText("name")} hint="For example the branch or the legal entity.">
          {(props) => <input {...props} {...register("name")} type="text" autoComplete="off" className={inputClass(Boolean(errorText("name")))} />}
        </LabelledField>
        <LabelledField
          id={fieldId("country")}
          label={<FieldLabel text="Country of the numbers" needed />}
          required
          error={errorText("country")}
          hint="The country whose numbers this profile is for. Its rules decide which fields are needed."
        >
          {(props) => (
            <select
              {...props}
              {...register("country", { onChange: (event) => changeCountry(event.target.value as CountryCode) })}
              className={inputClass(Boolean(errorText("country")))}
            >
              {COUNTRY_LIST.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </LabelledField>
        <fieldset data-field="numberTypes" aria-describedby={errorText("numberTypes") ? `${fieldId("numberTypes")}-error` : undefined}>
          <legend className="text-sm font-medium text-slate-800">
            <FieldLabel text="Number types" needed />
          </legend>
          <p className="mt-0.5 text-sm text-slate-600">The kinds of numbers in {countryNameInText(country)} this profile is used for.</p>
          <ul className="mt-2 grid gap-2 sm:grid-cols-2">
            {NUMBER_TYPES.map((type) => {
              const support = numberTypeSupport(country, type);
              const id = fieldId(`numberTypes-${type}`);
              return (
                <li key={type}>
                  <label
                    htmlFor={id}
                    className={`flex h-full gap-3 rounded-lg border p-3 text-sm ${
                      support.supported
                        ? "cursor-pointer border-slate-300 bg-white has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50"
                        : "cursor-not-allowed border-slate-200 bg-slate-50 text-slate-500"
                    }`}
                  >
                    <input
                      id={id}
                      type="checkbox"
                      value={type}
                      disabled={!support.supported}
                      {...register("numberTypes")}
                      aria-describedby={`${id}-text`}
                      className="mt-0.5 h-4 w-4 shrink-0 accent-brand-600"
                    />
                    <span>
                      <span className="font-medium text-slate-900">{support.label}</span>
                      <span id={`${id}-text`} className="mt-0.5 block text-xs text-slate-600">
                        {support.supported ? support.description : support.reason}
                      </span>
                    </span>
                  </label>
                </li>
              );
            })}
          </ul>
          <FieldError id={`${fieldId("numberTypes")}-error`}>{errorText("numberTypes")}</FieldError>
        </fieldset>
      </Section>

      <Section title="Company" description="As registered; the current provider compares it with its own records.">
        {textField("companyName", { autoComplete: "organization" })}
        {textField("registrationNumber", { autoComplete: "off" })}
        {textField("vatNumber", { autoComplete: "off" })}
      </Section>

      <Section title="Authorised representative" description="The person who signs the letter of authorisation.">
        <div className="grid gap-4 sm:grid-cols-2">
          {textField("representativeFirstName", { autoComplete: "given-name" })}
          {textField("representativeLastName", { autoComplete: "family-name" })}
        </div>
        {textField("representativePhone", { autoComplete: "tel", inputMode: "tel", hint: `With the country code, such as ${phoneExampleFor(country)}.` })}
      </Section>

      <Section title="Address" description="The subscriber's address as on the current provider's invoice.">
        {textField("street", { autoComplete: "street-address" })}
        {textField("postalCode", { autoComplete: "postal-code" })}
        {textField("city", { autoComplete: "address-level2" })}
        <LabelledField
          id={fieldId("addressCountry")}
          label={<FieldLabel text={profileFieldLabel(country, "addressCountry")} needed={neededToPort("addressCountry")} />}
          optionalText={neededToPort("addressCountry") ? null : "optional"}
          hint={requirement("addressCountry")?.hint}
          error={errorText("addressCountry")}
        >
          {(props) => (
            <select {...props} {...register("addressCountry")} className={inputClass(Boolean(errorText("addressCountry")))} autoComplete="country">
              <option value="">Choose a country</option>
              {addressCountries.ours.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
              <optgroup label="Other countries">
                {addressCountries.others.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.name}
                  </option>
                ))}
              </optgroup>
            </select>
          )}
        </LabelledField>
      </Section>

      <Section
        title="Notification email addresses"
        description={`Every status update of a porting request with this profile is emailed to these addresses (1 to ${MAX_NOTIFICATION_EMAILS}).`}
      >
        <div data-field="notificationEmails">
          <ListEditor
            idPrefix={fieldId("notificationEmails")}
            itemLabel="Notification email"
            values={emails}
            keys={emailKeys.keys}
            errorFor={(index) => errorText(`notificationEmails.${index}`)}
            onChange={setEmail}
            onBlur={(index) => {
              if ((emails[index] ?? "").trim() !== "") void trigger(`notificationEmails.${index}`);
            }}
            onAdd={() => {
              setValue("notificationEmails", [...(getValues("notificationEmails") ?? []), ""], { shouldDirty: true });
              emailKeys.add();
            }}
            onRemove={(index) => {
              setValue(
                "notificationEmails",
                (getValues("notificationEmails") ?? []).filter((_, i) => i !== index),
                { shouldDirty: true, shouldValidate: isSubmitted },
              );
              emailKeys.remove(index);
            }}
            max={MAX_NOTIFICATION_EMAILS}
            addLabel="Add an address"
            inputType="email"
            inputMode="email"
            autoComplete="email"
            placeholder="porting@example.com"
          />
          <FieldError id={`${fieldId("notificationEmails")}-error`}>{errorText("notificationEmails")}</FieldError>
        </div>
      </Section>

      <div role="status" aria-live="polite" data-testid="requirements-summary">
        {summary.meetsRequirements ? (
          <Notice tone="success" title={`Meets the requirements for ${countryNameInText(country)}`}>
            Ready for porting requests for {listTypes(numberTypes as NumberType[])} numbers.
          </Notice>
        ) : (
          <Notice tone="warning" title={`Not yet ready for porting in ${countryNameInText(country)}`}>
            Missing or invalid: {summary.labels.join(", ")}. You can save it now and complete it later.
          </Notice>
        )}
      </div>

      <FormButtons
        cancelHref={returnTo ?? "/company-profiles"}
        label={profileId ? "Save changes" : "Create profile"}
        submitting={isSubmitting}
        hydrated={hydrated}
        className="border-t border-slate-200 pt-6"
      />
    </form>
  );
}

function phoneExampleFor(country: CountryCode): string {
  const geographic = COUNTRIES[country].numberTypes.find((t) => t.type === "geographic");
  return geographic?.supported ? geographic.example : "+31 20 123 4567";
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function listTypes(types: readonly NumberType[]): string {
  const names = types.map((t) => (t === "toll_free" ? "toll-free" : t));
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

function FieldLabel({ text, needed }: { text: string; needed: boolean }) {
  return (
    <>
      {text}
      {needed ? (
        <>
          <span aria-hidden className="ml-0.5 font-semibold text-red-600">
            *
          </span>
          <span className="sr-only"> (needed)</span>
        </>
      ) : null}
    </>
  );
}

function Section({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="grid gap-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6 lg:grid-cols-[14rem_1fr] lg:gap-8">
      <div>
        <h2 id={id} className="text-base font-semibold text-slate-900">
          {title}
        </h2>
        {description ? <p className="mt-1 text-sm text-slate-600">{description}</p> : null}
      </div>
      <div className="min-w-0 space-y-4">{children}</div>
    </section>
  );
}
