// Runs once when the server process starts (Next.js instrumentation hook).
export async function register() {
  // eslint-disable-next-line no-restricted-properties -- Next.js's own runtime marker (inlined at build), not configuration
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // The sign-in limit per client address needs the TCP peer, which Next.js only passes on when
    // the client sent no X-Forwarded-For of its own: append it to every request
    // (lib/auth/client-address.ts, docs/security.md).
    const { Server } = await import("node:http");
    const { appendPeerToForwardedFor } = await import("./lib/auth/client-address");
    appendPeerToForwardedFor(Server.prototype);
  }
}
