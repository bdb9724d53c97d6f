import { expect, test } from "vitest";

test("zod runs without eval once the providers' setting is loaded, though it never imports zod", async () => {
  await import("./zod-jitless");
  const { globalConfig } = await import("zod/v4/core");
  const { z } = await import("zod");
  expect(globalConfig.jitless).toBe(true);
  // With jitless off, zod would build this object's parser with `new Function`.
  const original = globalThis.Function;
  globalThis.Function = function () {
    throw new EvalError("eval is forbidden by the Content-Security-Policy");
  } as unknown as FunctionConstructor;
  try {
    expect(z.object({ name: z.string(), count: z.number() }).parse({ name: "a", count: 1 })).toEqual({ name: "a", count: 1 });
  } finally {
    globalThis.Function = original;
  }
});
