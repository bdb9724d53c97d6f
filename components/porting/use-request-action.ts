"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { cancelPortingRequestAction, performPortingRequestAction } from "@/app/(app)/porting-requests/actions";
import type { ActionResult } from "@/lib/auth/action";
import type { FieldErrors } from "@/lib/errors";
import type { PortingRequestDto } from "@/lib/porting/dto";
import { statusLabel } from "@/lib/porting/statuses";
import type { PortingStatus } from "@/lib/porting/values";
import { portingRequestJson } from "@/lib/porting/serialize";
import { queryKeys } from "./live-data";

// Runs Perform / Cancel from any page and turns every result into something the page can say.
// A request that changed meanwhile (a lost race, a stale page) is never an error page: the data is
// reloaded and the page says what it changed to.

export type RequestActionKind = "perform" | "cancel";

/** A page-level message after an action settled; `changed` means the data was reloaded. */
export type RequestActionNotice = {
  tone: "success" | "warning";
  text: string;
  /** True when the request had changed meanwhile and was reloaded instead. */
  changed: boolean;
  /** The status the request has now, when known: pages use it to avoid announcing it twice. */
  status?: PortingStatus;
};

export type RequestActionTarget = { id: string; reference: string; status: PortingStatus; version: number };

/** What the dialog shows when the action did not go through and the user can still act. */
export type RequestActionError = { message: string; fieldErrors?: FieldErrors; signIn?: boolean };

export function changedMessage(currentStatus: PortingStatus | undefined, before: PortingStatus): string {
  if (!currentStatus) return "This request changed meanwhile — reloaded.";
  if (currentStatus === before) return "This request changed meanwhile — reloaded. Check it and try again.";
  return `This request changed to ${statusLabel(currentStatus)} — reloaded.`;
}

export function useRequestAction(target: RequestActionTarget, onNotice: (notice: RequestActionNotice) => void) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<RequestActionError | null>(null);

  function reload() {
    void queryClient.invalidateQueries({ queryKey: queryKeys.detail(target.id) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.lists });
    router.refresh();
  }

  /** Resolves true when the dialog can close (done, or the request changed and was reloaded). */
  function run(kind: RequestActionKind, reason?: string): Promise<boolean> {
    setError(null);
    return new Promise((resolve) => {
      startTransition(async () => {
        let result: ActionResult<PortingRequestDto>;
        try {
          result =
            kind === "perform"
              ? await performPortingRequestAction({ id: target.id, expectedVersion: target.version })
              : await cancelPortingRequestAction({ id: target.id, reason: reason ?? null, expectedVersion: target.version });
        } catch {
          setError({ message: "We couldn't reach the server. Check your connection and try again." });
          resolve(false);
          return;
        }

        if (result.ok) {
          // The page shows what the API would answer now: the same JSON the poll brings.
          queryClient.setQueryData(queryKeys.detail(target.id), portingRequestJson(result.data));
          reload();
          onNotice({
            tone: "success",
            changed: false,
            status: result.data.status,
            text:
              kind === "perform"
                ? `${target.reference} is Completed: its numbers are on your voice account.`
                : `${target.reference} is Cancelled.`,
          });
          resolve(true);
          return;
        }

        switch (result.code) {
          case "conflict": {
            // Completion refused because a number is already on a voice account: nothing changed,
            // and the message says which number; reloading would not help.
            if (result.details?.numbersOnVoiceAccount) {
              setError({ message: result.message });
              resolve(false);
              return;
            }
            const currentStatus = result.details?.currentStatus as PortingStatus | undefined;
            reload();
            onNotice({
              tone: "warning",
              changed: true,
              text: changedMessage(currentStatus, target.status),
              ...(currentStatus ? { status: currentStatus } : {}),
            });
            resolve(true);
            return;
          }
          case "not_found":
            reload();
            onNotice({ tone: "warning", changed: true, text: "This request is no longer available — reloaded." });
            resolve(true);
            return;
          case "unauthorized":
            setError({ message: result.message, signIn: true });
            resolve(false);
            return;
          case "validation":
            setError({ message: result.message, ...(result.fieldErrors ? { fieldErrors: result.fieldErrors } : {}) });
            resolve(false);
            return;
          default:
            setError({ message: result.message });
            resolve(false);
        }
      });
    });
  }

  return { run, pending, error, clearError: () => setError(null) };
}
