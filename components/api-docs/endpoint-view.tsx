import type { Endpoint } from "@/lib/api/openapi";
import { PROBLEM_TYPES } from "@/lib/api/problem";
import { anchor, type Operation } from "./reference-model";
import { CodeBlock, FieldTable, MethodBadge, Prose, refName, TypeLabel, type JsonSchema } from "./schema-view";
import { curlFor } from "./snippets";

/** One operation: who may call it, its parameters and body, its answers, and a curl example with its example response. */
export function EndpointView({ endpoint, operation, schemas, base }: { endpoint: Endpoint; operation: Operation; schemas: Record<string, JsonSchema>; base: string }) {
  const pathParams = (operation.parameters ?? []).filter((p) => p.in === "path");
  const queryParams = (operation.parameters ?? []).filter((p) => p.in === "query");
  const headerParams = (operation.parameters ?? []).filter((p) => p.in === "header");
  const multipart = operation.requestBody?.content["multipart/form-data"];
  const json = operation.requestBody?.content["application/json"];
  // A document is sent as multipart/form-data; adding one to a request also takes an upload's id as JSON.
  const bodies = [
    ...(multipart?.schema.$ref ? [{ name: refName(multipart.schema.$ref), label: multipart && json ? "multipart/form-data: a file" : "multipart/form-data" }] : []),
    ...(json?.schema.$ref
      ? [{ name: refName(json.schema.$ref), label: multipart ? "or JSON: an upload's id" : operation.requestBody?.required ? "JSON" : "optional JSON; an empty body is fine" }]
      : []),
  ];
  const success = Object.entries(operation.responses).find(([status]) => status.startsWith("2"));
  const successContent = success?.[1].content?.["application/json"];
  // A body that is not JSON (the event stream, a CSV export): its media type and example text.
  const successText = Object.entries(success?.[1].content ?? {}).find(([type]) => type.startsWith("text/"));
  // A file (a document download): the media types it may have.
  const successFile = Object.entries(success?.[1].content ?? {}).filter(([, c]) => (c.schema as { format?: string }).format === "binary").map(([type]) => type);
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
          {bodies.map((body) => (
            <div key={body.name}>
              <h4 className="text-sm font-semibold text-slate-900">
                Body <span className="font-normal text-slate-500">({body.label})</span>
              </h4>
              <div className="mt-2">
                <FieldTable schema={schemas[body.name] ?? {}} caption={`Body of ${endpoint.summary} (${body.label})`} mode="request" />
              </div>
            </div>
          ))}
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
                  {successText ? <code className="font-mono text-xs text-slate-600">{successText[0]}</code> : null}
                  {successFile.length > 0 ? <code className="font-mono text-xs text-slate-600">{successFile.join(", ")}</code> : null}
                </li>
              ) : null}
              {errors.map((status) => {
                const info = PROBLEM_TYPES[Number(status) as keyof typeof PROBLEM_TYPES] as (typeof PROBLEM_TYPES)[keyof typeof PROBLEM_TYPES] | undefined;
                // Not every other answer is a problem: 304 Not Modified to an If-None-Match.
                if (!info) {
                  return (
                    <li key={status}>
                      <span className="font-mono font-semibold text-slate-700">{status}</span>{" "}
                      <span className="text-slate-700">{operation.responses[status]?.description}</span>
                    </li>
                  );
                }
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
          {typeof successText?.[1].example === "string" ? (
            <details className="group">
              <summary className="cursor-pointer text-sm font-semibold text-slate-900">
                Example response <span className="font-normal text-slate-500">({success?.[0]}, {successText[0]})</span>
              </summary>
              <div className="mt-2">
                <CodeBlock label={`Example response: ${endpoint.summary}`}>{successText[1].example}</CodeBlock>
              </div>
            </details>
          ) : null}
        </div>
      </div>
    </article>
  );
}
