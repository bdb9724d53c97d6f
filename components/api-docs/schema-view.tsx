import type { ReactNode } from "react";

// Renders the JSON Schemas of the generated OpenAPI document as readable field tables: the
// reference page shows the document, it does not restate it.

export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  description?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
};

export const refName = (ref: string) => ref.split("/").pop() ?? ref;
export const schemaAnchor = (name: string) => `schema-${name}`;

/** Inline Markdown-ish text of the document: `code` spans only. */
export function Prose({ text }: { text: string }) {
  const parts = text.split(/(`[^`]+`)/g);
  return (
    <>
      {parts.map((part, i) =>
        part.startsWith("`") && part.endsWith("`") && part.length > 1 ? (
          <code key={i} className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.85em] text-slate-800">
            {part.slice(1, -1)}
          </code>
        ) : (
          <span key={i}>{part}</span>
        ),
      )}
    </>
  );
}

function nullable(schema: JsonSchema): { inner: JsonSchema; nullable: boolean } {
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants && variants.length === 2 && variants.some((v) => v.type === "null")) {
    return { inner: variants.find((v) => v.type !== "null")!, nullable: true };
  }
  if (Array.isArray(schema.type) && schema.type.includes("null") && schema.type.length === 2) {
    return { inner: { ...schema, type: schema.type.find((t) => t !== "null") }, nullable: true };
  }
  return { inner: schema, nullable: false };
}

/** "string (uuid)", "array of PhoneNumber", "one of: …" — with links to named schemas. */
export function TypeLabel({ schema }: { schema: JsonSchema }): ReactNode {
  const { inner, nullable: isNullable } = nullable(schema);
  const suffix = isNullable ? <span className="text-slate-500"> or null</span> : null;
  if (inner.$ref) {
    const name = refName(inner.$ref);
    return (
      <>
        <a href={`#${schemaAnchor(name)}`} className="text-brand-700 underline">
          {name}
        </a>
        {suffix}
      </>
    );
  }
  const variants = inner.anyOf ?? inner.oneOf;
  if (variants) {
    return (
      <>
        {variants.map((v, i) => (
          <span key={i}>
            {i > 0 ? <span className="text-slate-500"> or </span> : null}
            <TypeLabel schema={v} />
          </span>
        ))}
        {suffix}
      </>
    );
  }
  if (inner.type === "array" && inner.items) {
    return (
      <>
        array of <TypeLabel schema={inner.items} />
        {suffix}
      </>
    );
  }
  if (inner.const !== undefined) {
    return (
      <>
        <code className="font-mono">{JSON.stringify(inner.const)}</code>
        {suffix}
      </>
    );
  }
  const type = Array.isArray(inner.type) ? inner.type.join(" | ") : (inner.type ?? "any");
  return (
    <>
      {type}
      {inner.format ? <span className="text-slate-500"> ({inner.format})</span> : null}
      {suffix}
    </>
  );
}

function constraints(schema: JsonSchema): string[] {
  const { inner } = nullable(schema);
  const out: string[] = [];
  const target = inner.type === "array" ? inner : inner;
  if (target.minItems !== undefined || target.maxItems !== undefined) {
    out.push(`${target.minItems ?? 0}–${target.maxItems ?? "∞"} items`);
  }
  if (target.minLength !== undefined && target.maxLength !== undefined) out.push(`${target.minLength}–${target.maxLength} characters`);
  else if (target.maxLength !== undefined) out.push(`at most ${target.maxLength} characters`);
  else if (target.minLength !== undefined && target.minLength > 0) out.push(`at least ${target.minLength} characters`);
  if (target.minimum !== undefined && target.maximum !== undefined) out.push(`${target.minimum} to ${target.maximum}`);
  if (target.default !== undefined) out.push(`default ${JSON.stringify(target.default)}`);
  return out;
}

function enumValues(schema: JsonSchema): unknown[] | null {
  const { inner } = nullable(schema);
  if (inner.enum) return inner.enum;
  if (inner.type === "array" && inner.items?.enum) return inner.items.enum;
  return null;
}

/**
 * One entry per property of an object schema: name, required or not, type, then the description
 * and constraints underneath. A list rather than a table, so it reads on a phone as on a desktop.
 */
export function FieldTable({ schema, caption, mode }: { schema: JsonSchema; caption: string; mode: "request" | "response" }) {
  const properties = Object.entries(schema.properties ?? {});
  if (properties.length === 0) return null;
  const required = new Set(schema.required ?? []);
  return (
    <ul aria-label={caption} className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
      {properties.map(([name, field]) => {
        const values = enumValues(field);
        const limits = constraints(field);
        return (
          <li key={name} className="px-3 py-2.5 sm:px-4">
            <p className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5">
              <code className="break-all font-mono text-[0.85em] font-semibold text-slate-900">{name}</code>
              <span className="text-xs text-slate-600">
                <TypeLabel schema={field} />
              </span>
              {mode === "request" ? (
                required.has(name) ? (
                  <span className="text-xs font-medium text-red-700">required</span>
                ) : (
                  <span className="text-xs text-slate-500">optional</span>
                )
              ) : null}
            </p>
            {field.description ? (
              <p className="mt-0.5 text-slate-700">
                <Prose text={field.description} />
              </p>
            ) : null}
            {values ? (
              <p className="mt-1 text-xs text-slate-600">
                One of:{" "}
                {values.map((v, i) => (
                  <span key={String(v)}>
                    {i > 0 ? ", " : null}
                    <code className="font-mono">{String(v)}</code>
                  </span>
                ))}
              </p>
            ) : null}
            {limits.length > 0 ? <p className="mt-1 text-xs text-slate-600">{limits.join(" · ")}</p> : null}
          </li>
        );
      })}
    </ul>
  );
}

export function CodeBlock({ children, label }: { children: string; label: string }) {
  return (
    <pre aria-label={label} className="overflow-x-auto rounded-lg bg-slate-900 p-3 text-xs leading-relaxed text-slate-100 sm:p-4">
      <code>{children}</code>
    </pre>
  );
}

const METHOD_COLOURS: Record<string, string> = {
  get: "bg-blue-50 text-blue-800 ring-blue-200",
  post: "bg-green-50 text-green-800 ring-green-200",
  patch: "bg-amber-50 text-amber-900 ring-amber-200",
  delete: "bg-red-50 text-red-800 ring-red-200",
};

export function MethodBadge({ method }: { method: string }) {
  return (
    <span className={`inline-block min-w-14 rounded px-1.5 py-0.5 text-center font-mono text-xs font-bold uppercase ring-1 ring-inset ${METHOD_COLOURS[method] ?? ""}`}>
      {method}
    </span>
  );
}
