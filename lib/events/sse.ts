// Server-Sent Events framing (WHATWG HTML, "Server-sent events"). Pure and client-safe.

const encoder = new TextEncoder();

/** One event: `id:`, `event:`, and the data split over `data:` lines (a line break inside data is its own line). */
export function eventFrame(fields: { id?: string; event?: string; data: string }): Uint8Array {
  let text = "";
  if (fields.id !== undefined) text += `id: ${singleLine(fields.id)}\n`;
  if (fields.event !== undefined) text += `event: ${singleLine(fields.event)}\n`;
  for (const line of fields.data.split(/\r\n|\r|\n/)) text += `data: ${line}\n`;
  return encoder.encode(`${text}\n`);
}

/** A comment line: ignored by EventSource, keeps proxies and load balancers from closing an idle stream. */
export function commentFrame(text: string): Uint8Array {
  return encoder.encode(`: ${singleLine(text)}\n\n`);
}

/** How long a browser waits before reconnecting after the stream ends. */
export function retryFrame(ms: number): Uint8Array {
  return encoder.encode(`retry: ${Math.max(0, Math.round(ms))}\n\n`);
}

function singleLine(value: string): string {
  return value.replace(/[\r\n]/g, " ");
}

export const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  // no-transform: compression middleware (and proxies) must pass every frame at once, not buffer it.
  "cache-control": "no-cache, no-transform",
  // nginx buffers proxied responses unless told not to.
  "x-accel-buffering": "no",
} as const;
