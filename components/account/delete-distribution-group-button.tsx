"use client";

import Link from "next/link";
import { useState } from "react";
import { deleteDistributionGroupAction } from "@/app/(app)/distribution-groups/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Notice } from "@/components/ui/notice";
import type { DistributionGroupDto } from "@/lib/distribution-groups/dto";
import { ConfirmDeleteButtons, DeleteTrigger, useDeleteAction } from "./delete-action";

/**
 * Delete with a confirmation. A group in use can't be deleted: the dialog says why and what to do
 * instead; the server refuses it as well, so a stale page ends with the same explanation.
 */
export function DeleteDistributionGroupButton({
  group,
  redirectTo = "/distribution-groups",
}: {
  group: Pick<DistributionGroupDto, "id" | "name" | "numbersCount" | "openPortingRequestsCount" | "inUseReason">;
  /** The list to show after deleting, with a "deleted" message. */
  redirectTo?: string;
}) {
  const [refusal, setRefusal] = useState<string | null>(null);
  const { open, setOpen, error, setError, pending, hydrated, confirm } = useDeleteAction({
    remove: () => deleteDistributionGroupAction({ id: group.id }),
    name: group.name,
    redirectTo,
    // It was put in use since the page was shown.
    onConflict: setRefusal,
  });
  const staticRefusal = group.inUseReason
    ? `“${group.name}” can't be deleted: it is ${group.inUseReason}.`
    : null;
  const refused = refusal ?? staticRefusal;

  const close = () => {
    setOpen(false);
    setError(null);
    setRefusal(null);
  };

  return (
    <>
      <DeleteTrigger name={group.name} onOpen={() => setOpen(true)} hydrated={hydrated} />
      <Dialog
        open={open}
        onClose={close}
        dismissible={!pending}
        tone={refused ? "default" : "danger"}
        size="sm"
        title={refused ? `“${group.name}” is in use` : `Delete “${group.name}”?`}
        description={
          refused ? (
            <span data-testid="delete-refusal">{refused}</span>
          ) : (
            "The group is removed for good. No number and no open porting request uses it."
          )
        }
        footer={
          refused ? (
            <Button variant="secondary" onClick={close}>
              Close
            </Button>
          ) : (
            <ConfirmDeleteButtons label="Delete group" pending={pending} onKeep={close} onConfirm={confirm} />
          )
        }
      >
        {refused ? (
          <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
            {group.numbersCount > 0 || refusal?.includes("number") ? (
              <li>
                Move its numbers to another group first, on{" "}
                <Link href={`/numbers?group=${group.id}`} className="font-medium text-brand-700 underline" onClick={close}>
                  the numbers page
                </Link>
                .
              </li>
            ) : null}
            {group.openPortingRequestsCount > 0 || refusal?.includes("open porting request") ? (
              <li>Open porting requests will assign their numbers to it: wait until they are completed or cancelled.</li>
            ) : null}
          </ul>
        ) : null}
        {error ? (
          <div role="alert" className="mt-3">
            <Notice tone="danger">{error}</Notice>
          </div>
        ) : null}
      </Dialog>
    </>
  );
}
