"use client";

import Link from "next/link";
import { useRef, useState, useTransition } from "react";
import { formatDateTimeUtc } from "@/components/shared/format";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Notice } from "@/components/ui/notice";
import { RelativeTime } from "@/components/ui/relative-time";
import { Spinner } from "@/components/ui/spinner";
import type { ActionResult } from "@/lib/auth/action";
import type { SigningSecretView } from "@/lib/notifications/signing-secret";

// The callback signing secret on the Settings page: masked until revealed, copyable, rotatable.
// A rotation keeps the previous secret signing for a day (two signatures per callback), which the
// page says, with a way to stop it sooner once the receiver has switched over.

type Props = {
  initial: SigningSecretView;
  renderedAt: number;
  overlapHours: number;
  /** Rotating and retiring are an admin's; members see and copy the secret. */
  canRotate: boolean;
  rotateAction: (input: Record<string, never>) => Promise<ActionResult<SigningSecretView>>;
  retireAction: (input: Record<string, never>) => Promise<ActionResult<SigningSecretView>>;
};

const OFFLINE = "We couldn't reach the server. Check your connection and try again.";

function mask(secret: string): string {
  return `whsec_${"•".repeat(16)}${secret.slice(-4)}`;
}

export function SigningSecretSettings({ initial, renderedAt, overlapHours, canRotate, rotateAction, retireAction }: Props) {
  const [view, setView] = useState(initial);
  const [revealed, setRevealed] = useState(false);
  const [copied, setCopied] = useState<"ok" | "failed" | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [rotating, startRotate] = useTransition();
  const [retiring, startRetire] = useTransition();
  const secretInput = useRef<HTMLInputElement>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(view.secret);
      setCopied("ok");
    } catch {
      // Clipboard refused (permissions, plain http): show and select it so Ctrl-C works.
      setRevealed(true);
      requestAnimationFrame(() => secretInput.current?.select());
      setCopied("failed");
    }
  }

  function rotate() {
    setError(null);
    startRotate(async () => {
      try {
        const result = await rotateAction({});
        if (!result.ok) return setError(result.message);
        setView(result.data);
        setConfirming(false);
        setRevealed(true);
        setCopied(null);
        setNotice(
          `A new secret is in use. Callbacks carry a signature with the previous secret too until ${
            result.data.previousValidUntil ? formatDateTimeUtc(result.data.previousValidUntil) : "tomorrow"
          }: update your receiver before then.`,
        );
      } catch {
        setError(OFFLINE);
      }
    });
  }

  function retire() {
    setNotice(null);
    startRetire(async () => {
      try {
        const result = await retireAction({});
        if (!result.ok) return setNotice(result.message);
        setView(result.data);
        setNotice("Callbacks are signed with the current secret only from now on.");
      } catch {
        setNotice(OFFLINE);
      }
    });
  }

  return (
    <div className="space-y-4 rounded-xl border border-slate-200 bg-white p-4 sm:p-5">
      <div className="flex flex-col gap-2 sm:flex-row sm:items-end">
        <div className="min-w-0 flex-1">
          <label htmlFor="signing-secret" className="text-sm font-medium text-slate-900">
            Signing secret
          </label>
          <input
            id="signing-secret"
            ref={secretInput}
            readOnly
            value={revealed ? view.secret : mask(view.secret)}
            aria-describedby="signing-secret-hint"
            className="mt-1 block w-full rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-sm text-slate-900 focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30"
            spellCheck={false}
            data-testid="signing-secret"
          />
        </div>
        <div className="flex gap-2">
          <Button variant="secondary" onClick={() => setRevealed((r) => !r)} aria-pressed={revealed} aria-controls="signing-secret">
            {revealed ? "Hide" : "Reveal"}
          </Button>
          <Button variant="secondary" onClick={copy}>
            {copied === "ok" ? "Copied" : "Copy"}
          </Button>
          {canRotate ? (
            <Button variant="danger" onClick={() => setConfirming(true)} aria-haspopup="dialog">
              Rotate…
            </Button>
          ) : null}
        </div>
      </div>
      <p id="signing-secret-hint" className="text-xs text-slate-600">
        Keep it secret: anyone who has it can sign requests that look like ours.{" "}
        {canRotate ? null : "Only an admin of your account can rotate it. "}
        <span role="status" aria-live="polite">
          {copied === "ok" ? "Copied to the clipboard." : copied === "failed" ? "Copying was refused by the browser: the secret is selected, press Ctrl-C." : ""}
        </span>
      </p>

      <div role="status" aria-live="polite" className="empty:hidden">
        {notice ? (
          <Notice tone="success" onDismiss={() => setNotice(null)}>
            {notice}
          </Notice>
        ) : null}
      </div>

      {view.previousValidUntil ? (
        <Notice
          tone="info"
          title="Rotation in progress"
          action={
            canRotate ? (
              <Button variant="secondary" size="sm" onClick={retire} disabled={retiring}>
                {retiring ? (
                  <>
                    <Spinner className="h-3.5 w-3.5" /> Stopping…
                  </>
                ) : (
                  "Stop using the previous secret now"
                )}
              </Button>
            ) : undefined
          }
        >
          The previous secret also signs callbacks until {formatDateTimeUtc(view.previousValidUntil)} (
          <RelativeTime iso={view.previousValidUntil} now={renderedAt} />
          ), so receivers that still verify with it keep working.
        </Notice>
      ) : null}

      <p className="text-sm text-slate-600">
        Each callback carries <code className="font-mono text-xs">webhook-id</code>, <code className="font-mono text-xs">webhook-timestamp</code> and{" "}
        <code className="font-mono text-xs">webhook-signature</code> headers per{" "}
        <a href="https://www.standardwebhooks.com/" className="font-medium text-brand-700 underline">
          Standard Webhooks
        </a>
        . Verify them with a Standard Webhooks library and this secret, or see{" "}
        <Link href="/docs/api#callbacks" className="font-medium text-brand-700 underline">
          Callbacks in the API reference
        </Link>
        .
      </p>

      <Dialog
        open={confirming}
        onClose={() => setConfirming(false)}
        dismissible={!rotating}
        tone="danger"
        title="Rotate the signing secret?"
        description={
          <>
            A new secret is created now. For the next {overlapHours} hours every callback carries two signatures, one with the new secret and one
            with the current one, so your receiver keeps working while you update it. After that only the new secret signs.
          </>
        }
        footer={
          <>
            <Button variant="secondary" onClick={() => setConfirming(false)} disabled={rotating}>
              Keep the current secret
            </Button>
            <Button variant="danger" onClick={rotate} disabled={rotating}>
              {rotating ? (
                <>
                  <Spinner /> Rotating…
                </>
              ) : (
                "Rotate secret"
              )}
            </Button>
          </>
        }
      >
        {view.previousValidUntil ? (
          <Notice tone="warning">A rotation is already in progress: rotating again stops the oldest secret from signing at once.</Notice>
        ) : null}
        {error ? (
          <div role="alert" className="mt-2">
            <Notice tone="danger">{error}</Notice>
          </div>
        ) : null}
      </Dialog>
    </div>
  );
}
