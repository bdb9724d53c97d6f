"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { deleteCompanyProfileAction } from "@/app/(app)/company-profiles/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Notice } from "@/components/ui/notice";
import { Spinner } from "@/components/ui/spinner";
import { useHydrated } from "@/components/shared/use-hydrated";

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
  const router = useRouter();
  const reasonId = useId();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  // Until hydrated a click could not open the dialog: keep the button visibly unavailable.
  const hydrated = useHydrated();

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

  const confirm = () => {
    setError(null);
    startTransition(async () => {
      try {
        const result = await deleteCompanyProfileAction({ id });
        if (result.ok) {
          setOpen(false);
          router.push(`${redirectTo}?deleted=${encodeURIComponent(name)}`);
          return;
        }
        setError(result.message);
        if (result.code === "not_found") router.refresh();
      } catch {
        setError("We couldn't reach the server. Check your connection and try again.");
      }
    });
  };

  return (
    <>
      <Button variant="secondary" size="sm" onClick={() => setOpen(true)} aria-haspopup="dialog" disabled={!hydrated}>
        Delete<span className="sr-only"> {name}</span>
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        dismissible={!pending}
        tone="danger"
        size="sm"
        title={`Delete “${name}”?`}
        description="The profile is removed for good. No porting request uses it."
        footer={
          <>
            <Button variant="secondary" onClick={() => setOpen(false)} disabled={pending}>
              Keep it
            </Button>
            <Button variant="danger" onClick={confirm} disabled={pending}>
              {pending ? <Spinner /> : null}
              {pending ? "Deleting…" : "Delete profile"}
            </Button>
          </>
        }
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
