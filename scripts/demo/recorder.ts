import { writeFileSync } from "node:fs";
import path from "node:path";
import type { BrowserContext, Page } from "@playwright/test";
import type { Actor } from "./story";

// What the demo leaves behind: a caption bar on every page (so the browser, the screenshots and
// the video tell the story), one screenshot per step (NN-step-name.png) and an index.html that
// shows them in order with their captions.

export const CAPTION_HEIGHT = 64;

export type RecordedStep = {
  number: number;
  scene: string;
  actor: string;
  role: Actor["role"] | "receiver";
  caption: string;
  file: string;
  key?: string;
  failed?: boolean;
};

type CaptionState = { text: string; actor: string; role: string; step: number };

// Runs in the page, as plain JavaScript source (tsx would wrap named functions in helpers that do
// not exist in the browser): installs the bar once per document and shows the caption kept in
// sessionStorage, so it survives the navigations of one tab. The bar is a manual popover: the top
// layer keeps it above the page and, re-shown at every step, above a modal dialog too.
const CAPTION_SCRIPT = `(() => {
  const KEY = "__demoCaption";
  const colours = { customer: "#2563eb", support: "#7c3aed", receiver: "#475569" };
  const render = () => {
    if (!document.body) return;
    let bar = document.getElementById("__demo-caption");
    if (!bar) {
      bar = document.createElement("div");
      bar.id = "__demo-caption";
      bar.setAttribute("popover", "manual");
      bar.setAttribute("aria-hidden", "true");
      bar.setAttribute("style", [
        "position:fixed", "inset:auto 0 0 0", "margin:0", "width:100%", "max-width:none",
        "height:${CAPTION_HEIGHT}px", "box-sizing:border-box", "border:0", "border-top:3px solid #38bdf8",
        "padding:0 24px", "display:flex", "align-items:center", "gap:14px", "overflow:hidden",
        "background:#0f172a", "color:#f8fafc", "font:500 16px/1.35 system-ui,-apple-system,'Segoe UI',sans-serif",
        "pointer-events:none", "z-index:2147483647",
      ].join(";"));
      bar.innerHTML =
        '<span data-part="step" style="flex:none;font-weight:700;color:#38bdf8;font-variant-numeric:tabular-nums"></span>' +
        '<span data-part="actor" style="flex:none;border-radius:999px;padding:3px 10px;font-size:13px;font-weight:600"></span>' +
        '<span data-part="text" style="flex:1;min-width:0;display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical;overflow:hidden"></span>';
      document.body.appendChild(bar);
      document.documentElement.style.setProperty("scroll-padding-bottom", "${CAPTION_HEIGHT + 16}px");
    }
    let state = null;
    try { state = JSON.parse(sessionStorage.getItem(KEY) || "null"); } catch { state = null; }
    const part = (name) => bar.querySelector('[data-part="' + name + '"]');
    part("step").textContent = state ? String(state.step).padStart(2, "0") : "";
    part("actor").textContent = state ? state.actor : "";
    part("actor").style.background = (state && colours[state.role]) || "transparent";
    part("text").textContent = state ? state.text : "";
    bar.style.visibility = state ? "visible" : "hidden";
    try {
      if (bar.matches(":popover-open")) bar.hidePopover();
      bar.showPopover();
    } catch {
      // no popover support: the fixed bar with its z-index still shows
    }
  };
  window.__demoRenderCaption = render;
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", render, { once: true });
  else render();
})()`;

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .split("-")
      .slice(0, 6)
      .join("-") || "step"
  );
}

export class Recorder {
  readonly steps: RecordedStep[] = [];
  private currentScene = "";
  private readonly actors = new WeakMap<BrowserContext, Actor>();

  constructor(
    private readonly outDir: string,
    private readonly options: { pauseMs: number; log: (line: string) => void },
  ) {}

  prepareContext = async (context: BrowserContext, actor: Actor): Promise<void> => {
    this.actors.set(context, actor);
    await context.addInitScript({ content: CAPTION_SCRIPT });
  };

  scene = async <T>(title: string, body: () => Promise<T>): Promise<T> => {
    this.currentScene = title;
    this.options.log(`\n▸ ${title}`);
    return body();
  };

  snap = async (page: Page, caption: string, options: { key?: string; failed?: boolean } = {}): Promise<void> => {
    const number = this.steps.length + 1;
    const actor = this.actors.get(page.context());
    const onApp = page.url().startsWith("http://localhost");
    const role: RecordedStep["role"] = onApp ? (actor?.role ?? "customer") : "receiver";
    const who = onApp ? (actor?.label ?? "") : "Customer's own systems (demo receiver)";
    const state: CaptionState = { text: caption, actor: who, role, step: number };
    await page.evaluate((value) => sessionStorage.setItem("__demoCaption", value), JSON.stringify(state));
    // Pages of a prepared context have the bar already; any other page gets it now.
    await page.evaluate(`(window.__demoRenderCaption ? window.__demoRenderCaption() : ${CAPTION_SCRIPT})`);
    const file = `${String(number).padStart(2, "0")}-${options.key ?? slug(caption)}.png`;
    await page.screenshot({ path: path.join(this.outDir, file), animations: "disabled", caret: "hide" });
    this.steps.push({ number, scene: this.currentScene, actor: who, role, caption, file, key: options.key, failed: options.failed });
    this.options.log(`  ${String(number).padStart(2, "0")} ${caption}`);
    if (this.options.pauseMs > 0) await page.waitForTimeout(this.options.pauseMs);
  };

  writeIndex(meta: { title: string; intro: string; generatedAt: Date; seconds: number; problems: string[]; video: boolean }): string {
    const escape = (text: string) =>
      text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
    const scenes: { title: string; steps: RecordedStep[] }[] = [];
    for (const step of this.steps) {
      const last = scenes.at(-1);
      if (last && last.title === step.scene) last.steps.push(step);
      else scenes.push({ title: step.scene, steps: [step] });
    }
    const body = scenes
      .map(
        (scene, i) => `<section aria-labelledby="scene-${i}">
<h2 id="scene-${i}"><span class="n">${i + 1}</span>${escape(scene.title)}</h2>
${scene.steps
  .map(
    (s) => `<figure id="step-${s.number}"${s.failed ? ' class="failed"' : ""}>
<figcaption><span class="num">${String(s.number).padStart(2, "0")}</span><span class="who ${s.role}">${escape(s.actor)}</span><span class="text">${escape(s.caption)}</span></figcaption>
<a href="${escape(s.file)}"><img src="${escape(s.file)}" alt="${escape(s.caption)}" loading="lazy" width="1280" height="${800 + CAPTION_HEIGHT}"></a>
</figure>`,
  )
  .join("\n")}
</section>`,
      )
      .join("\n");
    const problems = meta.problems.length
      ? `<div class="problems" role="alert"><strong>Some steps did not run as written:</strong><ul>${meta.problems.map((p) => `<li>${escape(p)}</li>`).join("")}</ul></div>`
      : "";
    const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escape(meta.title)}</title>
<style>
*{box-sizing:border-box}body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",sans-serif;color:#0f172a;background:#f1f5f9}
header{background:#0f172a;color:#f8fafc;padding:28px 20px}header>div,main{max-width:1100px;margin:0 auto}
h1{margin:0 0 8px;font-size:28px;line-height:1.2}header p{margin:6px 0;color:#cbd5e1;max-width:75ch}header .flow b{color:#fff;font-weight:600}header a{color:#7dd3fc}
main{padding:20px}section{margin:28px 0 40px}h2{display:flex;align-items:center;gap:12px;font-size:21px;margin:0 0 14px}
h2 .n{flex:none;display:inline-grid;place-items:center;width:32px;height:32px;border-radius:50%;background:#0f172a;color:#fff;font-size:15px}
figure{margin:0 0 26px;background:#fff;border:1px solid #e2e8f0;border-radius:14px;overflow:hidden;box-shadow:0 1px 2px rgb(0 0 0/.05)}
figure.failed{border-color:#dc2626}figcaption{display:flex;flex-wrap:wrap;align-items:baseline;gap:8px 12px;padding:14px 16px}
.num{font-weight:700;color:#0284c7;font-variant-numeric:tabular-nums}.who{border-radius:999px;padding:1px 10px;font-size:13px;font-weight:600;color:#fff;background:#475569}
.who.customer{background:#2563eb}.who.support{background:#7c3aed}.text{flex:1 1 30ch}
img{display:block;width:100%;height:auto;border-top:1px solid #e2e8f0}
.toc{columns:2 18rem;padding-left:1.2em;color:#cbd5e1}.toc a{color:#e0f2fe}
.problems{max-width:1100px;margin:16px auto 0;background:#fef2f2;border:1px solid #fecaca;color:#7f1d1d;border-radius:10px;padding:12px 16px}
footer{max-width:1100px;margin:0 auto;padding:0 20px 40px;color:#64748b;font-size:14px}
@media (max-width:600px){h1{font-size:23px}figcaption{padding:12px}}
</style></head><body>
<header><div>
<h1>${escape(meta.title)}</h1>
<p>${escape(meta.intro)}</p>
<p class="flow">Statuses: <b>Requested</b> → <b>In progress</b> → <b>Completed</b>. In the Netherlands two steps come between: <b>Delayed</b> (with the first possible porting date) and <b>Ready to be ported</b>, when the customer clicks Perform porting; elsewhere support completes the request. Support may reject a request (<b>Blocked</b>, with the reason); the customer may cancel one (<b>Cancelled</b>).</p>
<p>${this.steps.length} steps${meta.video ? ' · <a href="demo.mp4">the same as a video</a>' : ""}. Each caption says who is acting; the customer and the support agent work in two separate browsers at the same time.</p>
<ol class="toc">${scenes.map((s, i) => `<li><a href="#scene-${i}">${escape(s.title)}</a></li>`).join("")}</ol>
</div></header>
${problems}
<main>
${body}
</main>
<footer>Recorded by <code>npm run demo</code> on ${escape(meta.generatedAt.toISOString().replace("T", " ").slice(0, 16))} UTC in ${Math.round(meta.seconds)} s, against a fresh database with the demo data.</footer>
</body></html>
`;
    const file = path.join(this.outDir, "index.html");
    writeFileSync(file, html);
    return file;
  }
}
