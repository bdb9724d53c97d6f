"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState, useTransition } from "react";
import { useForm, useWatch } from "react-hook-form";
import { Button, ButtonLink } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { Spinner } from "@/components/ui/spinner";
import type { ActionResult } from "@/lib/auth/action";
import { COUNTRIES, countryNameInText, NUMBER_TYPE_LABELS } from "@/lib/porting/countries";
import { REQUEST_JSON_FIELD, documentField } from "@/lib/porting/document-files";
import type { NewRequestOptions } from "@/lib/porting/new-request-options";
import { checkNumbersOffline, splitPastedNumbers, type NumberCheck } from "@/lib/porting/numbers";
import { createPortingRequestSchema, MAX_NUMBERS_PER_REQUEST } from "@/lib/porting/schemas";
import { DOCUMENT_KINDS, type ContractScenario, type CountryCode, type DocumentKind, type NumberType } from "@/lib/porting/values";
import { NewRequestCountryStep } from "./new-request-country-step";
import { NewRequestDetailsStep } from "./new-request-details-step";
import { inspectDocument, NewRequestDocumentsStep } from "./new-request-documents-step";
import {
  STEPS,
  STEP_FIELDS,
  firstStepWithError,
  isFormField,
  mergeNumberChecks,
  stepIndex,
  stepOfErrorKey,
  type ChosenDocuments,
  type DocumentErrors,
  type RequestFormInput,
  type RequestFormOutput,
} from "./new-request-model";
import { NewRequestNumbersStep } from "./new-request-numbers-step";
import { NewRequestProfileStep, profileVerdicts } from "./new-request-profile-step";
import { NewRequestReviewStep } from "./new-request-review-step";
import { NewRequestStepper } from "./new-request-stepper";

// The guided "New porting request" flow. One react-hook-form over the very zod schema the server
// parses (createPortingRequestSchema), filled step by step; each Next validates that step's
// fields. Numbers are checked in the browser at once and against the database through a server
// action; documents are checked in the browser by the server's rules. Submit sends everything as
// FormData; the server validates it all again and its field errors are put back on their fields,
// opening the first step that has one.

type CheckNumbersInput = { country: CountryCode; numberType: NumberType; phoneNumbers: string[] };

export type NewRequestWizardProps = {
  options: NewRequestOptions;
  checkNumbers: (input: CheckNumbersInput) => Promise<ActionResult<NumberCheck[]>>;
  createRequest: (formData: FormData) => Promise<ActionResult<{ id: string; reference: string }>>;
};

const REVIEW = stepIndex("review");
const TYPING_DEBOUNCE_MS = 300;

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, i) => v === b[i]);
const isDocumentKind = (value: string): value is DocumentKind => (DOCUMENT_KINDS as readonly string[]).includes(value);

export function NewRequestWizard({ options, checkNumbers, createRequest }: NewRequestWizardProps) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const initialCountry = options.defaultCountry;

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

  const [step, setStep] = useState(0);
  const [reached, setReached] = useState(0);
  const [advancing, setAdvancing] = useState(false);
  const [returnToReview, setReturnToReview] = useState(false);
  const [stepMessage, setStepMessage] = useState<string | null>(null);
  const [submitNotice, setSubmitNotice] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [numbersText, setNumbersText] = useState("");
  const [numberSubmitErrors, setNumberSubmitErrors] = useState<Record<string, string>>({});
  const [documents, setDocuments] = useState<ChosenDocuments>({});
  const [documentErrors, setDocumentErrors] = useState<DocumentErrors>({});
  const [submitting, startSubmit] = useTransition();
  const [created, setCreated] = useState<string | null>(null);

  // ---- keeping dependent fields consistent ------------------------------------------------------

  const verdicts = useMemo(() => profileVerdicts(options.profiles, country, numberType), [options.profiles, country, numberType]);

  const previousCountry = useRef(country);
  useEffect(() => {
    if (previousCountry.current === country) return;
    previousCountry.current = country;
    const catalogue = COUNTRIES[country];
    // The NL flow carries a contract scenario and no preferred date; every other country the reverse.
    setValue("contractScenario", catalogue.defaultContractScenario ?? "");
    if (!catalogue.preferredDateAllowed) setValue("preferredPortingDate", "");
  }, [country, setValue]);

  useEffect(() => {
    // A profile chosen for another country or type may not fit the new choice.
    if (!companyProfileId) return;
    const verdict = verdicts.find((v) => v.profile.id === companyProfileId);
    if (verdict && !verdict.result.ok) setValue("companyProfileId", "");
  }, [verdicts, companyProfileId, setValue]);

  // ---- numbers ----------------------------------------------------------------------------------

  const commitNumbers = (list: string[]) => {
    if (sameList(getValues("phoneNumbers") as string[], list)) return;
    setValue("phoneNumbers", list, { shouldValidate: errors.phoneNumbers !== undefined });
  };

  useEffect(() => {
    const timer = setTimeout(() => {
      const list = splitPastedNumbers(numbersText, country);
      if (!sameList(getValues("phoneNumbers") as string[], list)) setValue("phoneNumbers", list);
    }, TYPING_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [numbersText, country, getValues, setValue]);

  const onNumbersText = (text: string) => {
    setNumbersText(text);
    setNumberSubmitErrors({});
  };
  const replaceNumbers = (list: string[]) => {
    setNumbersText(list.join("\n"));
    setNumberSubmitErrors({});
    commitNumbers(list);
  };

  const offline = useMemo(() => checkNumbersOffline({ country, numberType, raw: phoneNumbers }), [country, numberType, phoneNumbers]);
  const checkQuery = (list: string[]) => ({
    queryKey: ["new-porting-request", "check-numbers", country, numberType, list] as const,
    queryFn: async () => {
      const result = await checkNumbers({ country, numberType, phoneNumbers: list });
      if (!result.ok) throw new Error(result.message);
      return result.data;
    },
    staleTime: 10_000,
  });
  const numbersQuery = useQuery({
    ...checkQuery(phoneNumbers),
    enabled: offline.some((c) => !c.problem) && phoneNumbers.length <= MAX_NUMBERS_PER_REQUEST,
    placeholderData: keepPreviousData,
    retry: 1,
    refetchOnWindowFocus: false,
  });
  const numberRows = useMemo(() => {
    const rows = mergeNumberChecks(offline, numbersQuery.data, numberSubmitErrors);
    // When the database check is unavailable, the server's own check at submit is the safety net.
    return numbersQuery.isError ? rows.map((r) => (r.state === "checking" ? { ...r, state: "ok" as const } : r)) : rows;
  }, [offline, numbersQuery.data, numbersQuery.isError, numberSubmitErrors]);

  // ---- documents --------------------------------------------------------------------------------

  async function chooseDocument(kind: DocumentKind, file: File) {
    const inspected = await inspectDocument(file);
    if (!inspected.ok) {
      setDocuments((d) => ({ ...d, [kind]: undefined }));
      setDocumentErrors((e) => ({ ...e, [kind]: inspected.message }));
      return;
    }
    setDocuments((d) => ({ ...d, [kind]: inspected.document }));
    setDocumentErrors((e) => ({ ...e, [kind]: undefined }));
  }

  function removeDocument(kind: DocumentKind) {
    setDocuments((d) => ({ ...d, [kind]: undefined }));
    setDocumentErrors((e) => ({ ...e, [kind]: undefined }));
  }

  // ---- steps ------------------------------------------------------------------------------------

  async function validateStep(index: number): Promise<boolean> {
    const id = STEPS[index]?.id;
    switch (id) {
      case "country":
        return trigger(["country", "numberType"], { shouldFocus: true });
      case "profile": {
        if (!(await trigger("companyProfileId", { shouldFocus: true }))) return false;
        const verdict = verdicts.find((v) => v.profile.id === getValues("companyProfileId"));
        if (!verdict?.result.ok) {
          setError("companyProfileId", { type: "manual", message: verdict?.result.problems[0]?.message ?? "Choose a company profile." });
          return false;
        }
        return true;
      }
      case "numbers":
        return validateNumbers();
      case "details":
        return trigger([...STEP_FIELDS.details], { shouldFocus: true });
      case "documents":
        return validateDocuments();
      default:
        return true;
    }
  }

  async function validateNumbers(): Promise<boolean> {
    // Do not wait for the typing debounce: check exactly what is in the box now.
    const list = splitPastedNumbers(numbersText, country);
    commitNumbers(list);
    if (!(await trigger("phoneNumbers", { shouldFocus: true }))) return false;
    const checks = checkNumbersOffline({ country, numberType, raw: list });
    let server: NumberCheck[] | undefined;
    if (checks.some((c) => !c.problem)) {
      server = await queryClient.fetchQuery(checkQuery(list)).catch(() => undefined);
    }
    const rows = mergeNumberChecks(checks, server, numberSubmitErrors);
    const bad = rows.filter((r) => r.state === "problem").length;
    if (bad > 0) {
      setStepMessage(
        bad === 1 && rows.length === 1
          ? "This number can’t be ported as it is: fix or remove it to continue."
          : `${bad} of ${rows.length} numbers need attention: fix or remove them to continue.`,
      );
      return false;
    }
    return true;
  }

  function validateDocuments(): boolean {
    const missing = COUNTRIES[country].documents.filter((d) => d.required && !documents[d.kind]);
    if (missing.length > 0) {
      setDocumentErrors((e) => ({
        ...e,
        ...Object.fromEntries(
          missing.map((d) => [d.kind, `Upload the ${d.label.toLowerCase()}: it is required for porting numbers from ${countryNameInText(country)}.`]),
        ),
      }));
      return false;
    }
    if (DOCUMENT_KINDS.some((kind) => documents[kind] && documentErrors[kind])) return false;
    // A failed pick of an optional document is no reason to stop once nothing is attached there.
    setDocumentErrors({});
    return true;
  }

  const focusHeading = useRef(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!focusHeading.current) return;
    focusHeading.current = false;
    heading.current?.focus();
  }, [step]);

  function show(index: number) {
    focusHeading.current = true;
    setStepMessage(null);
    setStep(index);
  }

  async function goTo(target: number) {
    if (target === step) return;
    if (target < step) return show(target);
    setAdvancing(true);
    setStepMessage(null);
    try {
      for (let i = step; i < target; i++) {
        if (!(await validateStep(i))) {
          if (i !== step) show(i);
          return;
        }
      }
      if (target === REVIEW) setReturnToReview(false);
      setReached((r) => Math.max(r, target));
      show(target);
    } finally {
      setAdvancing(false);
    }
  }

  function editFromReview(index: number) {
    setReturnToReview(true);
    show(index);
  }

  // ---- submit -----------------------------------------------------------------------------------

  async function submit() {
    setFormError(null);
    setAdvancing(true);
    try {
      for (let i = 0; i < REVIEW; i++) {
        if (!(await validateStep(i))) {
          setSubmitNotice("Something changed that needs attention before the request can be created.");
          show(i);
          return;
        }
      }
    } finally {
      setAdvancing(false);
    }
    const values = getValues();
    const body = new FormData();
    body.set(REQUEST_JSON_FIELD, JSON.stringify(values));
    for (const kind of DOCUMENT_KINDS) {
      const chosen = documents[kind];
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
    const numberErrors: Record<string, string> = {};
    const docErrors: DocumentErrors = {};
    const general: string[] = [];
    for (const [key, messages] of Object.entries(result.fieldErrors)) {
      const message = messages.join(" ");
      const numberIndex = /^phoneNumbers\.(\d+)$/.exec(key)?.[1];
      if (numberIndex !== undefined) {
        const raw = sentNumbers[Number(numberIndex)];
        if (raw !== undefined) numberErrors[raw] = message;
      } else if (key.startsWith("documents.") && isDocumentKind(key.slice("documents.".length))) {
        docErrors[key.slice("documents.".length) as DocumentKind] = message;
      } else if (isFormField(key)) {
        setError(key, { type: "server", message });
      } else {
        general.push(message);
      }
    }
    setNumberSubmitErrors(numberErrors);
    setDocumentErrors((e) => ({ ...e, ...docErrors }));
    setReturnToReview(true);
    setFormError(general.length > 0 ? general.join(" ") : null);
    const keys = Object.keys(result.fieldErrors);
    const steps = new Set(keys.map(stepOfErrorKey));
    setSubmitNotice(
      `The request was not created. ${keys.length === 1 ? "One thing needs" : "Some things need"} attention${
        steps.size > 1 ? `, on ${steps.size} steps` : ""
      }: fix what is marked and submit again.`,
    );
    show(firstStepWithError(keys) ?? REVIEW);
  }

  // ---- rendering --------------------------------------------------------------------------------

  const invalidSteps = new Set<number>(Object.keys(errors).map(stepOfErrorKey));
  if (Object.values(documentErrors).some(Boolean)) invalidSteps.add(stepIndex("documents"));
  if (Object.keys(numberSubmitErrors).length > 0) invalidSteps.add(stepIndex("numbers"));

  const current = STEPS[step] ?? STEPS[0];
  const typeLabel = NUMBER_TYPE_LABELS[numberType]?.toLowerCase() ?? "";
  const selectedProfile = verdicts.find((v) => v.profile.id === companyProfileId)?.profile ?? null;
  const groupId = text(values.distributionGroupId);
  const busy = advancing || submitting || created !== null;

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
      <NewRequestStepper current={step} reached={reached} invalid={invalidSteps} onSelect={(i) => void goTo(i)} />

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
          <NewRequestProfileStep register={register} errors={errors} verdicts={verdicts} country={country} numberType={numberType} />
        ) : null}
        {current.id === "numbers" ? (
          <NewRequestNumbersStep
            text={numbersText}
            onTextChange={onNumbersText}
            onReplaceNumbers={replaceNumbers}
            rows={numberRows}
            checking={numberRows.some((r) => r.state === "checking")}
            checkFailed={numbersQuery.isError}
            listError={(errors.phoneNumbers?.message ?? errors.phoneNumbers?.root?.message) as string | undefined}
            country={country}
            numberType={numberType}
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
          />
        ) : null}
        {current.id === "documents" ? (
          <NewRequestDocumentsStep
            country={country}
            documents={documents}
            errors={documentErrors}
            onChoose={(kind, file) => void chooseDocument(kind, file)}
            onRemove={removeDocument}
          />
        ) : null}
        {current.id === "review" ? (
          <NewRequestReviewStep
            country={country}
            numberType={numberType}
            profileName={selectedProfile?.name ?? null}
            numbers={numberRows}
            currentProvider={text(values.currentProvider)}
            preferredPortingDate={text(values.preferredPortingDate)}
            contractScenario={(text(values.contractScenario) || null) as ContractScenario | null}
            groupName={options.distributionGroups.find((g) => g.id === groupId)?.name ?? null}
            callbackUrl={text(values.callbackUrl)}
            comment={text(values.comment)}
            documents={documents}
            onEdit={editFromReview}
          />
        ) : null}

        <div aria-live="assertive" className="mt-5 space-y-3 empty:hidden">
          {stepMessage ? <Notice tone="danger">{stepMessage}</Notice> : null}
          {formError ? <Notice tone="danger">{formError}</Notice> : null}
        </div>

        <div className="mt-6 flex flex-wrap-reverse items-center justify-between gap-3 border-t border-slate-200 pt-5">
          {step > 0 ? (
            <Button variant="secondary" onClick={() => void goTo(step - 1)} disabled={submitting || created !== null}>
              Back
            </Button>
          ) : (
            <ButtonLink variant="ghost" href="/porting-requests">
              Cancel
            </ButtonLink>
          )}
          <div className="flex flex-wrap gap-2">
            {returnToReview && step < REVIEW ? (
              <Button variant="secondary" onClick={() => void goTo(REVIEW)} disabled={busy}>
                Back to review
              </Button>
            ) : null}
            {step < REVIEW ? (
              <Button type="submit" disabled={busy} aria-busy={advancing || undefined}>
                {advancing ? (
                  <>
                    <Spinner /> Checking…
                  </>
                ) : (
                  "Next"
                )}
              </Button>
            ) : (
              <Button type="submit" disabled={busy} aria-busy={busy || undefined}>
                {created ? (
                  <>
                    <Spinner /> Opening {created}…
                  </>
                ) : submitting ? (
                  <>
                    <Spinner /> Creating request…
                  </>
                ) : advancing ? (
                  <>
                    <Spinner /> Checking…
                  </>
                ) : (
                  "Create porting request"
                )}
              </Button>
            )}
          </div>
        </div>
      </form>
    </div>
  );
}
