"use client";

import { useEffect, useId, useRef, type ReactNode, type RefObject } from "react";

/** Modal dialog on the native <dialog>: the browser traps focus and makes the page inert; Escape and a backdrop click close it (unless `dismissible` is false, e.g. while saving); focus returns to the element that opened it. */
export function Dialog({
  open,
  onClose,
  title,
  description,
  children,
  footer,
  dismissible = true,
  initialFocus,
  size = "md",
  tone = "default",
}: {
  open: boolean;
  /** Called when the user dismisses the dialog (Escape, backdrop, a close button calling it). */
  onClose: () => void;
  title: ReactNode;
  /** Read out with the title when the dialog opens (aria-describedby). */
  description?: ReactNode;
  children?: ReactNode;
  /** Buttons; laid out right-aligned on wide screens and stacked on phones. */
  footer?: ReactNode;
  dismissible?: boolean;
  /** The element to focus on open; by default the browser focuses the first focusable element. */
  initialFocus?: RefObject<HTMLElement | null>;
  size?: "sm" | "md" | "lg";
  /** "danger" marks destructive confirmations with a red accent. */
  tone?: "default" | "danger";
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);
  const titleId = useId();
  const descriptionId = useId();
  // Latest values for the native event listeners, without re-subscribing on every render.
  const latest = useRef({ onClose, dismissible });
  useEffect(() => {
    latest.current = { onClose, dismissible };
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement;
      dialog.showModal();
      initialFocus?.current?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open, initialFocus]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const onCancel = (event: Event) => {
      // Escape: closing is ours to decide, so a dialog that is saving stays open.
      event.preventDefault();
      if (latest.current.dismissible) latest.current.onClose();
    };
    const onNativeClose = () => {
      const back = opener.current;
      opener.current = null;
      if (back instanceof HTMLElement && back.isConnected) back.focus();
      else if (back) (document.querySelector("main") as HTMLElement | null)?.focus?.();
    };
    dialog.addEventListener("cancel", onCancel);
    dialog.addEventListener("close", onNativeClose);
    return () => {
      dialog.removeEventListener("cancel", onCancel);
      dialog.removeEventListener("close", onNativeClose);
      // Leaving the page with the dialog open must not leave the document inert.
      if (dialog.open) dialog.close();
    };
  }, []);

  const width = size === "sm" ? "max-w-sm" : size === "lg" ? "max-w-2xl" : "max-w-lg";
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      // The top layer still inherits text styles from where the dialog sits in the DOM (a table
      // cell, a right-aligned toolbar), so they are reset here.
      className={`m-auto w-[calc(100%-2rem)] ${width} overflow-hidden rounded-xl bg-white p-0 text-left text-base font-normal tracking-normal whitespace-normal normal-case text-slate-900 shadow-2xl backdrop:bg-slate-900/50`}
      onMouseDown={(event) => {
        // A press on the backdrop lands on the <dialog> itself; presses inside land on its content.
        if (event.target === event.currentTarget && latest.current.dismissible) onClose();
      }}
    >
      {open ? (
        <div className="flex max-h-[calc(100dvh-2rem)] flex-col">
          {tone === "danger" ? <div aria-hidden className="h-1 shrink-0 bg-red-600" /> : null}
          <div className="overflow-y-auto px-5 pt-5 pb-4 sm:px-6">
            <h2 id={titleId} className="text-lg font-semibold text-slate-900">
              {title}
            </h2>
            {description ? (
              <div id={descriptionId} className="mt-2 text-sm text-slate-600">
                {description}
              </div>
            ) : null}
            {children ? <div className="mt-4">{children}</div> : null}
          </div>
          {footer ? (
            <div className="flex flex-col-reverse gap-2 border-t border-slate-200 bg-slate-50 px-5 py-3 sm:flex-row sm:justify-end sm:px-6">
              {footer}
            </div>
          ) : null}
        </div>
      ) : null}
    </dialog>
  );
}
