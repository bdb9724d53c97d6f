"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { queryKeys } from "@/components/porting/live-data";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import type { PortingRequestDto } from "@/lib/porting/dto";
import { completionMayBeScheduled, formatPortingMoment } from "@/lib/porting/scheduling";
import { ScheduleCompletionDialog, type ScheduleOutcome } from "./schedule-completion-dialog";

// The support request page's porting-moment buttons (issue 14 item 5): "Schedule completion"
// where support may complete the request (the transition table, so non-NL In progress), "Change
// the moment" and "Take back the moment" once one is confirmed; and the question asked before a
// scheduled request is completed by hand.

type Notice = { tone: "success" | "warning"; title: string; text?: string };

export function ScheduleControls({ request, onNotice }: { request: PortingRequestDto; onNotice: (notice: Notice) => void }) {
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<{ mode: "schedule" | "cancel"; opening: number; open: boolean } | null>(null);
  if (!completionMayBeScheduled(request)) return null;

  function open(mode: "schedule" | "cancel") {
    setDialog((d) => ({ mode, opening: (d?.opening ?? 0) + 1, open: true }));
  }

  function onOutcome(outcome: ScheduleOutcome) {
    setDialog((d) => (d ? { ...d, open: false } : d));
    if (outcome.kind === "done") {
      queryClient.setQueryData(queryKeys.detail(request.id), outcome.request);
      void queryClient.invalidateQueries({ queryKey: ["support-queue"] });
      onNotice({ tone: "success", title: outcome.message });
    } else {
      void queryClient.invalidateQueries({ queryKey: queryKeys.detail(request.id) });
      onNotice({ tone: "warning", title: outcome.message, text: "Nothing was changed. Check the request below and act again if needed." });
    }
  }

  return (
    <>
      {request.scheduledPortingAt ? (
        <>
          <Button variant="secondary" aria-haspopup="dialog" onClick={() => open("schedule")}>
            Change the moment
          </Button>
          <Button variant="secondary" aria-haspopup="dialog" onClick={() => open("cancel")}>
            Take back the moment
          </Button>
        </>
      ) : (
        <Button variant="secondary" aria-haspopup="dialog" onClick={() => open("schedule")}>
          Schedule completion
        </Button>
      )}
      {dialog ? (
        <ScheduleCompletionDialog
          key={dialog.opening}
          open={dialog.open}
          mode={dialog.mode}
          request={request}
          onClose={() => setDialog((d) => (d ? { ...d, open: false } : d))}
          onOutcome={onOutcome}
        />
      ) : null}
    </>
  );
}

/** Completing by hand before the confirmed moment: asked once, plainly, before the usual dialog. */
export function CompleteEarlyDialog({
  open,
  request,
  onClose,
  onConfirm,
}: {
  open: boolean;
  request: Pick<PortingRequestDto, "reference" | "scheduledPortingAt">;
  onClose: () => void;
  onConfirm: () => void;
}) {
  const at = request.scheduledPortingAt;
  return (
    <Dialog
      open={open && at !== null}
      onClose={onClose}
      title={`Complete ${request.reference} before its moment?`}
      description={
        <p>
          {request.reference} is scheduled to complete by itself on <strong>{at ? formatPortingMoment(at) : ""}</strong>, the moment agreed with
          the current provider. Completing it now cancels that schedule and assigns the numbers at once.
        </p>
      }
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Keep the schedule
          </Button>
          <Button onClick={onConfirm}>Complete now instead</Button>
        </>
      }
    />
  );
}
