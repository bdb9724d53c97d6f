"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState, useTransition, type FormEvent } from "react";
import { formatDateTimeUtc } from "@/components/shared/format";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { FieldError, inputClass, LabelledField } from "@/components/ui/labelled-field";
import { Notice } from "@/components/ui/notice";
import { Pill } from "@/components/ui/pill";
import { Spinner } from "@/components/ui/spinner";
import type { ActionResult } from "@/lib/auth/action";
import type { FieldErrors } from "@/lib/errors";
import type { WebhookDeliveryDto, WebhookEndpointDto, WebhookEndpointWithSecret } from "@/lib/webhook-endpoints/dto";
import type { EventTypeInfo } from "@/lib/webhook-endpoints/event-catalogue";
import type { WebhookResendResult } from "@/lib/webhook-endpoints/resend-webhook-delivery";
import { deliveriesQueryKey, EndpointDeliveries } from "./endpoint-deliveries";

// Settings → Webhooks: the account's endpoints, and for admins adding, editing (URL, events,
// description), enabling/disabling, rotating the secret, sending a test, deleting and resending.
// A secret is shown once, right after it is made (create, rotate), with Copy. Members see the same
// list and logs without the controls (lib/webhook-endpoints/access.ts).

type Actions = {
  create: (input: Record<string, unknown>) => Promise<ActionResult<WebhookEndpointWithSecret>>;
  update: (input: { id: string; changes: Record<string, unknown> }) => Promise<ActionResult<WebhookEndpointDto>>;
  remove: (input: { id: string }) => Promise<ActionResult<{ id: string }>>;
  rotate: (input: { id: string }) => Promise<ActionResult<WebhookEndpointWithSecret>>;
  test: (input: { id: string }) => Promise<ActionResult<WebhookDeliveryDto>>;
  resend: (input: { id: string }) => Promise<ActionResult<WebhookResendResult>>;
};

type Props = {
  initial: WebhookEndpointDto[];
  catalogue: readonly EventTypeInfo[];
  canManage: boolean;
  renderedAt: number;
  limit: number;
  actions: Actions;
};

type Feedback = { tone: "success" | "danger"; text: string };

const OFFLINE = "We couldn't reach the server. Check your connection and try again.";

export function WebhooksManager({ initial, catalogue, canManage, renderedAt, limit, actions }: Props) {
  const [endpoints, setEndpoints] = useState(initial);
  const [editing, setEditing] = useState<WebhookEndpointDto | "new" | null>(null);
  const [secret, setSecret] = useState<{ endpoint: WebhookEndpointWithSecret; rotated: boolean } | null>(null);
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const [open, setOpen] = useState<Set<string>>(() => new Set(initial.slice(0, 1).map((e) => e.id)));
  const queryClient = useQueryClient();

  const replace = (endpoint: WebhookEndpointDto) => setEndpoints((list) => list.map((e) => (e.id === endpoint.id ? { ...endpoint } : e)));
  const showDeliveries = (id: string) => setOpen((s) => new Set(s).add(id));

  async function run<T>(work: () => Promise<ActionResult<T>>, done: (data: T) => string | null): Promise<void> {
    setFeedback(null);
    try {
      const result = await work();
      if (!result.ok) return setFeedback({ tone: "danger", text: result.message });
      const text = done(result.data);
      if (text) setFeedback({ tone: "success", text });
    } catch {
      setFeedback({ tone: "danger", text: OFFLINE });
    }
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 className="text-lg font-semibold text-slate-900">
          Endpoints <span className="text-sm font-normal text-slate-500">({endpoints.length} of {limit})</span>
        </h2>
        {canManage ? (
          <Button onClick={() => setEditing("new")} aria-haspopup="dialog" disabled={endpoints.length >= limit}>
            Add endpoint
          </Button>
        ) : null}
      </div>

      <div role="status" aria-live="polite" className="empty:hidden">
        {feedback ? (
          <Notice tone={feedback.tone} onDismiss={() => setFeedback(null)}>
            {feedback.text}
          </Notice>
        ) : null}
      </div>

      {endpoints.length === 0 ? (
        <EmptyState
          title="No webhook endpoints yet"
          action={
            canManage ? (
              <Button onClick={() => setEditing("new")} aria-haspopup="dialog">
                Add your first endpoint
              </Button>
            ) : null
          }
        >
          An endpoint receives your account&apos;s events (new requests, status changes, comments, documents) as signed POSTs, for every request,
          with or without a callback URL. {canManage ? null : "Ask an admin of your account to add one."}
        </EmptyState>
      ) : (
        <ul className="space-y-4" aria-label="Webhook endpoints">
          {endpoints.map((endpoint) => (
            <EndpointCard
              key={endpoint.id}
              endpoint={endpoint}
              catalogue={catalogue}
              canManage={canManage}
              renderedAt={renderedAt}
              expanded={open.has(endpoint.id)}
              onToggle={() =>
                setOpen((s) => {
                  const next = new Set(s);
                  if (!next.delete(endpoint.id)) next.add(endpoint.id);
                  return next;
                })
              }
              onEdit={() => setEditing(endpoint)}
              onToggleEnabled={() =>
                run(
                  () => actions.update({ id: endpoint.id, changes: { enabled: !endpoint.enabled } }),
                  (updated) => {
                    replace(updated);
                    return updated.enabled ? `${updated.url} is enabled: new events are sent to it again.` : `${updated.url} is disabled: nothing is sent to it until you enable it.`;
                  },
                )
              }
              onTest={() =>
                run(
                  () => actions.test({ id: endpoint.id }),
                  () => {
                    showDeliveries(endpoint.id);
                    void queryClient.invalidateQueries({ queryKey: deliveriesQueryKey(endpoint.id) });
                    return `A test event is on its way to ${endpoint.url}; its delivery appears below.`;
                  },
                )
              }
              onResend={(delivery) =>
                run(
                  () => actions.resend({ id: delivery.id }),
                  (result) => {
                    void queryClient.invalidateQueries({ queryKey: deliveriesQueryKey(endpoint.id) });
                    return result.mode === "new_delivery"
                      ? "Sent again as a new delivery (a new webhook-id, the same body)."
                      : result.mode === "retry_now"
                        ? "Its next attempt is now."
                        : "An attempt is running right now.";
                  },
                )
              }
              onRotated={(rotated) => {
                replace(rotated);
                setSecret({ endpoint: rotated, rotated: true });
              }}
              onDeleted={() => {
                setEndpoints((list) => list.filter((e) => e.id !== endpoint.id));
                setFeedback({ tone: "success", text: `${endpoint.url} was deleted: nothing more is sent to it.` });
              }}
              actions={actions}
            />
          ))}
        </ul>
      )}

      {editing !== null ? (
        <EndpointEditor
          endpoint={editing === "new" ? null : editing}
          catalogue={catalogue}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            if (editing === "new") {
              setEndpoints((list) => [saved, ...list]);
              showDeliveries(saved.id);
              setSecret({ endpoint: saved as WebhookEndpointWithSecret, rotated: false });
            } else {
              replace(saved);
              setFeedback({ tone: "success", text: `${saved.url} was saved.` });
            }
          }}
          actions={actions}
        />
      ) : null}

      {secret ? <SecretDialog endpoint={secret.endpoint} rotated={secret.rotated} onClose={() => setSecret(null)} /> : null}
    </div>
  );
}

function EndpointCard({
  endpoint,
  catalogue,
  canManage,
  renderedAt,
  expanded,
  onToggle,
  onEdit,
  onToggleEnabled,
  onTest,
  onResend,
  onRotated,
  onDeleted,
  actions,
}: {
  endpoint: WebhookEndpointDto;
  catalogue: readonly EventTypeInfo[];
  canManage: boolean;
  renderedAt: number;
  expanded: boolean;
  onToggle: () => void;
  onEdit: () => void;
  onToggleEnabled: () => Promise<void>;
  onTest: () => Promise<void>;
  onResend: (delivery: WebhookDeliveryDto) => Promise<void>;
  onRotated: (endpoint: WebhookEndpointWithSecret) => void;
  onDeleted: () => void;
  actions: Actions;
}) {
  const headingId = useId();
  const deliveriesId = useId();
  const [busy, setBusy] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<"rotate" | "delete" | null>(null);
  const [confirmError, setConfirmError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const described = catalogue.filter((c) => endpoint.events.includes(c.type));

  const act = (name: string, work: () => Promise<void>) => {
    setBusy(name);
    void work().finally(() => setBusy(null));
  };

  function confirmed() {
    setConfirmError(null);
    startTransition(async () => {
      try {
        if (confirm === "rotate") {
          const result = await actions.rotate({ id: endpoint.id });
          if (!result.ok) return setConfirmError(result.message);
          setConfirm(null);
          onRotated(result.data);
        } else {
          const result = await actions.remove({ id: endpoint.id });
          if (!result.ok) return setConfirmError(result.message);
          setConfirm(null);
          onDeleted();
        }
      } catch {
        setConfirmError(OFFLINE);
      }
    });
  }

  return (
    <li aria-labelledby={headingId} className="rounded-xl border border-slate-200 bg-white p-4 sm:p-5">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0 flex-1">
          <h3 id={headingId} className="break-all font-mono text-sm font-semibold text-slate-900">
            {endpoint.url}
          </h3>
          {endpoint.description ? <p className="mt-0.5 text-sm text-slate-600">{endpoint.description}</p> : null}
        </div>
        <Pill tone={endpoint.enabled ? "green" : "slate"}>{endpoint.enabled ? "Enabled" : "Disabled"}</Pill>
      </div>
      <div className="mt-2 flex flex-wrap gap-1.5" aria-label="Events it receives">
        {endpoint.events.length === 0 ? (
          <Pill tone="blue">All events</Pill>
        ) : (
          described.map((c) => (
            <Pill key={c.type} tone="blue" className="font-mono">
              {c.type}
            </Pill>
          ))
        )}
      </div>
      {endpoint.previousSecretValidUntil ? (
        <p className="mt-2 text-xs text-slate-600">The previous secret also signs until {formatDateTimeUtc(endpoint.previousSecretValidUntil)}.</p>
      ) : null}

      <div className="mt-3 flex flex-wrap gap-2">
        {canManage ? (
          <>
            <Button variant="secondary" size="sm" onClick={() => act("test", onTest)} disabled={busy !== null || !endpoint.enabled} aria-busy={busy === "test"} title={endpoint.enabled ? undefined : "Enable the endpoint to send a test"}>
              {busy === "test" ? <Spinner className="h-3.5 w-3.5" /> : null}
              Send test
            </Button>
            <Button variant="secondary" size="sm" onClick={onEdit} aria-haspopup="dialog">
              Edit
            </Button>
            <Button variant="secondary" size="sm" onClick={() => act("enabled", onToggleEnabled)} disabled={busy !== null} aria-busy={busy === "enabled"}>
              {busy === "enabled" ? <Spinner className="h-3.5 w-3.5" /> : null}
              {endpoint.enabled ? "Disable" : "Enable"}
            </Button>
            <Button variant="secondary" size="sm" onClick={() => setConfirm("rotate")} aria-haspopup="dialog">
              Rotate secret…
            </Button>
            <Button variant="ghost" size="sm" onClick={() => setConfirm("delete")} aria-haspopup="dialog" className="text-red-700 hover:bg-red-50">
              Delete…
            </Button>
          </>
        ) : null}
        <Button variant="ghost" size="sm" onClick={onToggle} aria-expanded={expanded} aria-controls={deliveriesId}>
          {expanded ? "Hide deliveries" : "Show deliveries"}
        </Button>
      </div>

      <div id={deliveriesId} hidden={!expanded} className="mt-3 border-t border-slate-100 pt-3">
        {expanded ? (
          <EndpointDeliveries
            endpointId={endpoint.id}
            // A disabled endpoint is sent nothing (the API answers 409): no Resend until it is enabled.
            canResend={canManage && endpoint.enabled}
            now={renderedAt}
            busy={busy}
            onResend={(delivery) => {
              setBusy(delivery.id);
              void onResend(delivery).finally(() => setBusy(null));
            }}
          />
        ) : null}
      </div>

      <Dialog
        open={confirm !== null}
        onClose={() => setConfirm(null)}
        dismissible={!pending}
        tone={confirm === "delete" ? "danger" : "default"}
        size="sm"
        title={confirm === "delete" ? "Delete this endpoint?" : "Rotate this endpoint's secret?"}
        description={
          confirm === "delete" ? (
            <>
              Nothing more is sent to <span className="break-all font-mono">{endpoint.url}</span>, not even deliveries still being retried, and its
              delivery log is deleted with it. This can&apos;t be undone.
            </>
          ) : (
            <>
              A new secret signs from now on. The current one keeps signing alongside it for 24 hours (two signatures per delivery), so your
              receiver can switch over without refusing one. The new secret is shown once.
            </>
          )
        }
        footer={
          <>
            <Button variant="secondary" onClick={() => setConfirm(null)} disabled={pending}>
              Cancel
            </Button>
            <Button variant={confirm === "delete" ? "danger" : "primary"} onClick={confirmed} disabled={pending}>
              {pending ? <Spinner /> : null}
              {confirm === "delete" ? "Delete endpoint" : "Rotate secret"}
            </Button>
          </>
        }
      >
        {confirmError ? (
          <div role="alert">
            <Notice tone="danger">{confirmError}</Notice>
          </div>
        ) : null}
      </Dialog>
    </li>
  );
}

function EndpointEditor({
  endpoint,
  catalogue,
  onClose,
  onSaved,
  actions,
}: {
  endpoint: WebhookEndpointDto | null;
  catalogue: readonly EventTypeInfo[];
  onClose: () => void;
  onSaved: (endpoint: WebhookEndpointDto | WebhookEndpointWithSecret) => void;
  actions: Actions;
}) {
  const [url, setUrl] = useState(endpoint?.url ?? "");
  const [description, setDescription] = useState(endpoint?.description ?? "");
  const [all, setAll] = useState(endpoint ? endpoint.events.length === 0 : true);
  const [chosen, setChosen] = useState<Set<string>>(new Set(endpoint?.events ?? []));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const urlRef = useRef<HTMLInputElement>(null);
  const formId = useId();
  const eventsErrorId = useId();

  const eventsError = Object.entries(errors)
    .filter(([key]) => key === "events" || key.startsWith("events."))
    .flatMap(([, messages]) => messages)
    .join(" ");

  function submit(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    if (!all && chosen.size === 0) {
      setErrors({ events: ["Choose at least one event type, or All events."] });
      return;
    }
    const body = { url, description, events: all ? [] : catalogue.map((c) => c.type).filter((t) => chosen.has(t)) };
    startTransition(async () => {
      try {
        const result = endpoint ? await actions.update({ id: endpoint.id, changes: body }) : await actions.create(body);
        if (!result.ok) {
          setErrors(result.fieldErrors ?? {});
          setMessage(result.fieldErrors ? null : result.message);
          if (result.fieldErrors?.url) urlRef.current?.focus();
          return;
        }
        onSaved(result.data);
      } catch {
        setMessage(OFFLINE);
      }
    });
  }

  return (
    <Dialog
      open
      onClose={onClose}
      dismissible={!pending}
      size="lg"
      title={endpoint ? "Edit endpoint" : "Add a webhook endpoint"}
      description={endpoint ? null : "It receives the events you choose, signed with a secret of its own that you see once, when it is created."}
      initialFocus={urlRef}
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" form={formId} disabled={pending}>
            {pending ? <Spinner /> : null}
            {endpoint ? "Save changes" : "Add endpoint"}
          </Button>
        </>
      }
    >
      <form id={formId} onSubmit={submit} className="space-y-4" noValidate>
        {message ? (
          <div role="alert">
            <Notice tone="danger">{message}</Notice>
          </div>
        ) : null}
        <LabelledField
          id={`${formId}-url`}
          label="Endpoint URL"
          required
          hint="https, on a public address: private, loopback and other internal addresses are refused."
          error={errors.url?.join(" ")}
        >
          {(props) => (
            <input
              {...props}
              ref={urlRef}
              type="url"
              inputMode="url"
              autoComplete="off"
              spellCheck={false}
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              placeholder="https://hooks.example.com/porting"
              className={inputClass(Boolean(errors.url), "font-mono")}
            />
          )}
        </LabelledField>
        <LabelledField id={`${formId}-description`} label="Description" hint="What it is for, for your colleagues (up to 200 characters)." error={errors.description?.join(" ")}>
          {(props) => <input {...props} value={description} maxLength={200} onChange={(e) => setDescription(e.target.value)} className={inputClass(Boolean(errors.description))} />}
        </LabelledField>
        <fieldset aria-describedby={eventsError ? eventsErrorId : undefined}>
          <legend className="text-sm font-medium text-slate-900">Events</legend>
          <div className="mt-2 space-y-2">
            <label className="flex items-start gap-2 text-sm">
              <input type="radio" name={`${formId}-scope`} checked={all} onChange={() => setAll(true)} className="mt-1" />
              <span>
                <span className="font-medium text-slate-900">All events</span>
                <span className="block text-slate-600">Including event types added later.</span>
              </span>
            </label>
            <label className="flex items-start gap-2 text-sm">
              <input type="radio" name={`${formId}-scope`} checked={!all} onChange={() => setAll(false)} className="mt-1" />
              <span className="font-medium text-slate-900">Only the ones I choose</span>
            </label>
            <div className="ml-6 space-y-2" hidden={all}>
              {catalogue.map((c) => (
                <label key={c.type} className="flex items-start gap-2 text-sm">
                  <input
                    type="checkbox"
                    className="mt-1"
                    checked={chosen.has(c.type)}
                    disabled={all}
                    onChange={(e) =>
                      setChosen((s) => {
                        const next = new Set(s);
                        if (e.target.checked) next.add(c.type);
                        else next.delete(c.type);
                        return next;
                      })
                    }
                  />
                  <span className="min-w-0">
                    <span className="break-all font-mono text-slate-900">{c.type}</span>
                    <span className="block text-slate-600">{c.description.replaceAll("`", "")}</span>
                  </span>
                </label>
              ))}
            </div>
          </div>
          <FieldError id={eventsErrorId}>{eventsError || null}</FieldError>
        </fieldset>
      </form>
    </Dialog>
  );
}

function SecretDialog({ endpoint, rotated, onClose }: { endpoint: WebhookEndpointWithSecret; rotated: boolean; onClose: () => void }) {
  const [copied, setCopied] = useState<"ok" | "failed" | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const inputId = useId();

  async function copy() {
    try {
      await navigator.clipboard.writeText(endpoint.secret);
      setCopied("ok");
    } catch {
      // Clipboard refused (permissions, plain http): select it so Ctrl-C works.
      input.current?.select();
      setCopied("failed");
    }
  }

  return (
    <Dialog
      open
      onClose={onClose}
      title={rotated ? "The endpoint's new secret" : "Endpoint added: store its secret"}
      description={
        <>
          Verify every delivery to <span className="break-all font-mono">{endpoint.url}</span> with this secret (Standard Webhooks). It is shown
          only now: if it is lost, rotate it.
          {rotated && endpoint.previousSecretValidUntil ? ` The previous secret also signs until ${formatDateTimeUtc(endpoint.previousSecretValidUntil)}.` : ""}
        </>
      }
      footer={<Button onClick={onClose}>I have stored it</Button>}
    >
      <label htmlFor={inputId} className="text-sm font-medium text-slate-900">
        Signing secret
      </label>
      <div className="mt-1 flex flex-col gap-2 sm:flex-row">
        <input
          id={inputId}
          ref={input}
          readOnly
          value={endpoint.secret}
          onFocus={(e) => e.currentTarget.select()}
          spellCheck={false}
          data-testid="webhook-secret"
          className="block w-full min-w-0 rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-sm text-slate-900"
        />
        <Button variant="secondary" onClick={copy}>
          {copied === "ok" ? "Copied" : "Copy"}
        </Button>
      </div>
      <p role="status" aria-live="polite" className="mt-2 text-xs text-slate-600">
        {copied === "ok" ? "Copied to the clipboard." : copied === "failed" ? "Copying was refused by the browser: the secret is selected, press Ctrl-C." : ""}
      </p>
    </Dialog>
  );
}
