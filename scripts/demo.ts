// `npm run demo [--headed] [--slow]`: the whole porting story in a real browser, with captions,
// on the demo's own app and database. Leaves demo-output/ (a screenshot per step, index.html, and
// demo.mp4 where ffmpeg is installed) and refreshes the key screenshots in docs/screenshots/.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "@playwright/test";
import { startAppServer, type AppServer } from "./demo/app-server";
import { startInbox, type Inbox } from "./demo/inbox";
import { CAPTION_HEIGHT, Recorder } from "./demo/recorder";
import * as story from "./demo/story";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outDir = path.join(root, "demo-output");
const docsDir = path.join(root, "docs", "screenshots");
// The screenshots the README shows, by their step key, in the README's order.
const DOCS_KEYS = ["requirements", "numbers-check", "support-accept", "customer-ready", "notifications", "numbers"] as const;
const SECONDS_PER_FRAME = 2.5;

const USAGE = `Usage: npm run demo [-- --headed] [-- --slow]

Plays the porting story in Chromium against its own app and database, and writes
demo-output/ (screenshots, index.html, demo.mp4 when ffmpeg is installed).

  --headed   show the browser (needs a display)
  --slow     slow down every action and pause on each caption
`;

function parseArgs(argv: string[]) {
  const known = new Set(["--headed", "--slow", "--help", "-h"]);
  const unknown = argv.filter((a) => !known.has(a));
  if (unknown.length > 0) {
    console.error(`Unknown option ${unknown.join(", ")}.\n\n${USAGE}`);
    process.exit(2);
  }
  if (argv.includes("--help") || argv.includes("-h")) {
    console.log(USAGE);
    process.exit(0);
  }
  return { headed: argv.includes("--headed"), slow: argv.includes("--slow") };
}

type Scene = { id: string; needs: string[]; run: () => Promise<unknown> };

let interrupted = false;

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.headed && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.error(
      "--headed needs a display, and this session has none (DISPLAY and WAYLAND_DISPLAY are not set).\n" +
        "Run `npm run demo` without --headed: it writes the same screenshots and index.html. " +
        "(Or run it under a virtual display: xvfb-run npm run demo -- --headed.)",
    );
    process.exit(2);
  }
  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(executablePath)) {
    console.error(`Chromium was not found at ${executablePath}. Install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH.`);
    process.exit(1);
  }

  const started = Date.now();
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });

  let app: AppServer | null = null;
  let inbox: Inbox | null = null;
  let browser: Browser | null = null;
  let cast: story.Cast | null = null;
  let cleaning: Promise<void> | null = null;
  const cleanup = () =>
    (cleaning ??= (async () => {
      await cast?.close().catch(() => {});
      await browser?.close().catch(() => {});
      await inbox?.close().catch(() => {});
      await app?.stop().catch(() => {});
    })());
  // Ctrl-C reaches the whole process group (the app and Chromium stop by themselves too): stop
  // the story, leave docs/screenshots as they were, and wait for the app to be gone.
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      if (interrupted) return;
      interrupted = true;
      console.error(`\n${signal}: stopping the demo's app and browser…`);
      void cleanup().then(() => process.exit(130));
    });
  }

  try {
    inbox = await startInbox({ smtp: true, title: "Acme B.V. and Globex GmbH: their own mail and webhook receiver" });
    console.log("Starting the demo's own app (embedded PostgreSQL with fresh demo data)…");
    app = await startAppServer({
      root,
      dataDir: ".data/demo-run",
      logFile: path.join(outDir, "server.log"),
      env: {
        // The callback receiver is on 127.0.0.1: allowed only with this development switch.
        ALLOW_INSECURE_CALLBACKS: "true",
        SMTP_URL: inbox.smtpUrl ?? "",
        MAIL_FROM: "Voice Porting <porting@voice.example>",
        RUN_WORKER: "true",
      },
    });
    console.log(`App ready on ${app.url} (log: demo-output/server.log)`);

    browser = await chromium.launch({
      executablePath,
      headless: !args.headed,
      slowMo: args.slow ? 350 : 0,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    const recorder = new Recorder(outDir, { pauseMs: args.slow ? 1_800 : 0, log: (line) => console.log(line) });
    const env: story.StoryEnv = {
      browser,
      baseURL: app.url,
      inbox,
      snap: recorder.snap,
      scene: recorder.scene,
      prepareContext: recorder.prepareContext,
      // The caption bar sits below an 800 px high page.
      viewport: { width: 1280, height: 800 + CAPTION_HEIGHT },
    };
    cast = new story.Cast(env);
    const c = cast;

    let nl: story.CreatedRequest | null = null;
    const scenes: Scene[] = [
      { id: "prepare", needs: [], run: () => story.nlPrepare(env, c) },
      { id: "create", needs: ["prepare"], run: async () => (nl = await story.nlCreate(env, c)) },
      { id: "support", needs: ["create"], run: () => story.nlSupport(env, c, nl!) },
      { id: "notifications", needs: ["support"], run: () => story.nlNotifications(env, c, nl!) },
      { id: "perform", needs: ["support"], run: () => story.nlPerform(env, c, nl!) },
      { id: "germany", needs: [], run: () => story.deCompleted(env, c) },
      { id: "rejected", needs: [], run: () => story.rejected(env, c) },
      { id: "cancelled", needs: [], run: () => story.cancelled(env, c) },
    ];

    // A scene that fails is recorded (with a screenshot of every open page) and the story goes on
    // with the scenes that do not depend on it, so one broken step never hides the rest.
    const problems: string[] = [];
    const failed = new Set<string>();
    for (const scene of scenes) {
      if (interrupted) return;
      const blockedBy = scene.needs.filter((n) => failed.has(n));
      if (blockedBy.length > 0) {
        failed.add(scene.id);
        problems.push(`Scene "${scene.id}" skipped: it needs "${blockedBy.join('", "')}".`);
        continue;
      }
      try {
        await scene.run();
      } catch (error) {
        if (interrupted) return;
        failed.add(scene.id);
        const message = error instanceof Error ? error.message.split("\n").slice(0, 6).join(" ").replace(/\s+/g, " ") : String(error);
        problems.push(`Scene "${scene.id}" failed: ${message}`);
        console.error(`\n✗ Scene "${scene.id}" failed:\n${error instanceof Error ? error.message : error}\n`);
        for (const page of openPages(browser)) {
          await recorder.snap(page, `This step failed: ${message.slice(0, 160)}`, { failed: true }).catch(() => {});
        }
      }
    }

    const seconds = (Date.now() - started) / 1000;
    const video = makeVideo(recorder.steps.map((s) => s.file));
    const index = recorder.writeIndex({
      title: "Voice Porting — the porting flow, step by step",
      intro:
        "Business customers move their phone numbers from their current provider onto our voice platform. A Dutch customer " +
        "checks the requirements, completes her company profile and files a request; support accepts it, delays it with a " +
        "first possible date and marks it ready while her page follows live; she performs the porting and the numbers arrive " +
        "on her voice account. Then a German request completed by support, a rejected one and a cancelled one.",
      generatedAt: new Date(),
      seconds,
      problems,
      video,
    });
    copyDocs(recorder.steps);

    console.log(`\n${recorder.steps.length} steps in ${seconds.toFixed(0)} s → ${path.relative(process.cwd(), index)}`);
    if (problems.length > 0) {
      console.error(`\n${problems.length} problem(s):\n- ${problems.join("\n- ")}`);
      process.exitCode = 1;
    }
  } catch (error) {
    if (interrupted) return;
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  } finally {
    await cleanup();
  }
}

function openPages(browser: Browser): Page[] {
  return browser.contexts().flatMap((context) => context.pages());
}

/** Assembles the screenshots into demo.mp4 with Debian's ffmpeg, when it is installed. */
function makeVideo(files: string[]): boolean {
  if (files.length === 0) return false;
  const which = spawnSync("sh", ["-c", "command -v ffmpeg"], { encoding: "utf8" });
  if (which.status !== 0) {
    console.log("No ffmpeg on this machine: skipping demo.mp4 (apt-get install ffmpeg to get the video).");
    return false;
  }
  // The concat demuxer shows each picture for its duration; the last one is listed twice so it is held too.
  const list = files.map((f) => `file '${f}'\nduration ${SECONDS_PER_FRAME}`).join("\n") + `\nfile '${files.at(-1)}'\n`;
  writeFileSync(path.join(outDir, "frames.txt"), list);
  const result = spawnSync(
    which.stdout.trim(),
    ["-y", "-loglevel", "error", "-f", "concat", "-safe", "0", "-i", "frames.txt", "-vf", "scale=trunc(iw/2)*2:trunc(ih/2)*2,format=yuv420p", "-r", "25", "-movflags", "+faststart", "demo.mp4"],
    { cwd: outDir, encoding: "utf8" },
  );
  rmSync(path.join(outDir, "frames.txt"), { force: true });
  if (result.status !== 0) {
    console.error(`ffmpeg could not make demo.mp4: ${result.stderr || result.error?.message}`);
    return false;
  }
  console.log(`Video: demo-output/demo.mp4 (${files.length} frames, ${SECONDS_PER_FRAME} s each)`);
  return true;
}

/** The README's screenshots, refreshed from this run (a key that did not run keeps its old picture). */
function copyDocs(steps: Recorder["steps"]) {
  mkdirSync(docsDir, { recursive: true });
  for (const key of DOCS_KEYS) {
    const step = steps.find((s) => s.key === key && !s.failed);
    if (step) copyFileSync(path.join(outDir, step.file), path.join(docsDir, `${key}.png`));
  }
}

// Exit once done (nothing the demo started may keep the process alive); after Ctrl-C the signal
// handler exits, once the app has stopped.
void main().then(() => {
  if (!interrupted) process.exit(process.exitCode ?? 0);
});
