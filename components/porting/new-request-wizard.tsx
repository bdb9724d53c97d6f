"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useMemo, useState, useTransition } from "react";
import { useForm, useWatch } from "react-hook-form";
import { Notice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/auth/action";
import { COUNTRIES, countryNameInText, NUMBER_TYPE_LABELS } from "@/lib/porting/countries";
import { REQUEST_JSON_FIELD, RESUBMISSION_OF_FIELD, documentField } from "@/lib/porting/document-files";
import type { NewRequestOptions, NewRequestProfile } from "@/lib/porting/new-request-options";
import type { ResubmissionPrefill } from "@/lib/porting/resubmission-prefill";
import { createPortingRequestSchema } from "@/lib/porting/schemas";
import { formatNumber } from "@/components/shared/format";
import { DOCUMENT_KINDS, type ContractScenario, type CountryCode, type NumberType } from "@/lib/porting/values";
import { NewRequestCountryStep } from "./new-request-country-step";
import { NewRequestDetailsStep } from "./new-request-details-step";
import { NewRequestDocumentsStep } from "./new-request-documents-step";
import { NewRequestFooter } from "./new-request-footer";
import {
  STEPS,
  STEP_FIELDS,
  firstStepWithError,
  refusedSubmitNotice,
  sortServerErrors,
  stepIndex,
  stepOfErrorKey,
  type RequestFormInput,
  type RequestFormOutput,
  type StepVerdict,
} from "./new-request-model";
import { NewRequestNumbersStep } from "./new-request-numbers-step";
import { NewRequestProfileStep, profileVerdicts } from "./new-request-profile-step";
import { NewRequestResubmissionBanner } from "./new-request-resubmission-banner";
import { NewRequestReviewStep } from "./new-request-review-step";
import { NewRequestStepper } from "./new-request-stepper";
import { useChosenDocuments } from "./use-chosen-documents";
import { useDependentFields } from "./use-dependent-fields";
import { useNumbersEntry, type CheckNumbers } from "./use-numbers-entry";
import { useResubmission } from "./use-resubmission";
import { useWizardSteps } from "./use-wizard-steps";

// The guided "New porting request" flow. One react-hook-form over the very zod schema the server
// parses (createPortingRequestSchema), filled step by step; each Next validates that step's
// fields. Numbers are checked in the browser at once and against the database through a server
// action (useNumbersEntry); documents are checked in the browser by the server's rules
// (useChosenDocuments). Submit sends everything as FormData; the server validates it all again
// and its field errors are put back on their fields, opening the first step that has one.

export type NewRequestWizardProps = {
  options: NewRequestOptions;
  checkNumbers: CheckNumbers;
  createRequest: (formData: FormData) => Promise<ActionResult<{ id: string; reference: string }>>;
  /** A corrected request (issue 14): everything the Blocked request held, and what support flagged. */
  resubmission?: ResubmissionPrefill;
  /** Numbers carried over from the Check numbers page (issue 15 item 2), checked again here. */
  start?: NewRequestStart;
};

/** Country, type and numbers a new request starts with (the Check numbers page's portable numbers). */
export type NewRequestStart = { country: CountryCode; numberType: NumberType; phoneNumbers: string[] };

const REVIEW = stepIndex("review");

export function NewRequestWizard({ options, checkNumbers, createRequest, resubmission, start }: NewRequestWizardProps) {
  const router = useRouter();
  const initialCountry = resubmission?.values.country ?? start?.country ?? options.defaultCountry;
  // Profiles fixed in place (a corrected request) replace their entry, so the checks see the fix.
  const [profiles, setProfiles] = useState(options.profiles);
  const onProfileSaved = (saved: NewRequestProfile) => setProfiles((list) => list.map((p) => (p.id === saved.id ? saved : p)));

  const form = useForm<RequestFormInput, unknown, RequestFormOutput>({
    resolver: zodResolver(createPortingRequestSchema),
    defaultValues: {
      country: initialCountry,
      numberType: "geographic",
      companyProfileId: "",
      phoneNumbers: [],
      currentProvider: "",
      preferredPortingDate: "",
      contractScenario: COUNTRIES[initialCountry].defaultContractScenario ?? "",
      distributionGroupId: "",
      callbackUrl: "",
      comment: "",
      customerReference: "",
      ...(start ? { numberType: start.numberType, phoneNumbers: start.phoneNumbers } : {}),
      ...resubmission?.values,
    },
  });
  const { register, control, setValue, getValues, trigger, setError, clearErrors } = form;
  const errors = form.formState.errors;

  // Every value, re-rendered on change: the steps, the requirement checks and the review read them.
  const values = useWatch({ control });
  const country = values.country as CountryCode;
  const numberType = values.numberType as NumberType;
  const companyProfileId = (values.companyProfileId as string | undefined) ?? "";
  const phoneNumbers = useMemo(() => (values.phoneNumbers ?? []) as string[], [values.phoneNumbers]);
  const text = (value: unknown) => (typeof value === "string" ? value : "");

  const verdicts = useMemo(() => profileVerdicts(profiles, country, numberType), [profiles, country, numberType]);
  useDependentFields({ setValue, country, companyProfileId, verdicts });
  const numbers = useNumbersEntry({ form, country, numberType, phoneNumbers, checkNumbers, initialText: (resubmission?.values.phoneNumbers ?? start?.phoneNumbers.map(formatNumber))?.join("\n") });
  const documents = useChosenDocuments(country);
  const corrected = useResubmission(resubmission, documents.choose);

  async function validateStep(index: number): Promise<StepVerdict> {
    switch (STEPS[index]?.id) {
      case "country":
        return { ok: await trigger(["country", "numberType"], { shouldFocus: true }) };
      case "profile": {
        if (!(await trigger("companyProfileId", { shouldFocus: true }))) return { ok: false };
        const verdict = verdicts.find((v) => v.profile.id === getValues("companyProfileId"));
        if (!verdict?.result.ok) {
          setError("companyProfileId", { type: "manual", message: verdict?.result.problems[0]?.message ?? "Choose a company profile." });
          return { ok: false };
        }
        return { ok: true };
      }
      case "numbers":
        return numbers.validate();
      case "details":
        return { ok: await trigger([...STEP_FIELDS.details], { shouldFocus: true }) };
      case "documents":
        return { ok: documents.validate() };
      default:
        return { ok: true };
    }
  }

  const { step, reached, advancing, returnToReview, setReturnToReview, message: stepMessage, heading, show, goTo, firstFailingStep, editFromReview } =
    // A corrected request opens on the review: everything is filled in, the flagged parts marked.
    useWizardSteps(validateStep, resubmission ? REVIEW : 0);
  const [submitNotice, setSubmitNotice] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, startSubmit] = useTransition();
  const [created, setCreated] = useState<string | null>(null);

  // ---- submit -----------------------------------------------------------------------------------

  async function submit() {
    setFormError(null);
    const failing = await firstFailingStep();
    if (failing !== null) {
      setSubmitNotice("Something changed that needs attention before the request can be created.");
      show(failing);
      return;
    }
    const values = getValues();
    const body = new FormData();
    body.set(REQUEST_JSON_FIELD, JSON.stringify(values));
    if (resubmission) body.set(RESUBMISSION_OF_FIELD, resubmission.original.id);
    for (const kind of DOCUMENT_KINDS) {
      const chosen = documents.documents[kind];
      if (chosen) body.set(documentField(kind), chosen.file, chosen.file.name);
    }
    startSubmit(async () => {
      let result: Awaited<ReturnType<typeof createRequest>>;
      try {
        result = await createRequest(body);
      } catch {
        setFormError("The request could not be sent. Check your connection and submit again.");
        return;
      }
      if (result.ok) {
        setCreated(result.data.reference);
        router.push(`/porting-requests/${result.data.id}`);
        return;
      }
      showServerErrors(result, values.phoneNumbers as string[]);
    });
  }

  function showServerErrors(result: Extract<ActionResult<unknown>, { ok: false }>, sentNumbers: readonly string[]) {
    if (result.code !== "validation" || !result.fieldErrors) {
      setFormError(
        result.code === "unauthorized"
          ? "Your session has ended. Sign in again in another tab, then submit again: nothing you entered is lost."
          : result.message,
      );
      return;
    }
    const sorted = sortServerErrors(result.fieldErrors, sentNumbers);
    for (const [field, message] of sorted.fields) setError(field, { type: "server", message });
    numbers.setSubmitErrors(sorted.numbers);
    documents.addErrors(sorted.documents);
    setReturnToReview(true);
    setFormError(sorted.general.length > 0 ? sorted.general.join(" ") : null);
    const keys = Object.keys(result.fieldErrors);
    setSubmitNotice(refusedSubmitNotice(keys));
    show(firstStepWithError(keys) ?? REVIEW);
  }

  // ---- rendering --------------------------------------------------------------------------------

  const invalidSteps = new Set<number>(Object.keys(errors).map(stepOfErrorKey));
  if (documents.hasErrors) invalidSteps.add(stepIndex("documents"));
  if (Object.keys(numbers.submitErrors).length > 0) invalidSteps.add(stepIndex("numbers"));

  const current = STEPS[step] ?? STEPS[0];
  const typeLabel = NUMBER_TYPE_LABELS[numberType]?.toLowerCase() ?? "";
  const selectedProfile = verdicts.find((v) => v.profile.id === companyProfileId)?.profile ?? null;
  const groupId = text(values.distributionGroupId);
  const busy = advancing || submitting || created !== null || corrected.loadingDocuments;

  const intro: Record<(typeof STEPS)[number]["id"], string> = {
    country: "Where are the numbers now, and what kind are they? The requirements below follow your choice.",
    profile: `The company that holds the numbers. It must meet the requirements for ${typeLabel} numbers from ${countryNameInText(country)}.`,
    numbers: "Each number is checked as you type: its format, country and type, duplicates, and whether it is already being ported or already ours.",
    details: "Who has the numbers now, and how the porting should go.",
    documents: "The documents the current provider needs to release the numbers.",
    review: "Check everything once more, then create the request.",
  };

  return (
    <div className="grid gap-6 lg:grid-cols-[15rem_minmax(0,1fr)] lg:items-start">
      <NewRequestStepper current={step} reached={reached} invalid={invalidSteps} flagged={corrected.flaggedSteps} onSelect={(i) => void goTo(i)} />

      <form
        noValidate
        aria-labelledby="step-heading"
        onSubmit={(event) => {
          event.preventDefault();
          if (busy) return;
          if (step < REVIEW) void goTo(step + 1);
          else void submit();
        }}
        className="min-w-0 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6"
      >
        <div className="mb-5">
          <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">
            Step {step + 1} of {STEPS.length}
          </p>
          <h2 id="step-heading" ref={heading} tabIndex={-1} className="mt-0.5 text-lg font-semibold text-slate-900 focus:outline-none">
            {current.title}
          </h2>
          <p className="mt-1 text-sm text-slate-600">{intro[current.id]}</p>
        </div>

        {resubmission ? (
          <NewRequestResubmissionBanner
            prefill={resubmission}
            current={step}
            loadingDocuments={corrected.loadingDocuments}
            onGoTo={(index) => (step === REVIEW ? editFromReview(index) : void goTo(index))}
          />
        ) : null}

        {submitNotice && invalidSteps.size > 0 ? (
          <div role="alert" className="mb-5">
            <Notice tone="danger" onDismiss={() => setSubmitNotice(null)}>
              {submitNotice}
            </Notice>
          </div>
        ) : null}

        {current.id === "country" ? (
          <NewRequestCountryStep register={register} errors={errors} country={country} numberType={numberType} />
        ) : null}
        {current.id === "profile" ? (
          <NewRequestProfileStep
            register={register}
            errors={errors}
            verdicts={verdicts}
            country={country}
            numberType={numberType}
            selectedId={companyProfileId || (resubmission?.values.companyProfileId ?? "")}
            flaggedFields={corrected.flags.profileFields}
            onProfileSaved={onProfileSaved}
          />
        ) : null}
        {current.id === "numbers" ? (
          <NewRequestNumbersStep
            text={numbers.text}
            onTextChange={numbers.onTextChange}
            onReplaceNumbers={numbers.replace}
            rows={numbers.rows}
            checking={numbers.checking}
            checkFailed={numbers.checkFailed}
            listError={(errors.phoneNumbers?.message ?? errors.phoneNumbers?.root?.message) as string | undefined}
            country={country}
            numberType={numberType}
            flagged={corrected.flags.numbers}
          />
        ) : null}
        {current.id === "details" ? (
          <NewRequestDetailsStep
            register={register}
            errors={errors}
            country={country}
            groups={options.distributionGroups}
            preferredPortingDate={text(values.preferredPortingDate)}
            onPreferredPortingDateChange={(value) => {
              setValue("preferredPortingDate", value, { shouldValidate: errors.preferredPortingDate !== undefined });
              if (!value) clearErrors("preferredPortingDate");
            }}
            commentLength={text(values.comment).length}
            flags={corrected.flags}
          />
        ) : null}
        {current.id === "documents" ? (
          <NewRequestDocumentsStep
            country={country}
            documents={documents.documents}
            errors={{ ...corrected.documentErrors, ...documents.errors }}
            onChoose={(kind, file) => void documents.choose(kind, file)}
            onRemove={documents.remove}
            flagged={corrected.flags.documents}
            copiedFrom={resubmission?.original.reference ?? null}
          />
        ) : null}
        {current.id === "review" ? (
          <NewRequestReviewStep
            country={country}
            numberType={numberType}
            profileName={selectedProfile?.name ?? null}
            numbers={numbers.rows}
            currentProvider={text(values.currentProvider)}
            preferredPortingDate={text(values.preferredPortingDate)}
            contractScenario={(text(values.contractScenario) || null) as ContractScenario | null}
            groupName={options.distributionGroups.find((g) => g.id === groupId)?.name ?? null}
            callbackUrl={text(values.callbackUrl)}
            comment={text(values.comment)}
            customerReference={text(values.customerReference)}
            documents={documents.documents}
            onEdit={editFromReview}
          />
        ) : null}

        <div aria-live="assertive" className="mt-5 space-y-3 empty:hidden">
          {stepMessage ? <Notice tone="danger">{stepMessage}</Notice> : null}
          {formError ? <Notice tone="danger">{formError}</Notice> : null}
        </div>

        <NewRequestFooter
          step={step}
          returnToReview={returnToReview}
          advancing={advancing || corrected.loadingDocuments}
          submitting={submitting}
          created={created}
          onGoTo={(index) => void goTo(index)}
        />
      </form>
    </div>
  );
}
