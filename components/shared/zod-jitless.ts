// The Content-Security-Policy allows no eval (proxy.ts). Zod's faster "JIT" parsers are built with
// `new Function`, and even its probe for that is reported as a CSP violation: use the plain parsers.
//
// Set without importing zod: zod 4 keeps its configuration on `globalThis.__zod_globalConfig`
// (made with `??=`, so this object is the one it uses whichever loads first) and reads `jitless`
// when it parses. Even `import { config } from "zod/v4/core"` put 5 kB (gzip) of zod into every
// page's JavaScript, the sign-in page's included (bench:http measures it). zod-jitless.test.ts
// fails if a zod upgrade moves the setting.
const holder = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
(holder.__zod_globalConfig ??= {}).jitless = true;

export {};
