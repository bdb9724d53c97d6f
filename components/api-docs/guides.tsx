import Link from "next/link";
import type { ReactNode } from "react";
import { MAX_BODY_BYTES } from "@/lib/api/body";
import { IDEMPOTENCY_TTL_HOURS } from "@/lib/api/idempotency";
import { WEBHOOK_HEADERS } from "@/lib/api/openapi";
import { PROBLEM_TYPES } from "@/lib/api/problem";
import { API_DEFAULT_LIMIT, API_MAX_LIMIT } from "@/lib/api/schemas";
import { statusesJson } from "@/lib/api/serializers";
import { ACTION_LABELS, TRANSITIONS } from "@/lib/porting/transitions";
import { SANDBOX_DEFAULT_STEP_SECONDS, SANDBOX_OTHER_NUMBERS, SANDBOX_SCENARIOS } from "@/lib/porting/sandbox";
import { STATUSES } from "@/lib/porting/statuses";
import { CodeBlock, Prose } from "./schema-view";
import { EVENT_KINDS } from "@/lib/api/event-docs";
import { eventStreamSnippet, quickStartCommands, validationProblemExample, VERIFY_SNIPPET } from "./snippets";

// The guides an integrator reads before the operations: keys, formats, errors, retries, limits,
// paging, the status rules (read from the transition table itself) and callbacks.

export function ApiGuides({ base, rateLimit }: { base: string; rateLimit: number }) {
  const statuses = statusesJson();
  return (
    <>
      <Guide id="quick-start" title="Quick start">
        <p>
          Create a key on the{" "}
          <Link href="/settings" className="text-brand-700 underline">
            Settings page
          </Link>{" "}
          (or with <code className="font-mono">npm run api-key -- --email you@example.com --name &quot;my script&quot;</code> on the server), then:
        </p>
        <CodeBlock label="Quick start commands">{quickStartCommands(base)}</CodeBlock>
      </Guide>

      <Guide id="authentication" title="Authentication">
        <p>
          Send an API key with every request: <code className="font-mono">Authorization: Bearer vp_1a2b3c4d_…</code>. Keys are created
          and revoked on the Settings page, shown once, and stored only as a hash; the list there shows each key&apos;s prefix and when it
          was last used.
        </p>
        <ul className="list-disc space-y-1 pl-5">
          <li>
            A <strong>customer key</strong> acts for its account: it sees and changes only that account&apos;s data. Another account&apos;s
            id answers 404, exactly like an id that does not exist.
          </li>
          <li>
            A <strong>support key</strong> (created by support staff) reads every account and may use the support-only{" "}
            <a href="#op-transitionPortingRequest" className="text-brand-700 underline">
              status change
            </a>
            . A customer key on a support endpoint, or a support key on a customer-only one, answers 403.
          </li>
          <li>
            A customer&apos;s <strong>test key</strong> (<code className="font-mono">vp_test_…</code>) works in the account&apos;s{" "}
            <a href="#sandbox" className="text-brand-700 underline">
              sandbox
            </a>
            : it sees and creates only sandbox requests, and live keys never see them.
          </li>
          <li>No key, a malformed key, an unknown key or a revoked key answers 401, with a detail that says which.</li>
        </ul>
      </Guide>

      <Guide id="requests" title="Requests and responses">
        <ul className="list-disc space-y-1 pl-5">
          <li>
            Bodies are JSON with <code className="font-mono">Content-Type: application/json</code> (otherwise 415), at most{" "}
            {Math.round(MAX_BODY_BYTES / 1024)} KB (otherwise 413). Bodies that are not valid JSON answer 400.
          </li>
          <li>
            Documents (the letter of authorisation every country requires, an invoice) are files: send them as{" "}
            <code className="font-mono">multipart/form-data</code> with <code className="font-mono">file</code> and{" "}
            <code className="font-mono">kind</code> to <code className="font-mono">POST /documents</code>, then name the answer&apos;s id in the
            create&apos;s <code className="font-mono">{`"documents": [{ "id": … }]`}</code> within 24 hours. The type is decided by the file&apos;s
            content (PDF, PNG or JPEG), at most 10 MB. A create without the documents its country requires answers 422, naming the missing kind
            (<code className="font-mono">documents.letter_of_authorisation</code>). While a request is open, more can be added with{" "}
            <code className="font-mono">POST /porting-requests/{"{id}"}/documents</code>.
          </li>
          <li>
            Field names are camelCase. A field the endpoint does not know is refused (422, naming the field), so a typo never passes
            silently. Optional fields may be left out or be <code className="font-mono">null</code>.
          </li>
          <li>
            Phone numbers are accepted in any common format (<code className="font-mono">+31 20 123 4567</code>,{" "}
            <code className="font-mono">020-1234567</code>, <code className="font-mono">0031201234567</code>) and answered in E.164 (
            <code className="font-mono">+31201234567</code>).
          </li>
          <li>
            Ids are UUIDs; people read the reference (<code className="font-mono">PR-000123</code>). Timestamps are ISO 8601 UTC;{" "}
            <code className="font-mono">firstPossiblePortingDate</code> is a date (<code className="font-mono">2026-12-14</code>);{" "}
            <code className="font-mono">preferredPortingDate</code> is a date-time between 06:00 and 20:00 UTC.
          </li>
          <li>Responses may gain fields over time: ignore the ones you do not know.</li>
        </ul>
      </Guide>

      <Guide id="errors" title="Errors">
        <p>
          Every error is an RFC 9457 problem (<code className="font-mono">application/problem+json</code>) with{" "}
          <code className="font-mono">type</code>, <code className="font-mono">title</code>, <code className="font-mono">status</code>{" "}
          and a <code className="font-mono">detail</code> that says what to do. Validation errors name every field in{" "}
          <code className="font-mono">errors</code>: <code className="font-mono">phoneNumbers.2</code> is the third number, and every bad
          number is named at once. Nothing is stored when a request fails.
        </p>
        <ul aria-label="Problem types" className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {Object.entries(PROBLEM_TYPES).map(([status, info]) => (
            <li key={status} id={`problem-${info.slug}`} className="scroll-mt-20 px-3 py-2.5 target:bg-amber-50 sm:px-4">
              <p className="flex flex-wrap items-baseline gap-x-2">
                <span className="font-mono font-semibold text-slate-900">{status}</span>
                <span className="font-medium text-slate-900">{info.title}</span>
                <code className="font-mono text-xs text-slate-500">#problem-{info.slug}</code>
              </p>
              <p className="mt-0.5 text-slate-700">
                <Prose text={info.when} />
              </p>
            </li>
          ))}
        </ul>
        <CodeBlock label="Example validation problem">{validationProblemExample()}</CodeBlock>
      </Guide>

      <Guide id="idempotency" title="Idempotency">
        <p>
          <a href="#op-createPortingRequest" className="text-brand-700 underline">
            Create porting request
          </a>{" "}
          honours an <code className="font-mono">Idempotency-Key</code> header (any unique string up to 255 characters; a UUID is a good
          choice). Retry a timed-out create with the same key and body and you get the first response again, with the same status and
          body and the header <code className="font-mono">Idempotent-Replayed: true</code>; only one request is ever created.
        </p>
        <ul className="list-disc space-y-1 pl-5">
          <li>The same key with a different body answers 422: use a new key for a new request.</li>
          <li>While the first request with the key is still being processed, another one answers 409 with Retry-After: retry shortly.</li>
          <li>
            Only successful creates are kept, for {IDEMPOTENCY_TTL_HOURS} hours per API key. A refused create (422) keeps nothing, so you
            can fix the body and retry with the same key.
          </li>
        </ul>
      </Guide>

      <Guide id="rate-limits" title="Rate limits">
        <p>
          Each API key may make {rateLimit} requests a minute. Every response carries <code className="font-mono">RateLimit-Limit</code>,{" "}
          <code className="font-mono">RateLimit-Remaining</code> and <code className="font-mono">RateLimit-Reset</code> (seconds until the
          minute resets). Over the limit, the answer is 429 with <code className="font-mono">Retry-After</code> in seconds.
        </p>
      </Guide>

      <Guide id="pagination" title="Pagination">
        <p>
          Lists answer <code className="font-mono">{`{ "data": [...], "nextCursor": "…" | null }`}</code>. Ask for up to {API_MAX_LIMIT} items
          with <code className="font-mono">limit</code> (default {API_DEFAULT_LIMIT}); pass <code className="font-mono">nextCursor</code>{" "}
          back as <code className="font-mono">cursor</code> for the next page, with the same filters, until it is null. Pages are stable: a
          request created meanwhile never shifts a page.
        </p>
      </Guide>

      <Guide id="statuses" title="Statuses and actions">
        <p>
          A request has one of seven statuses (also at{" "}
          <a href="#op-listPortingRequestStatuses" className="text-brand-700 underline">
            GET /porting-requests/statuses
          </a>
          ). Every change carries a reason and is added to <code className="font-mono">history</code>.{" "}
          <code className="font-mono">allowedActions</code> says what your key may do now; anything else answers 409 with the current
          status.
        </p>
        <ul aria-label="Statuses" className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {statuses.map((s) => (
            <li key={s.id} className="px-3 py-2.5 sm:px-4">
              <p className="flex flex-wrap items-baseline gap-x-2">
                <span className="font-medium text-slate-900">{s.label}</span>
                <code className="font-mono text-xs text-slate-500">{s.id}</code>
                <span className="text-xs text-slate-600">{s.countries === "all" ? "all countries" : `${s.countries.join(", ")} only`}</span>
                {s.final ? <span className="text-xs font-medium text-slate-500">final</span> : null}
              </p>
              <p className="mt-0.5 text-slate-700">{s.description}</p>
            </li>
          ))}
        </ul>
        <h3 className="pt-2 text-sm font-semibold text-slate-900">Who may change a status</h3>
        <ul aria-label="Who may change a status" className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {TRANSITIONS.map((t, i) => (
            <li key={i} className="px-3 py-2.5 sm:px-4">
              <p className="flex flex-wrap items-baseline gap-x-2">
                <span className="font-medium text-slate-900">{ACTION_LABELS[t.action]}</span>
                <span className="text-xs text-slate-600">
                  {t.role === "customer" ? "customer" : "support"} · {t.countries === "all" ? "all countries" : t.countries === "NL" ? "NL" : "outside NL"}
                </span>
              </p>
              <p className="mt-0.5 font-mono text-xs text-slate-700">
                {t.from.join(" | ")} → {t.to}
                <span className="ml-2 text-slate-500">
                  {t.role === "customer" ? `POST /porting-requests/{id}/${t.action}` : `POST /porting-requests/{id}/transitions {"to": "${t.to}"}`}
                </span>
              </p>
            </li>
          ))}
        </ul>
      </Guide>

      <Guide id="rejections" title="Rejections and corrected requests">
        <p>
          When support rejects a request, it becomes <code className="font-mono">blocked</code> (final) and{" "}
          <code className="font-mono">rejectionCodes</code> says what to fix: one entry per problem, with a{" "}
          <code className="font-mono">label</code>, a <code className="font-mono">description</code> for the customer, what it{" "}
          <code className="font-mono">pointsAt</code> (company profile fields, a document, the current provider, the contract, or{" "}
          <code className="font-mono">numbers</code>, which then lists the numbers concerned). Every code is listed at{" "}
          <a href="#op-listRejectionCodes" className="text-brand-700 underline">
            GET /rejection-codes
          </a>
          ; the free-text reason stays in <code className="font-mono">statusReason</code>.
        </p>
        <p>
          Fix it with{" "}
          <a href="#op-resubmitPortingRequest" className="text-brand-700 underline">
            POST /porting-requests/{"{id}"}/resubmit
          </a>
          : send only what changes (say, <code className="font-mono">{`{"phoneNumbers": [...]}`}</code>); everything else, the documents
          too, is copied into a new request. The two point at each other with <code className="font-mono">resubmissionOf</code> and{" "}
          <code className="font-mono">resubmittedAs</code>. A Blocked request can be resubmitted once.
        </p>
      </Guide>

      <Guide id="callbacks" title="Callbacks">
        <p>
          Give a <code className="font-mono">callbackUrl</code> (https, not a private or loopback address) when you create a request, and
          every status change is POSTed to it. The body is exactly the JSON of{" "}
          <a href="#op-getPortingRequest" className="text-brand-700 underline">
            Get porting request
          </a>{" "}
          after the change. Callbacks are signed per{" "}
          <a href="https://www.standardwebhooks.com/" className="text-brand-700 underline">
            Standard Webhooks
          </a>{" "}
          with your account&apos;s signing secret (on the Settings page):
        </p>
        <dl className="space-y-2 text-sm">
          {WEBHOOK_HEADERS.map((h) => (
            <div key={h.name}>
              <dt>
                <code className="font-mono font-semibold">{h.name}</code>{" "}
                <span className="font-mono text-xs text-slate-500">e.g. {h.example}</span>
              </dt>
              <dd className="text-slate-700">
                <Prose text={h.description} />
              </dd>
            </div>
          ))}
        </dl>
        <p>
          Answer with any 2xx within 10 seconds. Anything else (or no answer) is retried with exponential backoff for about a day;
          redirects are not followed. Delivery is at least once: drop duplicates by <code className="font-mono">webhook-id</code>, and
          use <code className="font-mono">version</code> to ignore an older state that arrives late.
        </p>
        <CodeBlock label="Verifying a callback in Node.js">{VERIFY_SNIPPET}</CodeBlock>
      </Guide>

      <Guide id="events" title="Event stream">
        <p>
          Rather than polling, keep one connection open to{" "}
          <a href="#op-streamEvents" className="text-brand-700 underline">
            Stream events
          </a>{" "}
          (<code className="font-mono">GET /api/v1/events</code>, Server-Sent Events): every status change, comment and document
          addition of your account arrives as it is committed, in order. A status change carries the same id as its callback&apos;s{" "}
          <code className="font-mono">webhook-id</code> and the same body, so you can use either or both and handle each id once.
        </p>
        <p>
          Keep the <code className="font-mono">id</code> of the last event you handled. After a restart or a dropped connection,
          reconnect with it in the <code className="font-mono">Last-Event-ID</code> header (or{" "}
          <code className="font-mono">?lastEventId=</code>): the stream resumes right after it, nothing lost or repeated, for events up to
          7 days old. Older, or unknown, is a 410: read the current state with{" "}
          <a href="#op-listPortingRequests" className="text-brand-700 underline">
            List porting requests
          </a>{" "}
          and follow from now. A <code className="font-mono">: heartbeat</code> comment comes every 20 seconds; a stream that stays
          silent for a minute is broken, so reconnect.
        </p>
        <dl className="space-y-2 text-sm">
          {EVENT_KINDS.map((kind) => (
            <div key={kind.type}>
              <dt>
                <code className="font-mono font-semibold">{kind.type}</code>
              </dt>
              <dd className="text-slate-700">
                {kind.when} <Prose text={kind.data} />
              </dd>
            </div>
          ))}
        </dl>
        <CodeBlock label="Following the event stream in Node.js">{eventStreamSnippet(base)}</CodeBlock>
      </Guide>

      <Guide id="webhook-endpoints" title="Webhook endpoints">
        <p>
          To receive every event of your account without a <code className="font-mono">callbackUrl</code> on each request, add a webhook
          endpoint (an admin of your account:{" "}
          <a href="#op-createWebhookEndpoint" className="text-brand-700 underline">
            Create webhook endpoint
          </a>
          , or Settings → Webhooks). Choose its <code className="font-mono">events</code> from{" "}
          <a href="#op-listEventTypes" className="text-brand-700 underline">
            List event types
          </a>{" "}
          (an empty list means all, including types added later). Every event of those types goes to every enabled endpoint that
          subscribes to it, whichever request, key or person caused it.
        </p>
        <p>
          Each endpoint has its own secret (<code className="font-mono">whsec_…</code>, shown once at creation and at rotation): verify
          deliveries to an endpoint with its secret, exactly as callbacks above. The <code className="font-mono">webhook-id</code> is
          the event&apos;s id, the same as in the event stream and on the request&apos;s callback, so a change that reaches you three
          ways is one id to handle once. A status change&apos;s body is the JSON of Get porting request; a comment or document event&apos;s
          body is <code className="font-mono">{"{ portingRequestId, reference, comment | document }"}</code>. The same retries, 10-second
          timeout, 410 Gone and address rules as callbacks apply;{" "}
          <a href="#op-listWebhookDeliveries" className="text-brand-700 underline">
            List webhook deliveries
          </a>{" "}
          shows every attempt, and{" "}
          <a href="#op-testWebhookEndpoint" className="text-brand-700 underline">
            Send a test event
          </a>{" "}
          sends a signed <code className="font-mono">webhook_endpoint.test</code> to check your receiver.
        </p>
      </Guide>

      <Guide id="sandbox" title="Sandbox">
        <p>
          Try the whole flow without a real provider: create a <strong>test key</strong> (Settings → API keys, mode &ldquo;Test
          (sandbox)&rdquo;, or <code className="font-mono">npm run api-key -- --email you@example.com --test</code>). It looks like{" "}
          <code className="font-mono">vp_test_1a2b3c4d_…</code> and works on every endpoint as a live key does, in your account&apos;s{" "}
          <strong>sandbox</strong>:
        </p>
        <ul className="list-disc space-y-1 pl-5">
          <li>
            Requests it creates are sandbox requests (<code className="font-mono">&quot;sandbox&quot;: true</code> in their JSON), with your
            own company profiles and distribution groups. Support never sees them, they never hold their numbers (use a magic number
            as often as you like, also while a live request has it) and completing one never puts a number on your voice account.
          </li>
          <li>
            A test key sees only sandbox requests, a live key only live ones: the other side&apos;s ids answer 404, and lists, exports,
            the portability check and the event stream stay on the key&apos;s side. The app shows them on the Sandbox tab of Porting
            requests.
          </li>
          <li>
            Emails, signed callbacks to the request&apos;s <code className="font-mono">callbackUrl</code>, your webhook endpoints and the
            event stream work exactly as for live requests (their bodies say <code className="font-mono">&quot;sandbox&quot;: true</code>).
          </li>
        </ul>
        <p>
          A simulated provider and support move a sandbox request according to the first <strong>magic number</strong> among its
          numbers, one step every {SANDBOX_DEFAULT_STEP_SECONDS} seconds (the server&apos;s <code className="font-mono">SANDBOX_STEP_SECONDS</code>
          ), as &ldquo;Sandbox provider&rdquo; in its history:
        </p>
        <div className="overflow-x-auto">
          <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
            <thead>
              <tr className="text-slate-900">
                <th scope="col" className="py-2 pr-4 font-semibold">
                  Number
                </th>
                <th scope="col" className="py-2 pr-4 font-semibold">
                  Country
                </th>
                <th scope="col" className="py-2 pr-4 font-semibold">
                  Statuses after Requested
                </th>
                <th scope="col" className="py-2 font-semibold">
                  What to test
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {SANDBOX_SCENARIOS.map((scenario) => (
                <tr key={scenario.number}>
                  <td className="py-2 pr-4 font-mono whitespace-nowrap">{scenario.display}</td>
                  <td className="py-2 pr-4">{scenario.country}</td>
                  <td className="py-2 pr-4">{scenario.steps.map((s) => STATUSES[s].label).join(" → ")}</td>
                  <td className="py-2">{scenario.description}</td>
                </tr>
              ))}
              <tr>
                <td className="py-2 pr-4" colSpan={4}>
                  {SANDBOX_OTHER_NUMBERS}
                </td>
              </tr>
            </tbody>
          </table>
        </div>
        <p>
          At Ready to be ported, Perform or Cancel it with the test key as you would a live request. Every request needs its letter of
          authorisation as usual (upload it with the test key first).
        </p>
      </Guide>
    </>
  );
}

function Guide({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="mt-10">
      <h2 id={id} className="scroll-mt-20 text-xl font-semibold tracking-tight text-slate-900">
        {title}
      </h2>
      <div className="mt-3 max-w-4xl space-y-3 text-sm leading-relaxed text-slate-700">{children}</div>
    </section>
  );
}
