"use client";

import Link from "next/link";
import { useEffect, useRef, useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { inputClass, LabelledField } from "@/components/ui/labelled-field";
import { Notice } from "@/components/ui/notice";
import { RelativeTime } from "@/components/ui/relative-time";
import { Spinner } from "@/components/ui/spinner";
import type { ActionResult } from "@/lib/auth/action";
import type { ApiKeyDto, CreatedApiKey } from "@/lib/auth/api-keys";

// API keys on a settings page (customers: their account's keys; support: the support keys).
// A new key is shown once, in a panel that stays until the user says it is stored; the list
// shows only the prefix, who created it, and when it was last used. Revoking asks first.

export type ApiKeysManagerProps = {
  keys: ApiKeyDto[];
  renderedAt: number;
  /** Base URL of the API for the example command, such as https://porting.example/api/v1. */
  apiBase: string;
  kind: "customer" | "support";
  createAction: (input: { name: string; mode?: "live" | "test" }) => Promise<ActionResult<CreatedApiKey>>;
  revokeAction: (input: { id: string }) => Promise<ActionResult<{ id: string; revokedAt: string }>>;
};

const OFFLINE = "We couldn't reach the server. Check your connection and try again.";

export function ApiKeysManager(props: ApiKeysManagerProps) {
  const { keys, renderedAt } = props;
  const [name, setName] = useState("");
  // Customers choose live or test (the account's sandbox); support keys are live only.
  const [mode, setMode] = useState<"live" | "test">("live");
  const [nameError, setNameError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [creating, startCreate] = useTransition();
  const nameInput = useRef<HTMLInputElement>(null);

  const active = keys.filter((k) => !k.revokedAt);
  const revoked = keys.filter((k) => k.revokedAt);

  function submit(event: FormEvent) {
    event.preventDefault();
    setNameError(null);
    setFormError(null);
    setNotice(null);
    startCreate(async () => {
      try {
        const result = await props.createAction(props.kind === "customer" ? { name, mode } : { name });
        if (result.ok) {
          setCreated(result.data);
          setName("");
          setMode("live");
          return;
        }
        const fieldError = result.fieldErrors?.name?.[0] ?? result.fieldErrors?.mode?.[0];
        if (fieldError) {
          setNameError(fieldError);
          nameInput.current?.focus();
        } else setFormError(result.message);
      } catch {
        setFormError(OFFLINE);
      }
    });
  }

  return (
    <div className="space-y-5">
      {created ? (
        <NewKeyPanel
          created={created}
          apiBase={props.apiBase}
          onDone={() => {
            setCreated(null);
            nameInput.current?.focus();
          }}
        />
      ) : null}

      <div role="status" aria-live="polite" className="empty:hidden">
        {notice ? (
          <Notice tone="success" onDismiss={() => setNotice(null)}>
            {notice}
          </Notice>
        ) : null}
      </div>

      <form onSubmit={submit} noValidate className="rounded-xl border border-slate-200 bg-white p-4 sm:p-5">
        <h3 className="text-sm font-semibold text-slate-900">Create a key</h3>
        <div className="mt-3 max-w-xl">
          <div>
            <LabelledField
              id="api-key-name"
              label="Key name"
              required
              hint="Name it after the script or system that will use it, so you know what stops working when you revoke it."
              error={nameError}
            >
              {(control) => (
                <input
                  {...control}
                  ref={nameInput}
                  name="name"
                  type="text"
                  autoComplete="off"
                  maxLength={100}
                  placeholder={props.kind === "support" ? "e.g. COIN bridge" : "e.g. CRM integration"}
                  value={name}
                  onChange={(e) => setName(e.target.value)}
                  className={inputClass(Boolean(nameError))}
                />
              )}
            </LabelledField>
          </div>
          {props.kind === "customer" ? (
            <fieldset className="mt-3">
              <legend className="text-sm font-medium text-slate-900">Mode</legend>
              <div className="mt-1 flex flex-col gap-1 sm:flex-row sm:gap-6">
                <label className="flex items-center gap-2 text-sm text-slate-800">
                  <input type="radio" name="mode" value="live" checked={mode === "live"} onChange={() => setMode("live")} />
                  Live
                </label>
                <label className="flex items-center gap-2 text-sm text-slate-800">
                  <input type="radio" name="mode" value="test" checked={mode === "test"} onChange={() => setMode("test")} />
                  Test (sandbox)
                </label>
              </div>
              <p className="mt-1 text-xs text-slate-600">
                A test key (<code className="font-mono">vp_test_…</code>) works in your account&apos;s sandbox: its requests never reach
                support or your voice numbers, and a simulated provider moves them according to{" "}
                <Link href="/docs/api#sandbox" className="font-medium text-brand-700 underline">
                  magic numbers
                </Link>
                .
              </p>
            </fieldset>
          ) : null}
          <Button type="submit" disabled={creating} className="mt-3">
            {creating ? (
              <>
                <Spinner /> Creating…
              </>
            ) : (
              "Create key"
            )}
          </Button>
        </div>
        {formError ? (
          <div role="alert" className="mt-3">
            <Notice tone="danger">{formError}</Notice>
          </div>
        ) : null}
      </form>

      {active.length === 0 ? (
        <div className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-8 text-center">
          <h3 className="text-sm font-semibold text-slate-900">No active API keys</h3>
          <p className="mx-auto mt-1 max-w-md text-sm text-slate-600">
            Create a key to use the REST API from your own systems. The{" "}
            <Link href="/docs/api" className="font-medium text-brand-700 underline">
              API reference
            </Link>{" "}
            shows every endpoint with examples.
          </p>
        </div>
      ) : (
        <KeyList title="Active keys" keys={active} renderedAt={renderedAt} revokeAction={props.revokeAction} onRevoked={setNotice} />
      )}

      {revoked.length > 0 ? (
        <details className="group rounded-xl border border-slate-200 bg-white">
          <summary className="cursor-pointer list-none rounded-xl px-4 py-3 text-sm font-medium text-slate-700 hover:bg-slate-50 sm:px-5">
            <span aria-hidden className="mr-2 inline-block transition-transform group-open:rotate-90">
              ›
            </span>
            Revoked keys ({revoked.length})
          </summary>
          <div className="border-t border-slate-200">
            <KeyList keys={revoked} renderedAt={renderedAt} revokeAction={props.revokeAction} onRevoked={setNotice} bare />
          </div>
        </details>
      ) : null}
    </div>
  );
}

function KeyList({
  title,
  keys,
  renderedAt,
  revokeAction,
  onRevoked,
  bare = false,
}: {
  title?: string;
  keys: ApiKeyDto[];
  renderedAt: number;
  revokeAction: ApiKeysManagerProps["revokeAction"];
  onRevoked: (message: string) => void;
  bare?: boolean;
}) {
  return (
    <section aria-label={title ?? "Revoked keys"} className={bare ? "" : "rounded-xl border border-slate-200 bg-white"}>
      {title ? <h3 className="border-b border-slate-200 px-4 py-3 text-sm font-semibold text-slate-900 sm:px-5">{title}</h3> : null}
      <ul className="divide-y divide-slate-100">
        {keys.map((key) => (
          <li key={key.id} className="flex flex-col gap-3 px-4 py-3 sm:flex-row sm:items-center sm:px-5" data-testid="api-key-row">
            <div className="min-w-0 flex-1">
              <p className="flex flex-wrap items-center gap-x-2 gap-y-1">
                <span className="font-medium text-slate-900">{key.name}</span>
                <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700" aria-label={`Key starting with ${key.prefix}`}>
                  {key.prefix}_…
                </code>
                {key.mode === "test" ? (
                  <span className="rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-800 ring-1 ring-inset ring-amber-300">
                    Test (sandbox)
                  </span>
                ) : null}
                {key.revokedAt ? (
                  <span className="rounded-full bg-zinc-100 px-2 py-0.5 text-xs font-medium text-zinc-600 ring-1 ring-inset ring-zinc-300">Revoked</span>
                ) : null}
              </p>
              <p className="mt-1 text-xs text-slate-600">
                Created <RelativeTime iso={key.createdAt} now={renderedAt} />
                {key.createdBy ? <> by {key.createdBy.name}</> : null}
                {" · "}
                {key.lastUsedAt ? (
                  <>
                    Last used <RelativeTime iso={key.lastUsedAt} now={renderedAt} />
                  </>
                ) : (
                  "Never used"
                )}
                {key.revokedAt ? (
                  <>
                    {" · "}Revoked <RelativeTime iso={key.revokedAt} now={renderedAt} />
                  </>
                ) : null}
              </p>
            </div>
            {key.revokedAt ? null : <RevokeButton apiKey={key} revokeAction={revokeAction} onRevoked={onRevoked} />}
          </li>
        ))}
      </ul>
    </section>
  );
}

function RevokeButton({
  apiKey,
  revokeAction,
  onRevoked,
}: {
  apiKey: ApiKeyDto;
  revokeAction: ApiKeysManagerProps["revokeAction"];
  onRevoked: (message: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const confirm = () => {
    setError(null);
    startTransition(async () => {
      try {
        const result = await revokeAction({ id: apiKey.id });
        if (result.ok) {
          setOpen(false);
          onRevoked(`“${apiKey.name}” is revoked: requests with it are refused from now on.`);
          return;
        }
        setError(result.message);
      } catch {
        setError(OFFLINE);
      }
    });
  };

  return (
    <>
      <Button variant="secondary" size="sm" onClick={() => setOpen(true)} aria-haspopup="dialog" className="self-start sm:self-auto">
        Revoke<span className="sr-only"> {apiKey.name}</span>
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        dismissible={!pending}
        tone="danger"
        size="sm"
        title={`Revoke “${apiKey.name}”?`}
        description={
          <>
            Everything that uses the key <code className="font-mono">{apiKey.prefix}_…</code> stops working at once: its next request is
            refused with 401. This can&apos;t be undone.
          </>
        }
        footer={
          <>
            <Button variant="secondary" onClick={() => setOpen(false)} disabled={pending}>
              Keep the key
            </Button>
            <Button variant="danger" onClick={confirm} disabled={pending}>
              {pending ? (
                <>
                  <Spinner /> Revoking…
                </>
              ) : (
                "Revoke key"
              )}
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

function NewKeyPanel({ created, apiBase, onDone }: { created: CreatedApiKey; apiBase: string; onDone: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState<"key" | "failed" | null>(null);
  const keyInput = useRef<HTMLInputElement>(null);

  // The panel appears in response to the form: move focus to it so keyboard and screen-reader
  // users land on the key (and hear that it is shown only once).
  useEffect(() => {
    heading.current?.focus();
  }, [created.id]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(created.key);
      setCopied("key");
    } catch {
      // Clipboard access refused (permissions, plain http): select the key so Ctrl-C works.
      keyInput.current?.select();
      setCopied("failed");
    }
  }

  return (
    <section aria-labelledby="new-key-heading" className="rounded-xl border border-green-300 bg-green-50 p-4 sm:p-5" data-testid="new-api-key">
      <h3 id="new-key-heading" ref={heading} tabIndex={-1} className="text-base font-semibold text-green-950 focus:outline-none">
        Your new key “{created.name}”
      </h3>
      <p className="mt-1 text-sm text-green-900">
        Copy it now and keep it somewhere safe, such as your secret manager. <strong>It is shown only this once</strong>: we store only a
        hash of it.
      </p>
      {created.mode === "test" ? (
        <p className="mt-1 text-sm text-green-900">
          This is a test key: everything it does stays in your account&apos;s sandbox (the Sandbox tab of Porting requests).
        </p>
      ) : null}
      <div className="mt-3 flex flex-col gap-2 sm:flex-row">
        <label htmlFor="new-api-key" className="sr-only">
          New API key
        </label>
        <input
          id="new-api-key"
          ref={keyInput}
          readOnly
          value={created.key}
          onFocus={(e) => e.currentTarget.select()}
          className="min-w-0 flex-1 rounded-md border border-green-300 bg-white px-3 py-2 font-mono text-sm text-slate-900"
        />
        <Button onClick={copy} variant="secondary">
          {copied === "key" ? "Copied" : "Copy key"}
        </Button>
      </div>
      <p role="status" aria-live="polite" className="mt-1 min-h-5 text-xs text-green-900">
        {copied === "key" ? "The key is on your clipboard." : copied === "failed" ? "Copying was blocked: the key is selected, press Ctrl+C (⌘C)." : ""}
      </p>
      <p className="mt-2 text-sm text-green-900">Try it:</p>
      <pre className="mt-1 overflow-x-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100">
        <code>{`curl ${apiBase}/porting-requests/statuses \\\n  -H "Authorization: Bearer ${created.key}"`}</code>
      </pre>
      <div className="mt-4 flex justify-end">
        <Button onClick={onDone}>I&apos;ve stored the key</Button>
      </div>
    </section>
  );
}
