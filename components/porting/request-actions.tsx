"use client";

import { lazy, Suspense, useState } from "react";
import { Button } from "@/components/ui/button";
import type { TransitionAction } from "@/lib/porting/transitions";
import type { PortingStatus } from "@/lib/porting/values";
import type { RequestActionKind, RequestActionNotice } from "./use-request-action";

// Perform porting and Cancel porting, each behind a confirmation that says what will happen. The
// same component serves a list row (compact buttons) and the detail page. The confirmations (and
// the code that runs the action) load on demand, the first time a button is pointed at, focused or
// clicked: every list row has these buttons, and few visits press one (issue 13: the list's JavaScript).

const loadDialogs = () => import("./request-action-dialogs");
const RequestActionDialogs = lazy(loadDialogs);

export type RequestActionsRequest = {
  id: string;
  reference: string;
  status: PortingStatus;
  version: number;
  allowedActions: TransitionAction[];
  numberCount: number;
  /** The first numbers (E.164), for the confirmation text. */
  numbers: string[];
  currentProvider: string;
  /** Null when the request has no distribution group. */
  distributionGroupName: string | null;
  /** A sandbox request: performing it moves no number (DESIGN.md, Sandbox). */
  sandbox?: boolean;
};

export function RequestActions({
  request,
  variant,
  onNotice,
}: {
  request: RequestActionsRequest;
  variant: "row" | "page";
  onNotice: (notice: RequestActionNotice) => void;
}) {
  const [open, setOpen] = useState<RequestActionKind | null>(null);
  // A new key per opening, so the cancel reason starts empty every time.
  const [opening, setOpening] = useState(0);
  // What the user confirms is the request as it was when the dialog opened: its version goes with
  // the action, so a change that arrives meanwhile (even through the poll) is refused and reported.
  const [confirming, setConfirming] = useState(request);
  const canPerform = request.allowedActions.includes("perform");
  const canCancel = request.allowedActions.includes("cancel");

  function show(kind: RequestActionKind) {
    setConfirming(request);
    setOpening((n) => n + 1);
    setOpen(kind);
  }
  const preload = () => void loadDialogs();

  const row = variant === "row";
  return (
    <>
      {canPerform || canCancel ? (
        <div className={row ? "flex justify-end gap-2" : "flex flex-col gap-2 sm:flex-row"}>
          {canPerform ? (
            <Button
              size={row ? "sm" : "md"}
              onClick={() => show("perform")}
              onPointerEnter={preload}
              onFocus={preload}
              aria-label={row ? `Perform porting of ${request.reference}` : undefined}
              aria-haspopup="dialog"
            >
              {row ? "Perform" : "Perform porting"}
            </Button>
          ) : null}
          {canCancel ? (
            <Button
              size={row ? "sm" : "md"}
              variant="secondary"
              onClick={() => show("cancel")}
              onPointerEnter={preload}
              onFocus={preload}
              aria-label={row ? `Cancel porting of ${request.reference}` : undefined}
              aria-haspopup="dialog"
            >
              {row ? "Cancel" : "Cancel porting"}
            </Button>
          ) : null}
        </div>
      ) : null}
      {/* Mounted from the first opening on, so closing keeps the dialog (and returns focus) as before. */}
      {opening > 0 ? (
        <Suspense fallback={null}>
          <RequestActionDialogs
            open={open}
            opening={opening}
            request={request}
            confirming={confirming}
            onClose={() => setOpen(null)}
            onNotice={onNotice}
          />
        </Suspense>
      ) : null}
    </>
  );
}
