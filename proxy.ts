import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import {
  bodyLimitRefusal,
  contentSecurityPolicy,
  newNonce,
  servedOverHttps,
  staticSecurityHeaders,
} from "@/lib/http/security-headers";
import { REQUEST_ID_HEADER, requestIdFrom } from "@/lib/observability/request-id";

// Runs before every request (Next.js 16's proxy, formerly middleware). It never decides who may do
// what (pages, actions and route handlers check their caller themselves); it only:
//   1. refuses bodies too large for where they are sent (lib/http/security-headers.ts), before any
//      of the body is read;
//   2. makes a CSP nonce, hands it to the render through the request's Content-Security-Policy
//      header (Next.js puts it on its scripts), and sets the security headers on the response;
//   3. gives every request an X-Request-Id (a sane one from a proxy in front, else a new one), on
//      the request (route handlers and server actions log it, lib/observability) and the response.

export function proxy(request: NextRequest) {
  const https = servedOverHttps(env.APP_URL, request.headers.get("x-forwarded-proto"), request.nextUrl.protocol);
  const headers = { ...staticSecurityHeaders({ https }), [REQUEST_ID_HEADER]: requestIdFrom(request.headers) };

  const refusal = bodyLimitRefusal(request.method, request.headers, request.nextUrl.pathname);
  if (refusal) {
    return new NextResponse(refusal.message, {
      status: refusal.status,
      headers: { ...headers, "content-type": "text/plain; charset=utf-8", "content-security-policy": "default-src 'none'; frame-ancestors 'none'", connection: "close" },
    });
  }

  const nonce = newNonce();
  const csp = contentSecurityPolicy({ nonce, development: env.NODE_ENV === "development", https });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", csp);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set(REQUEST_ID_HEADER, headers[REQUEST_ID_HEADER]);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Everything, static files included (they get nosniff too).
  matcher: "/:path*",
};
