"use client";

import Link from "next/link";
import { Button, buttonClass } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { Spinner } from "@/components/ui/spinner";
import type { ActionResult } from "@/lib/auth/action";

// What the company profile and distribution group forms share: how a save's answer is put on the
// form, the alert over it, and Cancel / Save under it. Their fields stay their own.

export const FIELDS_NEED_ATTENTION = "Some fields need attention: see the messages next to them.";

/**
 * Runs a save action and puts its answer on the form: saved → `onSaved`; the session ended → say
 * so; field errors → each on its field, focus on the first; anything else → the message.
 */
export async function saveWithAction<T extends { id: string }>(
  save: () => Promise<ActionResult<T>>,
  {
    what,
    onSaved,
    setFieldError,
    setFormError,
    focusFirst,
  }: {
    /** "profile", "group": in "Sign in again, then save the profile." */
    what: string;
    onSaved: (saved: T) => void;
    setFieldError: (key: string, message: string) => void;
    setFormError: (message: string | null) => void;
    focusFirst: (keys: readonly string[]) => void;
  },
): Promise<void> {
  setFormError(null);
  let result: ActionResult<T>;
  try {
    result = await save();
  } catch {
    setFormError("We couldn't reach the server. Check your connection and try again.");
    return;
  }
  if (result.ok) {
    onSaved(result.data);
    return;
  }
  if (result.code === "unauthorized") {
    setFormError(`Your session has ended. Sign in again, then save the ${what}.`);
    return;
  }
  const fieldErrors = result.fieldErrors ?? {};
  const keys = Object.keys(fieldErrors).filter((k) => k !== "");
  for (const key of keys) setFieldError(key, fieldErrors[key]?.join(" ") ?? "");
  setFormError(keys.length > 0 ? FIELDS_NEED_ATTENTION : result.message);
  focusFirst(keys);
}

/** The form's own error, announced at once. */
export function FormAlert({ message }: { message: string | null }) {
  return (
    <div role="alert" aria-live="assertive">
      {message ? <Notice tone="danger">{message}</Notice> : null}
    </div>
  );
}

/** Cancel and the submit button, which waits for hydration (a click before would submit natively). */
export function FormButtons({
  cancelHref,
  label,
  submitting,
  hydrated,
  className = "",
}: {
  cancelHref: string;
  label: string;
  submitting: boolean;
  hydrated: boolean;
  className?: string;
}) {
  return (
    <div className={`flex flex-col-reverse gap-3 sm:flex-row sm:items-center ${className}`.trim()}>
      <Link href={cancelHref} className={buttonClass("secondary")}>
        Cancel
      </Link>
      <Button type="submit" disabled={!hydrated || submitting}>
        {submitting ? <Spinner /> : null}
        {submitting ? "Saving…" : label}
      </Button>
    </div>
  );
}
