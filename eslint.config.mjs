import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", ".next-*/**", "node_modules/**", ".data/**", "demo-output/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "error",
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read the environment through lib/env.ts only." },
      ],
    },
  },
  {
    // The environment module, scripts and test/CI harnesses are where process.env belongs.
    files: ["lib/env.ts", "next.config.mjs", "scripts/**", "test/**", "e2e/**", "bench/**", "playwright.config.ts", "**/*.test.ts", "vitest.config.ts"],
    rules: { "no-restricted-properties": "off" },
  },
];

export default config;
