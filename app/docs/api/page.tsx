import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { connection } from "next/server";
import {
  CodeBlock,
  FieldTable,
  MethodBadge,
  Prose,
  refName,
  schemaAnchor,
  TypeLabel,
  type JsonSchema,
} from "@/components/api-docs/schema-view";
import { MAX_BODY_BYTES } from "@/lib/api/body";
import { IDEMPOTENCY_TTL_HOURS } from "@/lib/api/idempotency";
import { buildOpenApiDocument, ENDPOINTS, WEBHOOK_HEADERS, type Endpoint } from "@/lib/api/openapi";
import { PROBLEM_TYPES } from "@/lib/api/problem";
import { API_DEFAULT_LIMIT, API_MAX_LIMIT } from "@/lib/api/schemas";
import { statusesJson } from "@/lib/api/serializers";
import { appUrl, env } from "@/lib/env";
import { ACTION_LABELS, TRANSITIONS } from "@/lib/porting/transitions";

// The API reference: public, server-rendered from the same generated OpenAPI document that
// /api/v1/openapi.json serves, plus the guides an integrator needs around it.

export const metadata: Metadata = {
  title: "API reference",
  description: "The Voice Porting REST API: porting requests, company profiles, statuses, callbacks.",
};

type Operation = {
  operationId: string;
  summary: string;
  description: string;
  "x-roles": readonly string[];
  parameters?: { name: string; in: string; required: boolean; description?: string; schema: JsonSchema; example?: string }[];
  requestBody?: { required: boolean; content: { "application/json": { schema: JsonSchema; example?: unknown } } };
  responses: Record<string, { $ref?: string; description?: string; content?: Record<string, { schema: JsonSchema; example?: unknown }> }>;
};

const TAG_ORDER = ["Countries", "Company profiles", "Porting requests", "Support", "Distribution groups", "Numbers"] as const;
const anchor = (operationId: string) => `op-${operationId}`;
const tagAnchor = (tag: string) => `tag-${tag.toLowerCase().replace(/\s+/g, "-")}`;

function shellQuote(json: string): string {
  return `'${json.replace(/'/g, `'\\''`)}'`;
}

function curlFor(base: string, endpoint: Endpoint, operation: Operation): string {
  let path = endpoint.path;
  for (const p of endpoint.pathParams ?? []) path = path.replace(`{${p.name}}`, p.example);
  const lines = [`curl${endpoint.method === "get" ? "" : ` -X ${endpoint.method.toUpperCase()}`} "${base}${path}"`, `  -H "Authorization: Bearer $API_KEY"`];
  const example = operation.requestBody?.content["application/json"].example;
  if (endpoint.idempotent) lines.push(`  -H "Idempotency-Key: $(uuidgen)"`);
  if (example !== undefined) {
    lines.push(`  -H "Content-Type: application/json"`);
    lines.push(`  -d ${shellQuote(JSON.stringify(example, null, 2))}`);
  }
  return lines.join(" \\\n");
}

const VERIFY_SNIPPET = `import { createHmac, timingSafeEqual } from "node:crypto";

// secret: your account's signing secret ("whsec_…"), from the Settings page.
export function verifyCallback(secret, headers, rawBody) {
  const id = headers["webhook-id"];
  const timestamp = Number(headers["webhook-timestamp"]);
  // Refuse old or future messages (replays): allow five minutes of clock skew.
  if (!id || Math.abs(Date.now() / 1000 - timestamp) > 300) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const expected = createHmac("sha256", key).update(\`\${id}.\${timestamp}.\${rawBody}\`).digest();
  return String(headers["webhook-signature"] ?? "")
    .split(" ")
    .some((entry) => {
      const [version, signature] = entry.split(",");
      const given = Buffer.from(signature ?? "", "base64");
      return version === "v1" && given.length === expected.length && timingSafeEqual(given, expected);
    });
}`;

export default async function ApiReferencePage() {
  // Rendered per request: the example URLs use this deployment's address (APP_URL).
  await connection();
  const base = `${appUrl()}/api/v1`;
  const doc = buildOpenApiDocument({ serverUrl: appUrl() });
  const schemas = doc.components.schemas as Record<string, JsonSchema>;
  const operationOf = (e: Endpoint) => (doc.paths[e.path] as Record<string, Operation>)[e.method]!;
  const statuses = statusesJson();
  const limit = env.API_RATE_LIMIT_PER_MINUTE;

  const guides = [
    { id: "quick-start", label: "Quick start" },
    { id: "authentication", label: "Authentication" },
    { id: "requests", label: "Requests and responses" },
    { id: "errors", label: "Errors" },
    { id: "idempotency", label: "Idempotency" },
    { id: "rate-limits", label: "Rate limits" },
    { id: "pagination", label: "Pagination" },
    { id: "statuses", label: "Statuses and actions" },
    { id: "callbacks", label: "Callbacks" },
  ];
  const responseSchemas = ["PortingRequest", "PhoneNumber", "HistoryEntry", "Status", "Country", "CountryRequirements", "CompanyProfile", "DistributionGroup", "VoiceNumber", "Problem"];

  const nav = (label: string) => (
    <nav aria-label={label} className="text-sm">
      <p className="px-2 text-xs font-semibold uppercase tracking-wide text-slate-500">Guides</p>
      <ul className="mt-1 space-y-0.5">
        {guides.map((g) => (
          <li key={g.id}>
            <a href={`#${g.id}`} className="block rounded px-2 py-1 text-slate-700 hover:bg-slate-100 hover:text-slate-900">
              {g.label}
            </a>
          </li>
        ))}
      </ul>
      {TAG_ORDER.map((tag) => (
        <div key={tag} className="mt-4">
          <p className="px-2 text-xs font-semibold uppercase tracking-wide text-slate-500">{tag}</p>
          <ul className="mt-1 space-y-0.5">
            {ENDPOINTS.filter((e) => e.tag === tag).map((e) => (
              <li key={e.operationId}>
                <a href={`#${anchor(e.operationId)}`} className="flex items-center gap-2 rounded px-2 py-1 text-slate-700 hover:bg-slate-100 hover:text-slate-900">
                  <span className="w-11 shrink-0 font-mono text-[0.7rem] font-bold uppercase text-slate-500">{e.method}</span>
                  <span>{e.summary}</span>
                </a>
              </li>
            ))}
          </ul>
        </div>
      ))}
      <p className="mt-4 px-2 text-xs font-semibold uppercase tracking-wide text-slate-500">Objects</p>
      <ul className="mt-1 space-y-0.5">
        {responseSchemas.map((name) => (
          <li key={name}>
            <a href={`#${schemaAnchor(name)}`} className="block rounded px-2 py-1 font-mono text-xs text-slate-700 hover:bg-slate-100 hover:text-slate-900">
              {name}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );

  return (
    <div className="min-h-screen bg-white">
      <a href="#content" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/95 backdrop-blur">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 sm:px-6">
          <Link href="/" className="flex items-center gap-2 font-semibold text-slate-900">
            <span aria-hidden className="grid h-7 w-7 place-items-center rounded-md bg-brand-600 text-sm text-white">
              VP
            </span>
            <span>Voice Porting</span>
          </Link>
          <span className="hidden text-sm text-slate-500 sm:inline">API reference</span>
          <div className="ml-auto flex items-center gap-3 text-sm">
            <a href="/api/v1/openapi.json" className="hidden font-medium text-brand-700 underline sm:inline">
              openapi.json
            </a>
            <Link href="/settings" className="rounded-md border border-slate-300 px-3 py-1.5 font-medium text-slate-800 hover:bg-slate-50">
              API keys
            </Link>
          </div>
        </div>
      </header>

      <div className="mx-auto flex max-w-7xl gap-8 px-4 sm:px-6">
        <aside className="sticky top-14 hidden h-[calc(100vh-3.5rem)] w-60 shrink-0 overflow-y-auto py-6 lg:block">{nav("API reference")}</aside>

        <main id="content" className="min-w-0 flex-1 py-6 lg:py-8">
          <details className="mb-6 rounded-lg border border-slate-200 lg:hidden">
            <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-slate-800">On this page</summary>
            <div className="border-t border-slate-200 p-2">{nav("On this page")}</div>
          </details>

          <h1 className="text-3xl font-semibold tracking-tight text-slate-900">Voice Porting API</h1>
          <p className="mt-3 max-w-3xl text-slate-700">
            Move business phone numbers onto the voice platform from your own systems: check what a country needs, keep company profiles
            that meet it, create porting requests, follow their status, and perform or cancel them. JSON over HTTPS, camelCase names, and
            one error format that says what to fix.
          </p>
          <dl className="mt-4 grid max-w-3xl gap-x-6 gap-y-2 text-sm sm:grid-cols-[auto_1fr]">
            <dt className="font-medium text-slate-900">Base URL</dt>
            <dd>
              <code className="break-all rounded bg-slate-100 px-1.5 py-0.5 font-mono">{base}</code>
            </dd>
            <dt className="font-medium text-slate-900">OpenAPI</dt>
            <dd>
              <a href="/api/v1/openapi.json" className="text-brand-700 underline">
                /api/v1/openapi.json
              </a>{" "}
              (OpenAPI 3.1, generated from the same schemas that validate requests; load it into Postman, Insomnia or a client generator)
            </dd>
          </dl>

          <Guide id="quick-start" title="Quick start">
            <p>
              Create a key on the{" "}
              <Link href="/settings" className="text-brand-700 underline">
                Settings page
              </Link>{" "}
              (or with <code className="font-mono">npm run api-key -- --email you@example.com --name &quot;my script&quot;</code> on the server), then:
            </p>
            <CodeBlock label="Quick start commands">{`export API_KEY=vp_…   # shown once when you create it

# 1. What does a Dutch geographic port need?
curl ${base}/countries/NL/requirements -H "Authorization: Bearer $API_KEY"

# 2. Your company profiles: pick one with "meetsRequirements": true (or POST /company-profiles)
curl ${base}/company-profiles -H "Authorization: Bearer $API_KEY"

# 3. Create the request (safe to retry with the same Idempotency-Key)
curl -X POST ${base}/porting-requests \\
  -H "Authorization: Bearer $API_KEY" -H "Content-Type: application/json" \\
  -H "Idempotency-Key: 5f0c6a1e-2b1d-4a5c-9a0e-3f2d1c0b9a8e" \\
  -d '{"country":"NL","numberType":"geographic","companyProfileId":"<profile id>",
       "phoneNumbers":["+31 20 123 4567","0201234568"],"currentProvider":"KPN"}'

# 4. Follow it: poll, or receive callbacks on callbackUrl
curl ${base}/porting-requests/<id> -H "Authorization: Bearer $API_KEY"

# 5. NL, once "status" is "ready_to_be_ported" ("allowedActions": ["perform","cancel"]):
curl -X POST ${base}/porting-requests/<id>/perform -H "Authorization: Bearer $API_KEY"
#    or cancel, with an optional reason
curl -X POST ${base}/porting-requests/<id>/cancel -H "Authorization: Bearer $API_KEY" \\
  -H "Content-Type: application/json" -d '{"reason":"We stay with our current provider."}'`}</CodeBlock>
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
            <CodeBlock label="Example validation problem">{`HTTP/1.1 422 Unprocessable Content
Content-Type: application/problem+json

${JSON.stringify(
  {
    type: "/docs/api#problem-validation",
    title: "Validation failed",
    status: 422,
    detail: "Some fields need attention.",
    errors: {
      "phoneNumbers.1": ["+31 6 12345678 is a mobile number; this request is for geographic numbers."],
      phoneNumbers: ["1 of 2 numbers need attention."],
      companyProfileId: ['KvK number is missing in the company profile "Head office".'],
    },
  },
  null,
  2,
)}`}</CodeBlock>
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
              Each API key may make {limit} requests a minute. Every response carries <code className="font-mono">RateLimit-Limit</code>,{" "}
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

          {TAG_ORDER.map((tag) => (
            <section key={tag} aria-labelledby={tagAnchor(tag)} className="mt-14">
              <h2 id={tagAnchor(tag)} className="scroll-mt-20 border-b border-slate-200 pb-2 text-2xl font-semibold tracking-tight text-slate-900">
                {tag}
              </h2>
              {ENDPOINTS.filter((e) => e.tag === tag).map((endpoint) => (
                <EndpointView key={endpoint.operationId} endpoint={endpoint} operation={operationOf(endpoint)} schemas={schemas} base={base} />
              ))}
            </section>
          ))}

          <section aria-labelledby="objects" className="mt-14">
            <h2 id="objects" className="scroll-mt-20 border-b border-slate-200 pb-2 text-2xl font-semibold tracking-tight text-slate-900">
              Objects
            </h2>
            {responseSchemas.map((name) => {
              const schema = schemas[name];
              if (!schema) return null;
              return (
                <article key={name} id={schemaAnchor(name)} className="mt-8 scroll-mt-20">
                  <h3 className="font-mono text-lg font-semibold text-slate-900">{name}</h3>
                  {schema.description ? (
                    <p className="mt-1 text-sm text-slate-700">
                      <Prose text={schema.description} />
                    </p>
                  ) : null}
                  <div className="mt-3">
                    <FieldTable schema={schema} caption={`Fields of ${name}`} mode="response" />
                  </div>
                </article>
              );
            })}
          </section>
        </main>
      </div>
    </div>
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

function EndpointView({ endpoint, operation, schemas, base }: { endpoint: Endpoint; operation: Operation; schemas: Record<string, JsonSchema>; base: string }) {
  const pathParams = (operation.parameters ?? []).filter((p) => p.in === "path");
  const queryParams = (operation.parameters ?? []).filter((p) => p.in === "query");
  const headerParams = (operation.parameters ?? []).filter((p) => p.in === "header");
  const body = operation.requestBody?.content["application/json"];
  const bodyName = body?.schema.$ref ? refName(body.schema.$ref) : null;
  const success = Object.entries(operation.responses).find(([status]) => status.startsWith("2"));
  const successContent = success?.[1].content?.["application/json"];
  const errors = Object.keys(operation.responses).filter((status) => !status.startsWith("2"));
  const who = endpoint.roles.length === 2 ? "Customer and support keys" : endpoint.roles[0] === "support" ? "Support keys only" : "Customer keys";

  return (
    <article id={anchor(endpoint.operationId)} className="mt-10 scroll-mt-20" aria-labelledby={`${anchor(endpoint.operationId)}-title`}>
      <h3 id={`${anchor(endpoint.operationId)}-title`} className="text-lg font-semibold text-slate-900">
        {endpoint.summary}
      </h3>
      <p className="mt-2 flex flex-wrap items-center gap-2">
        <MethodBadge method={endpoint.method} />
        <code className="break-all font-mono text-sm font-semibold text-slate-900">/api/v1{endpoint.path}</code>
        <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-600">{who}</span>
      </p>
      <p className="mt-2 max-w-4xl text-sm leading-relaxed text-slate-700">
        <Prose text={endpoint.description} />
      </p>

      <div className="mt-4 grid gap-5">
        <div className="min-w-0 space-y-4">
          {pathParams.length + queryParams.length + headerParams.length > 0 ? (
            <div>
              <h4 className="text-sm font-semibold text-slate-900">Parameters</h4>
              <div className="mt-2">
                <FieldTable
                  caption={`Parameters of ${endpoint.summary}`}
                  mode="request"
                  schema={{
                    type: "object",
                    properties: Object.fromEntries(
                      [...pathParams, ...queryParams, ...headerParams].map((p) => [
                        p.in === "header" ? `${p.name} (header)` : p.in === "path" ? `${p.name} (path)` : p.name,
                        { ...p.schema, description: p.description ?? p.schema.description },
                      ]),
                    ),
                    required: [...pathParams, ...queryParams, ...headerParams]
                      .filter((p) => p.required)
                      .map((p) => (p.in === "header" ? `${p.name} (header)` : p.in === "path" ? `${p.name} (path)` : p.name)),
                  }}
                />
              </div>
            </div>
          ) : null}
          {body && bodyName ? (
            <div>
              <h4 className="text-sm font-semibold text-slate-900">
                Body <span className="font-normal text-slate-500">({operation.requestBody?.required ? "JSON" : "optional JSON; an empty body is fine"})</span>
              </h4>
              <div className="mt-2">
                <FieldTable schema={schemas[bodyName] ?? {}} caption={`Body of ${endpoint.summary}`} mode="request" />
              </div>
            </div>
          ) : null}
          <div>
            <h4 className="text-sm font-semibold text-slate-900">Responses</h4>
            <ul className="mt-2 space-y-1 text-sm">
              {success ? (
                <li>
                  <span className="font-mono font-semibold text-green-700">{success[0]}</span> {success[1].description}{" "}
                  {successContent ? (
                    <span className="text-slate-600">
                      (<TypeLabel schema={successContent.schema} />)
                    </span>
                  ) : null}
                </li>
              ) : null}
              {errors.map((status) => {
                const info = PROBLEM_TYPES[Number(status) as keyof typeof PROBLEM_TYPES];
                return (
                  <li key={status}>
                    <a href={`#problem-${info.slug}`} className="font-mono font-semibold text-red-700 underline">
                      {status}
                    </a>{" "}
                    <span className="text-slate-700">{info.title}</span>
                  </li>
                );
              })}
            </ul>
          </div>
        </div>
        <div className="min-w-0 space-y-3">
          <div>
            <h4 className="text-sm font-semibold text-slate-900">Example request</h4>
            <div className="mt-2">
              <CodeBlock label={`Example request: ${endpoint.summary}`}>{curlFor(base, endpoint, operation)}</CodeBlock>
            </div>
          </div>
          {successContent?.example !== undefined ? (
            <details className="group" open={endpoint.operationId === "createPortingRequest"}>
              <summary className="cursor-pointer text-sm font-semibold text-slate-900">
                Example response <span className="font-normal text-slate-500">({success?.[0]})</span>
              </summary>
              <div className="mt-2">
                <CodeBlock label={`Example response: ${endpoint.summary}`}>{JSON.stringify(successContent.example, null, 2)}</CodeBlock>
              </div>
            </details>
          ) : null}
        </div>
      </div>
    </article>
  );
}
