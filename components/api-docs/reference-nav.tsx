import { ENDPOINTS } from "@/lib/api/openapi";
import { anchor, GUIDES, RESPONSE_SCHEMAS, TAG_ORDER } from "./reference-model";
import { schemaAnchor } from "./schema-view";

/** The reference's table of contents: guides, operations by tag, objects (beside the page on wide screens, folded above it on narrow ones). */
export function ReferenceNav({ label }: { label: string }) {
  return (
  <nav aria-label={label} className="text-sm">
    <p className="px-2 text-xs font-semibold uppercase tracking-wide text-slate-500">Guides</p>
    <ul className="mt-1 space-y-0.5">
      {GUIDES.map((g) => (
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
      {RESPONSE_SCHEMAS.map((name) => (
        <li key={name}>
          <a href={`#${schemaAnchor(name)}`} className="block rounded px-2 py-1 font-mono text-xs text-slate-700 hover:bg-slate-100 hover:text-slate-900">
            {name}
          </a>
        </li>
      ))}
    </ul>
  </nav>
  );
}
