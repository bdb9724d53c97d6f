import type { Endpoint } from "@/lib/api/openapi";
import type { Operation } from "./reference-model";

// The code an integrator copies from the API reference: shell commands built from this
// deployment's base URL and each operation's example, and the callback verifier.

function shellQuote(json: string): string {
  return `'${json.replace(/'/g, `'\\''`)}'`;
}

/** A curl command for the operation, with its example path parameters and body. */
export function curlFor(base: string, endpoint: Endpoint, operation: Operation): string {
  let path = endpoint.path;
  for (const p of endpoint.pathParams ?? []) path = path.replace(`{${p.name}}`, p.example);
  const streams = Boolean(operation.responses["200"]?.content?.["text/event-stream"]);
  // -N: print each event as it arrives instead of buffering.
  const lines = [`curl${streams ? " -N" : ""}${endpoint.method === "get" ? "" : ` -X ${endpoint.method.toUpperCase()}`} "${base}${path}"`, `  -H "Authorization: Bearer $API_KEY"`];
  if (streams) lines.push(`  -H "Last-Event-ID: $LAST_EVENT_ID"`);
  const content = operation.requestBody?.content;
  const example = content?.["application/json"]?.example;
  if (endpoint.idempotent) lines.push(`  -H "Idempotency-Key: $(uuidgen)"`);
  if (content?.["multipart/form-data"]) {
    // A document upload: the file from disk, and its kind (curl sets the multipart Content-Type).
    const kind = (endpoint.body?.example as { kind?: string } | undefined)?.kind ?? "letter_of_authorisation";
    lines.push(`  -F "kind=${kind}"`, `  -F "file=@${kind === "invoice" ? "invoice" : "letter-of-authorisation"}.pdf"`);
  } else if (example !== undefined) {
    lines.push(`  -H "Content-Type: application/json"`);
    lines.push(`  -d ${shellQuote(JSON.stringify(example, null, 2))}`);
  }
  return lines.join(" \\\n");
}

/** The first five calls of an integration, against this deployment. */
export function quickStartCommands(base: string): string {
  return `export API_KEY=vp_…   # shown once when you create it

# 1. What does a Dutch geographic port need?
curl ${base}/countries/NL/requirements -H "Authorization: Bearer $API_KEY"

# 2. Your company profiles: pick one with "meetsRequirements": true (or POST /company-profiles)
curl ${base}/company-profiles -H "Authorization: Bearer $API_KEY"

# 3. Upload the signed letter of authorisation (every country requires one): note its "id"
curl -X POST ${base}/documents -H "Authorization: Bearer $API_KEY" \\
  -F "kind=letter_of_authorisation" -F "file=@letter-of-authorisation.pdf"

#    …and create the request with it (safe to retry with the same Idempotency-Key)
curl -X POST ${base}/porting-requests \\
  -H "Authorization: Bearer $API_KEY" -H "Content-Type: application/json" \\
  -H "Idempotency-Key: 5f0c6a1e-2b1d-4a5c-9a0e-3f2d1c0b9a8e" \\
  -d '{"country":"NL","numberType":"geographic","companyProfileId":"<profile id>",
       "phoneNumbers":["+31 20 123 4567","0201234568"],"currentProvider":"KPN",
       "documents":[{"id":"<upload id>"}]}'

# 4. Follow it: poll, or receive callbacks on callbackUrl
curl ${base}/porting-requests/<id> -H "Authorization: Bearer $API_KEY"

# 5. NL, once "status" is "ready_to_be_ported" ("allowedActions": ["perform","cancel"]):
curl -X POST ${base}/porting-requests/<id>/perform -H "Authorization: Bearer $API_KEY"
#    or cancel, with an optional reason
curl -X POST ${base}/porting-requests/<id>/cancel -H "Authorization: Bearer $API_KEY" \\
  -H "Content-Type: application/json" -d '{"reason":"We stay with our current provider."}'`;
}

export function validationProblemExample(): string {
  return `HTTP/1.1 422 Unprocessable Content
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
)}`;
}

/** Verifies a callback's Standard Webhooks signature, in plain Node.js (no library). */
export const VERIFY_SNIPPET = `import { createHmac, timingSafeEqual } from "node:crypto";

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

/** Following GET /api/v1/events from a server, resuming after a restart (the reference's "Event stream" guide). */
export function eventStreamSnippet(base: string): string {
  return `// Node.js 18+: your account's events as they happen, resuming where you left off.
let lastEventId = await loadLastEventId(); // yours: null the first time

for (;;) {
  try {
    const response = await fetch("${base}/events", {
      headers: { authorization: \`Bearer \${process.env.API_KEY}\`, ...(lastEventId ? { "last-event-id": lastEventId } : {}) },
    });
    if (response.status === 410) {
      // Away longer than events are kept: read the current state, then follow from now.
      await resyncFromList();
      lastEventId = null;
      continue;
    }
    if (!response.ok) throw new Error(\`HTTP \${response.status}\`);
    let buffer = "";
    for await (const chunk of response.body.pipeThrough(new TextDecoderStream())) {
      buffer += chunk;
      for (let end = buffer.indexOf("\\n\\n"); end >= 0; end = buffer.indexOf("\\n\\n")) {
        const lines = buffer.slice(0, end).split("\\n");
        buffer = buffer.slice(end + 2);
        const field = (name) => lines.filter((l) => l.startsWith(name + ": ")).map((l) => l.slice(name.length + 2));
        const [id] = field("id");
        if (!id) continue; // a heartbeat or the retry hint
        // A status change has the id its callback carries: handle each id once.
        await handleEvent(field("event")[0], JSON.parse(field("data").join("\\n")));
        lastEventId = id;
        await saveLastEventId(id);
      }
    }
  } catch (error) {
    console.error("event stream:", error);
  }
  await new Promise((resolve) => setTimeout(resolve, 3_000));
}`;
}
