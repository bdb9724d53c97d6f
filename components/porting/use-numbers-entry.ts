"use client";

import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import type { UseFormReturn } from "react-hook-form";
import type { ActionResult } from "@/lib/auth/action";
import { checkNumbersOffline, splitPastedNumbers, type NumberCheck } from "@/lib/porting/numbers";
import { MAX_NUMBERS_PER_REQUEST } from "@/lib/porting/schemas";
import type { CountryCode, NumberType } from "@/lib/porting/values";
import { mergeNumberChecks, type RequestFormInput, type RequestFormOutput, type StepVerdict } from "./new-request-model";

// The numbers step's state: the pasted text (the form holds the parsed list, a debounce behind the
// typing), the browser's instant checks, the server's database checks through react-query, and
// the errors a refused submit put on single numbers.

export type CheckNumbersInput = { country: CountryCode; numberType: NumberType; phoneNumbers: string[] };
export type CheckNumbers = (input: CheckNumbersInput) => Promise<ActionResult<NumberCheck[]>>;

const TYPING_DEBOUNCE_MS = 300;

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

export function useNumbersEntry({
  form,
  country,
  numberType,
  phoneNumbers,
  checkNumbers,
  initialText = "",
}: {
  form: UseFormReturn<RequestFormInput, unknown, RequestFormOutput>;
  country: CountryCode;
  numberType: NumberType;
  /** The list the form holds now. */
  phoneNumbers: string[];
  checkNumbers: CheckNumbers;
  /** The text the numbers start as (a corrected request's numbers, one per line). */
  initialText?: string | undefined;
}) {
  const queryClient = useQueryClient();
  const { getValues, setValue, trigger } = form;
  const listHasError = form.formState.errors.phoneNumbers !== undefined;
  const [text, setText] = useState(initialText);
  const [submitErrors, setSubmitErrors] = useState<Record<string, string>>({});

  const commit = (list: string[]) => {
    if (sameList(getValues("phoneNumbers") as string[], list)) return;
    setValue("phoneNumbers", list, { shouldValidate: listHasError });
  };

  useEffect(() => {
    const timer = setTimeout(() => {
      const list = splitPastedNumbers(text, country);
      if (!sameList(getValues("phoneNumbers") as string[], list)) setValue("phoneNumbers", list);
    }, TYPING_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, country, getValues, setValue]);

  const onTextChange = (next: string) => {
    setText(next);
    setSubmitErrors({});
  };
  const replace = (list: string[]) => {
    setText(list.join("\n"));
    setSubmitErrors({});
    commit(list);
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
  const query = useQuery({
    ...checkQuery(phoneNumbers),
    enabled: offline.some((c) => !c.problem) && phoneNumbers.length <= MAX_NUMBERS_PER_REQUEST,
    placeholderData: keepPreviousData,
    retry: 1,
    refetchOnWindowFocus: false,
  });
  const rows = useMemo(() => {
    const merged = mergeNumberChecks(offline, query.data, submitErrors);
    // When the database check is unavailable, the server's own check at submit is the safety net.
    return query.isError ? merged.map((r) => (r.state === "checking" ? { ...r, state: "ok" as const } : r)) : merged;
  }, [offline, query.data, query.isError, submitErrors]);

  /** The step's check on Next: exactly what is in the box now (not waiting for the debounce), every number fine. */
  async function validate(): Promise<StepVerdict> {
    const list = splitPastedNumbers(text, country);
    commit(list);
    if (!(await trigger("phoneNumbers", { shouldFocus: true }))) return { ok: false };
    const checks = checkNumbersOffline({ country, numberType, raw: list });
    let server: NumberCheck[] | undefined;
    if (checks.some((c) => !c.problem)) {
      server = await queryClient.fetchQuery(checkQuery(list)).catch(() => undefined);
    }
    const checked = mergeNumberChecks(checks, server, submitErrors);
    const bad = checked.filter((r) => r.state === "problem").length;
    if (bad > 0) {
      return {
        ok: false,
        message:
          bad === 1 && checked.length === 1
            ? "This number can’t be ported as it is: fix or remove it to continue."
            : `${bad} of ${checked.length} numbers need attention: fix or remove them to continue.`,
      };
    }
    return { ok: true };
  }

  return {
    text,
    onTextChange,
    replace,
    rows,
    checking: rows.some((r) => r.state === "checking"),
    checkFailed: query.isError,
    validate,
    /** Errors a refused submit put on single numbers, keyed by the number as entered. */
    submitErrors,
    setSubmitErrors,
  };
}
