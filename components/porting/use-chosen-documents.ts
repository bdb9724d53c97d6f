"use client";

import { useState } from "react";
import { COUNTRIES, countryNameInText } from "@/lib/porting/countries";
import { DOCUMENT_KINDS, type CountryCode, type DocumentKind } from "@/lib/porting/values";
import { inspectDocument } from "./new-request-documents-step";
import type { ChosenDocuments, DocumentErrors } from "./new-request-model";

// The documents step's state: the files chosen so far (each inspected in the browser by the
// server's rules when picked) and the error of each slot.

export function useChosenDocuments(country: CountryCode) {
  const [documents, setDocuments] = useState<ChosenDocuments>({});
  const [errors, setErrors] = useState<DocumentErrors>({});

  async function choose(kind: DocumentKind, file: File) {
    const inspected = await inspectDocument(file);
    if (!inspected.ok) {
      setDocuments((d) => ({ ...d, [kind]: undefined }));
      setErrors((e) => ({ ...e, [kind]: inspected.message }));
      return;
    }
    setDocuments((d) => ({ ...d, [kind]: inspected.document }));
    setErrors((e) => ({ ...e, [kind]: undefined }));
  }

  function remove(kind: DocumentKind) {
    setDocuments((d) => ({ ...d, [kind]: undefined }));
    setErrors((e) => ({ ...e, [kind]: undefined }));
  }

  /** The step's check on Next: every required document attached, none of the attached ones refused. */
  function validate(): boolean {
    const missing = COUNTRIES[country].documents.filter((d) => d.required && !documents[d.kind]);
    if (missing.length > 0) {
      setErrors((e) => ({
        ...e,
        ...Object.fromEntries(
          missing.map((d) => [d.kind, `Upload the ${d.label.toLowerCase()}: it is required for porting numbers from ${countryNameInText(country)}.`]),
        ),
      }));
      return false;
    }
    if (DOCUMENT_KINDS.some((kind) => documents[kind] && errors[kind])) return false;
    // A failed pick of an optional document is no reason to stop once nothing is attached there.
    setErrors({});
    return true;
  }

  /** Puts a refused submit's document errors on their slots. */
  const addErrors = (more: DocumentErrors) => setErrors((e) => ({ ...e, ...more }));

  return { documents, errors, hasErrors: Object.values(errors).some(Boolean), choose, remove, validate, addErrors };
}
