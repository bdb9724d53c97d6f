"use client";

import { useId } from "react";
import { deleteCompanyProfileAction } from "@/app/(app)/company-profiles/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Notice } from "@/components/ui/notice";
import { ConfirmDeleteButtons, DeleteTrigger, useDeleteAction } from "./delete-action";

/**
 * Delete with a confirmation. A profile that porting requests name cannot be deleted: the button
 * is disabled and the reason sits next to it (the server refuses it too, should the page be stale).
 */
export function DeleteCompanyProfileButton({
  id,
  name,
  portingRequestsCount,
  redirectTo = "/company-profiles",
}: {
  id: string;
  name: string;
  portingRequestsCount: number;
  /** The list to show after deleting, with a "deleted" message. */
  redirectTo?: string;
}) {
  const reasonId = useId();
  const { open, setOpen, error, pending, hydrated, confirm } = useDeleteAction({ remove: () => deleteCompanyProfileAction({ id }), name, redirectTo });

  if (portingRequestsCount > 0) {
    const requests = portingRequestsCount === 1 ? "1 porting request" : `${portingRequestsCount} porting requests`;
    return (
      <span className="inline-flex flex-wrap items-center gap-2">
        <Button variant="secondary" size="sm" disabled aria-describedby={reasonId}>
          Delete
        </Button>
        <span id={reasonId} className="text-xs text-slate-500">
          Can&apos;t be deleted: used by {requests}.
        </span>
      </span>
    );
  }

  return (
    <>
      <DeleteTrigger name={name} onOpen={() => setOpen(true)} hydrated={hydrated} />
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        dismissible={!pending}
        tone="danger"
        size="sm"
        title={`Delete “${name}”?`}
        description="The profile is removed for good. No porting request uses it."
        footer={<ConfirmDeleteButtons label="Delete profile" pending={pending} onKeep={() => setOpen(false)} onConfirm={confirm} />}
      >
        {error ? (
          <div role="alert">
            <Notice tone="danger">{error}</Notice>
          </div>
        ) : null}
      </Dialog>
    </>
  );
}
