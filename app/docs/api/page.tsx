import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { EndpointView } from "@/components/api-docs/endpoint-view";
import { ApiGuides } from "@/components/api-docs/guides";
import { ObjectsReference } from "@/components/api-docs/objects-reference";
import { ReferenceNav } from "@/components/api-docs/reference-nav";
import { tagAnchor, TAG_ORDER, type Operation } from "@/components/api-docs/reference-model";
import type { JsonSchema } from "@/components/api-docs/schema-view";
import { buildOpenApiDocument, ENDPOINTS, type Endpoint } from "@/lib/api/openapi";
import { appUrl, env } from "@/lib/env";

// GET /docs/api — the API reference: public, server-rendered from the same generated OpenAPI
// document that /api/v1/openapi.json serves, plus the guides an integrator needs around it
// (components/api-docs/).

export const metadata: Metadata = {
  title: "API reference",
  description: "The Voice Porting REST API: porting requests, company profiles, statuses, callbacks.",
};

export default async function ApiReferencePage() {
  // Rendered per request: the example URLs use this deployment's address (APP_URL).
  await connection();
  const base = `${appUrl()}/api/v1`;
  const doc = buildOpenApiDocument({ serverUrl: appUrl() });
  const schemas = doc.components.schemas as Record<string, JsonSchema>;
  const operationOf = (e: Endpoint) => (doc.paths[e.path] as Record<string, Operation>)[e.method]!;

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
        <aside className="sticky top-14 hidden h-[calc(100vh-3.5rem)] w-60 shrink-0 overflow-y-auto py-6 lg:block"><ReferenceNav label="API reference" /></aside>

        <main id="content" className="min-w-0 flex-1 py-6 lg:py-8">
          <details className="mb-6 rounded-lg border border-slate-200 lg:hidden">
            <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-slate-800">On this page</summary>
            <div className="border-t border-slate-200 p-2"><ReferenceNav label="On this page" /></div>
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

          <ApiGuides base={base} rateLimit={env.API_RATE_LIMIT_PER_MINUTE} />

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

          <ObjectsReference schemas={schemas} />
        </main>
      </div>
    </div>
  );
}
