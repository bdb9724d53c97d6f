"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, useTransition, type FormEvent, type KeyboardEvent } from "react";
import { addCommentAction, markConversationReadAction } from "@/app/conversation/actions";
import { FetchError, isSessionEnded, POLL_INTERVAL_MS } from "@/components/shared/fetch-json";
import { useLivePollInterval } from "@/components/shared/live-updates";
import { formatDateTimeUtc } from "@/components/shared/format";
import { useNow } from "@/components/shared/use-now";
import { Button } from "@/components/ui/button";
import { FieldError, inputClass } from "@/components/ui/labelled-field";
import { Notice } from "@/components/ui/notice";
import { Pill } from "@/components/ui/pill";
import { RelativeTime } from "@/components/ui/relative-time";
import { SessionEndedNotice, SignInAgainLink } from "@/components/ui/session-ended";
import { Spinner } from "@/components/ui/spinner";
import { MAX_COMMENT_BODY_LENGTH } from "@/lib/porting/conversation-schemas";
import { conversationKeys, fetchComments, type CommentJson } from "./conversation-data";
import { queryKeys } from "./live-data";

// The conversation on a request, on the customer's page and on support's (issue 14, item 3):
// every message oldest first, kept fresh without a reload, and a form to write. Support also asks
// for information (the customer's pages then say "waiting for you") and writes internal notes,
// which the customer's reads never contain. Keyboard: the form is plain fields and buttons;
// Ctrl+Enter (⌘+Enter) sends.

export type ConversationViewer = "customer" | "support";
type Kind = "comment" | "question" | "internal";

const KIND_COPY: Record<Kind, { label: string; hint: string; send: string; done: string }> = {
  comment: {
    label: "Comment to the customer",
    hint: "The customer sees it on the request page and receives it by email.",
    send: "Send comment",
    done: "Comment sent to the customer.",
  },
  question: {
    label: "Ask the customer for information",
    hint: "Emailed too; the request shows “waiting for you” to the customer until they reply.",
    send: "Ask the customer",
    done: "Question sent: the request waits for the customer's answer.",
  },
  internal: {
    label: "Internal note",
    hint: "For support staff only: the customer never sees it, anywhere.",
    send: "Add internal note",
    done: "Internal note added.",
  },
};

export function RequestConversation({
  requestId,
  viewer,
  initialComments,
  renderedAt,
  final,
  waitingForCustomer,
}: {
  requestId: string;
  viewer: ConversationViewer;
  initialComments: CommentJson[];
  renderedAt: number;
  /** The request is Completed, Blocked or Cancelled: support can no longer ask a question. */
  final: boolean;
  /** Support asked and waits for the customer's reply (the request's `waitingForCustomer`). */
  waitingForCustomer: boolean;
}) {
  const queryClient = useQueryClient();
  const now = useNow(renderedAt, 30_000);
  const livePoll = useLivePollInterval();
  const query = useQuery({
    queryKey: conversationKeys.comments(requestId),
    queryFn: ({ signal }) => fetchComments(requestId, signal),
    initialData: initialComments,
    initialDataUpdatedAt: renderedAt,
    // Comments arrive pushed (porting_request.comment_added). Internal notes are no event (events
    // reach the account's customers), so support's view also asks now and then for a colleague's.
    refetchInterval: viewer === "support" ? POLL_INTERVAL_MS : livePoll,
  });
  const comments = query.data;
  const [announcement, setAnnouncement] = useState("");

  // A message that arrives while the page is open is said once to screen readers; support reads
  // the customer's new comments simply by having the request open.
  const seen = useRef(new Set(initialComments.map((c) => c.id)));
  useEffect(() => {
    const fresh = comments.filter((c) => !seen.current.has(c.id));
    for (const c of fresh) seen.current.add(c.id);
    const fromOthers = fresh.filter((c) => (viewer === "customer" ? c.author.role === "support" : c.author.role === "customer"));
    if (fromOthers.length === 0) return;
    const last = fromOthers.at(-1)!;
    setAnnouncement(`New message from ${last.author.name}${viewer === "customer" ? " (support)" : ""}.`);
    if (viewer === "support") {
      void markConversationReadAction({ id: requestId }).then(() => queryClient.invalidateQueries({ queryKey: ["support-queue"] }));
    }
  }, [comments, viewer, requestId, queryClient]);

  const pollError = query.isRefetchError ? query.error : null;
  const lastQuestion = [...comments].reverse().find((c) => c.asksForInformation);

  return (
    <section id="conversation" aria-labelledby="conversation-title" className="scroll-mt-6 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
      <h2 id="conversation-title" className="text-base font-semibold text-slate-900">
        {viewer === "customer" ? "Conversation with support" : "Conversation with the customer"}
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        {viewer === "customer"
          ? "Questions and answers about this request. Support's messages are also emailed to the company profile's addresses."
          : "Comments and questions go to the customer and are emailed to the company profile's addresses; internal notes stay with support."}
      </p>

      <div role="status" aria-live="polite" className="sr-only">
        {announcement}
      </div>
      {isSessionEnded(pollError) ? (
        <div className="mt-3">
          <SessionEndedNotice what="page" />
        </div>
      ) : pollError instanceof FetchError && pollError.status !== 404 ? (
        <p className="mt-3 text-sm text-amber-800">Could not load new messages; showing what we have and trying again.</p>
      ) : null}

      {comments.length === 0 ? (
        <div className="mt-4 rounded-lg border border-dashed border-slate-300 px-4 py-6 text-center">
          <p className="text-sm font-medium text-slate-900">No messages yet</p>
          <p className="mt-1 text-sm text-slate-600">
            {viewer === "customer"
              ? "Ask support anything about this request: they answer here and by email."
              : "Write to the customer, ask them for information, or leave an internal note for your colleagues."}
          </p>
        </div>
      ) : (
        <ol className="mt-4 space-y-3" aria-label={`Messages, oldest first (${comments.length})`}>
          {comments.map((comment) => (
            <Message
              key={comment.id}
              comment={comment}
              viewer={viewer}
              now={now}
              waiting={waitingForCustomer && !final && comment.id === lastQuestion?.id}
            />
          ))}
        </ol>
      )}

      <CommentForm requestId={requestId} viewer={viewer} final={final} waitingForCustomer={waitingForCustomer} onSent={setAnnouncement} />
    </section>
  );
}

function Message({ comment, viewer, now, waiting }: { comment: CommentJson; viewer: ConversationViewer; now: number; waiting: boolean }) {
  const mine = comment.author.role === viewer;
  const tone = comment.internal
    ? "border-amber-300 bg-amber-50"
    : comment.author.role === "support"
      ? "border-brand-100 bg-brand-50"
      : "border-slate-200 bg-slate-50";
  const who = comment.author.role === "support" ? `${comment.author.name} · Support` : comment.author.name;
  return (
    <li className={`flex ${mine ? "justify-end" : "justify-start"}`}>
      <article
        aria-label={`${comment.internal ? "Internal note" : comment.asksForInformation ? "Question" : "Message"} from ${who}`}
        className={`w-full max-w-[42rem] rounded-lg border px-3 py-2.5 sm:w-[85%] ${tone}`}
        data-testid="conversation-message"
      >
        <header className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-600">
          <span className="font-semibold text-slate-900">{who}</span>
          {comment.internal ? <Pill tone="amber">Internal note · customer never sees it</Pill> : null}
          {comment.asksForInformation ? <Pill tone={waiting ? "amber" : "slate"}>{waiting ? (viewer === "customer" ? "Waiting for your answer" : "Waiting for the customer") : "Question"}</Pill> : null}
          <time dateTime={comment.createdAt} title={formatDateTimeUtc(comment.createdAt)} className="ml-auto">
            <RelativeTime iso={comment.createdAt} now={now} />
          </time>
        </header>
        <p className="mt-1.5 whitespace-pre-wrap break-words text-sm text-slate-900">{comment.body}</p>
      </article>
    </li>
  );
}

function CommentForm({
  requestId,
  viewer,
  final,
  waitingForCustomer,
  onSent,
}: {
  requestId: string;
  viewer: ConversationViewer;
  final: boolean;
  waitingForCustomer: boolean;
  onSent: (message: string) => void;
}) {
  const queryClient = useQueryClient();
  const uid = useId();
  const [kind, setKind] = useState<Kind>("comment");
  const [body, setBody] = useState("");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [formError, setFormError] = useState<{ text: string; signIn?: boolean } | null>(null);
  const [pending, startTransition] = useTransition();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const ids = { body: `${uid}-body`, hint: `${uid}-hint`, error: `${uid}-error`, count: `${uid}-count` };
  const over = body.length > MAX_COMMENT_BODY_LENGTH;

  function send(event?: FormEvent) {
    event?.preventDefault();
    if (pending) return;
    setFormError(null);
    if (body.trim() === "") {
      setFieldError("Write a message.");
      textarea.current?.focus();
      return;
    }
    if (over) {
      setFieldError(`Keep the message under ${MAX_COMMENT_BODY_LENGTH} characters.`);
      textarea.current?.focus();
      return;
    }
    setFieldError(null);
    startTransition(async () => {
      const result = await addCommentAction({ id: requestId, body, kind: viewer === "support" ? kind : "comment" }).catch(() => null);
      if (!result) {
        setFormError({ text: "The message could not be sent: the connection failed. Check it and try again; what you wrote is kept." });
        return;
      }
      if (!result.ok) {
        if (result.code === "validation" && result.fieldErrors?.body) setFieldError(result.fieldErrors.body.join(" "));
        else if (result.code === "unauthorized") setFormError({ text: result.message, signIn: true });
        else setFormError({ text: result.message });
        textarea.current?.focus();
        return;
      }
      queryClient.setQueryData<CommentJson[]>(conversationKeys.comments(requestId), (old) =>
        old && !old.some((c) => c.id === result.data.id) ? [...old, result.data] : old,
      );
      // The request's "waiting for you" and support's unread marker may have changed with it.
      void queryClient.invalidateQueries({ queryKey: conversationKeys.comments(requestId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.detail(requestId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.lists });
      void queryClient.invalidateQueries({ queryKey: ["support-queue"] });
      setBody("");
      setKind("comment");
      onSent(viewer === "support" ? KIND_COPY[kind].done : "Message sent to support.");
      textarea.current?.focus();
    });
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) send();
  }

  const hint =
    viewer === "support"
      ? KIND_COPY[kind].hint
      : waitingForCustomer && !final
        ? "Support is waiting for your answer: reply here (or add the document they asked for below)."
        : "Support is notified of your message and answers here.";

  return (
    <form onSubmit={send} className="mt-5 border-t border-slate-100 pt-4" aria-label={viewer === "customer" ? "Write to support" : "Write on this request"} noValidate>
      {formError ? (
        <div role="alert" className="mb-3">
          <Notice tone="danger" action={formError.signIn ? <SignInAgainLink /> : undefined}>
            {formError.text}
          </Notice>
        </div>
      ) : null}

      {viewer === "support" ? (
        <fieldset className="mb-3">
          <legend className="text-sm font-medium text-slate-900">Send as</legend>
          <div className="mt-2 flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:gap-x-5">
            {(["comment", "question", "internal"] as const).map((k) => {
              const disabled = k === "question" && final;
              return (
                <label key={k} className={`flex items-center gap-2 text-sm ${disabled ? "text-slate-400" : "text-slate-800"}`}>
                  <input
                    type="radio"
                    name={`${uid}-kind`}
                    value={k}
                    checked={kind === k}
                    disabled={disabled || pending}
                    onChange={() => setKind(k)}
                    className="h-4 w-4 border-slate-300 text-brand-600"
                  />
                  {KIND_COPY[k].label}
                  {disabled ? <span className="sr-only"> (not possible: the request is final)</span> : null}
                </label>
              );
            })}
          </div>
        </fieldset>
      ) : null}

      <div className="flex items-baseline justify-between gap-3">
        <label htmlFor={ids.body} className="text-sm font-medium text-slate-900">
          {viewer === "customer" ? "Your message" : kind === "internal" ? "Note" : "Message"}
        </label>
        <span id={ids.count} className={`text-xs tabular-nums ${over ? "font-medium text-red-700" : "text-slate-500"}`}>
          {body.length.toLocaleString("en-GB")} / {MAX_COMMENT_BODY_LENGTH.toLocaleString("en-GB")}
        </span>
      </div>
      <textarea
        ref={textarea}
        id={ids.body}
        name="body"
        rows={4}
        value={body}
        onChange={(e) => {
          setBody(e.target.value);
          if (fieldError) setFieldError(null);
        }}
        onKeyDown={onKeyDown}
        aria-invalid={fieldError ? true : undefined}
        aria-describedby={`${ids.hint} ${ids.count}${fieldError ? ` ${ids.error}` : ""}`}
        className={inputClass(Boolean(fieldError), `mt-1 resize-y ${kind === "internal" ? "bg-amber-50/40" : ""}`)}
        placeholder={viewer === "customer" ? "Ask a question or answer support…" : undefined}
      />
      <FieldError id={ids.error}>{fieldError}</FieldError>
      <p id={ids.hint} className="mt-1 text-xs text-slate-500">
        {hint} <span className="whitespace-nowrap">Ctrl+Enter sends.</span>
      </p>
      <div className="mt-3 flex justify-end">
        <Button type="submit" variant={kind === "internal" ? "secondary" : "primary"} disabled={pending} className="w-full sm:w-auto">
          {pending ? (
            <>
              <Spinner /> Sending…
            </>
          ) : viewer === "support" ? (
            KIND_COPY[kind].send
          ) : (
            "Send to support"
          )}
        </Button>
      </div>
    </form>
  );
}
