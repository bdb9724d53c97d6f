import { RESPONSE_SCHEMAS } from "./reference-model";
import { FieldTable, Prose, schemaAnchor, type JsonSchema } from "./schema-view";

/** The objects the API answers with, field by field. */
export function ObjectsReference({ schemas }: { schemas: Record<string, JsonSchema> }) {
  return (
    <section aria-labelledby="objects" className="mt-14">
      <h2 id="objects" className="scroll-mt-20 border-b border-slate-200 pb-2 text-2xl font-semibold tracking-tight text-slate-900">
        Objects
      </h2>
      {RESPONSE_SCHEMAS.map((name) => {
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
  );
}
