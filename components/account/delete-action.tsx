"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useHydrated } from "@/components/shared/use-hydrated";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import type { ActionResult } from "@/lib/auth/action";

// What deleting a company profile and deleting a distribution group share: a button that opens a
// confirmation, the action run in a transition, and on success the list with a "deleted" message.
// What each may be refused for, and how that is shown, stays with each button.

export function useDeleteAction({
  remove,
  name,
  redirectTo,
  onConflict,
}: {
  remove: () => Promise<ActionResult<unknown>>;
  name: string;
  /** The list to show after deleting, with a "deleted" message. */
  redirectTo: string;
  /** A refusal because it was put in use since the page was shown; without it the message shows as an error. */
  onConflict?: (message: string) => void;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  // Until hydrated a click could not open the dialog: keep the button visibly unavailable.
  const hydrated = useHydrated();

  const confirm = () => {
    setError(null);
    startTransition(async () => {
      try {
        const result = await remove();
        if (result.ok) {
          setOpen(false);
          router.push(`${redirectTo}?deleted=${encodeURIComponent(name)}`);
          return;
        }
        if (result.code === "conflict" && onConflict) {
          // Explain, and show the fresh counts.
          onConflict(result.message);
          router.refresh();
          return;
        }
        setError(result.message);
        if (result.code === "not_found") router.refresh();
      } catch {
        setError("We couldn't reach the server. Check your connection and try again.");
      }
    });
  };

  return { open, setOpen, error, setError, pending, hydrated, confirm };
}

/** "Delete" (read as "Delete <name>"), opening the confirmation. */
export function DeleteTrigger({ name, onOpen, hydrated }: { name: string; onOpen: () => void; hydrated: boolean }) {
  return (
    <Button variant="secondary" size="sm" onClick={onOpen} aria-haspopup="dialog" disabled={!hydrated}>
      Delete<span className="sr-only"> {name}</span>
    </Button>
  );
}

/** The confirmation's buttons: keep it, or delete it for good. */
export function ConfirmDeleteButtons({ label, pending, onKeep, onConfirm }: { label: string; pending: boolean; onKeep: () => void; onConfirm: () => void }) {
  return (
    <>
      <Button variant="secondary" onClick={onKeep} disabled={pending}>
        Keep it
      </Button>
      <Button variant="danger" onClick={onConfirm} disabled={pending}>
        {pending ? <Spinner /> : null}
        {pending ? "Deleting…" : label}
      </Button>
    </>
  );
}
