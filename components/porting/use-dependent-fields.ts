"use client";

import { useEffect, useRef } from "react";
import type { UseFormSetValue } from "react-hook-form";
import { COUNTRIES } from "@/lib/porting/countries";
import type { CountryCode } from "@/lib/porting/values";
import type { RequestFormInput } from "./new-request-model";
import type { ProfileVerdict } from "./new-request-profile-step";

/** Keeps the fields that depend on an earlier choice consistent when that choice changes. */
export function useDependentFields({
  setValue,
  country,
  companyProfileId,
  verdicts,
}: {
  setValue: UseFormSetValue<RequestFormInput>;
  country: CountryCode;
  companyProfileId: string;
  verdicts: readonly ProfileVerdict[];
}) {
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
}
