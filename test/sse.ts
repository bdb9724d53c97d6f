// Reads a Server-Sent Events body the way EventSource does (WHATWG HTML "Server-sent events"):
// frames end at a blank line; `id`, `event` and `data` fields, comments (`: …`) kept for tests
// that look at heartbeats. No fixed sleeps: `next` waits for a matching frame or times out.

export type SseFrame = { id?: string; event?: string; data?: string; comment?: string; retry?: number; /** performance.now() when it was read */ at?: number };

export class SseReader {
  private readonly decoder = new TextDecoder();
  private buffer = "";
  private readonly frames: SseFrame[] = [];
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private ended = false;
  private waiting: (() => void) | null = null;

  constructor(body: ReadableStream<Uint8Array>) {
    this.reader = body.getReader();
    void this.pump();
  }

  private async pump() {
    try {
      for (;;) {
        const { value, done } = await this.reader.read();
        if (done) break;
        this.buffer += this.decoder.decode(value, { stream: true });
        this.parse();
        this.waiting?.();
      }
    } catch {
      // cancelled or the connection broke
    }
    this.ended = true;
    this.waiting?.();
  }

  private parse() {
    for (let end = this.buffer.search(/\r?\n\r?\n/); end >= 0; end = this.buffer.search(/\r?\n\r?\n/)) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end).replace(/^\r?\n\r?\n/, "");
      const frame: SseFrame = { at: performance.now() };
      for (const line of block.split(/\r?\n/)) {
        if (line.startsWith(":")) {
          frame.comment = line.slice(1).trim();
          continue;
        }
        const colon = line.indexOf(":");
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
        if (field === "data") frame.data = frame.data === undefined ? value : `${frame.data}\n${value}`;
        else if (field === "id") frame.id = value;
        else if (field === "event") frame.event = value;
        else if (field === "retry") frame.retry = Number(value);
      }
      this.frames.push(frame);
    }
  }

  /** Every frame so far (events, comments, retry), in order. */
  get all(): readonly SseFrame[] {
    return this.frames;
  }

  /** Frames that carry data (events and hints), in order. */
  get events(): SseFrame[] {
    return this.frames.filter((f) => f.data !== undefined);
  }

  get closed(): boolean {
    return this.ended;
  }

  /** Resolves with the first frame (from `from`) that matches; rejects after `timeoutMs`. */
  async next(match: (frame: SseFrame) => boolean, timeoutMs = 5_000, from = 0): Promise<SseFrame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.frames.slice(from).find(match);
      if (found) return found;
      if (this.ended) throw new Error(`The stream ended before a matching frame; got ${JSON.stringify(this.frames)}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`No matching frame within ${timeoutMs} ms; got ${JSON.stringify(this.frames)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiting = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  /** Waits until the stream ends (the server closed it). */
  async end(timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.ended) {
      if (Date.now() > deadline) throw new Error("The stream did not end");
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.waiting = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  async cancel(): Promise<void> {
    await this.reader.cancel().catch(() => {});
  }
}
