// The headers every response carries (issue 12, DESIGN.md "Safe by default"), set by proxy.ts.
// Pure functions, so they are tested without a server; the HTTP test checks them on the real build.
//
// Scripts: a fresh nonce per request. Next.js reads it from the Content-Security-Policy *request*
// header that proxy.ts sets and puts it on its own <script> tags; 'strict-dynamic' lets the chunks
// those scripts load run too. Every page is rendered per request (app/layout.tsx), so every page
// has a nonce. Styles allow 'unsafe-inline': React renders `style` props as attributes, and a
// style cannot run code. Development adds 'unsafe-eval' (React's dev tooling and Turbopack's
// hot reload need it) and the websocket of hot reload; production never does.

export type SecurityHeaderOptions = {
  nonce: string;
  /** `next dev`: allow eval and the hot-reload websocket. */
  development: boolean;
  /** Served over https (APP_URL is https, or the request arrived as https): send HSTS. */
  https: boolean;
};

export function contentSecurityPolicy({ nonce, development, https }: SecurityHeaderOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${development ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** The response headers besides the CSP. */
export function staticSecurityHeaders({ https }: Pick<SecurityHeaderOptions, "https">): Record<string, string> {
  return {
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    // For browsers that predate frame-ancestors.
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=()",
    ...(https ? { "strict-transport-security": "max-age=31536000; includeSubDomains" } : {}),
  };
}

/** A nonce for one response: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/** HTTPS when the app's public URL is https, or the request came in as https (directly or via a proxy). */
export function servedOverHttps(appUrl: string | undefined, forwardedProto: string | null, requestProtocol: string): boolean {
  if (appUrl?.startsWith("https:")) return true;
  const proto = forwardedProto?.split(",")[0]?.trim().toLowerCase();
  return proto === "https" || requestProtocol === "https:";
}

// ---- request body size ---------------------------------------------------------------------------

/** Bodies sent to pages (server actions) and next-auth's routes may be up to 1 MB (Next.js's own default)… */
export const MAX_BODY_BYTES = 1024 * 1024;
/**
 * …except on the pages whose actions upload documents (next.config.mjs allows them 25 MB): the
 * create page, and a request's page for the customer and for support ("Add a document").
 */
export const UPLOAD_ACTION_PATHS: readonly RegExp[] = [
  /^\/porting-requests\/new$/,
  /^\/porting-requests\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  /^\/support\/porting-requests\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
];

/**
 * Whether a request body is too large for where it is sent. Next.js applies one body limit to
 * every server action, and the create page's uploads need 25 MB; without this, the
 * unauthenticated sign-in action would read 25 MB bodies too (and so would next-auth's own
 * routes, which have no limit). A server action is any POST to a page: with the Next-Action header
 * or as a plain form post before hydration, so the rule goes by path, not by header. The REST API
 * (/api/v1) reads its bodies with its own streamed limit (lib/api/body.ts) and is left to it. A
 * body without a Content-Length (chunked) cannot be measured before it is read, so here it is
 * refused: browsers always send one.
 */
export function bodyLimitRefusal(method: string, headers: Headers, pathname: string): { status: 411 | 413; message: string } | null {
  if (method === "GET" || method === "HEAD" || method === "OPTIONS") return null;
  if (pathname === "/api/v1" || pathname.startsWith("/api/v1/")) return null;
  const path = pathname.replace(/\/+$/, "") || "/";
  if (UPLOAD_ACTION_PATHS.some((pattern) => pattern.test(path))) return null;
  const length = headers.get("content-length");
  if (length === null) {
    return headers.has("transfer-encoding") ? { status: 411, message: "Send a Content-Length with this request." } : null;
  }
  if (!/^\d+$/.test(length.trim())) return { status: 411, message: "Send a valid Content-Length with this request." };
  if (Number(length) > MAX_BODY_BYTES) {
    return { status: 413, message: "This request is too large: at most 1 MB is accepted here." };
  }
  return null;
}
