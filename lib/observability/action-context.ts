import "server-only";
import { headers } from "next/headers";
import { newRequestId, REQUEST_ID_HEADER, saneRequestId, type RequestContext } from "./request-context";

/**
 * The request context of a server action: the id proxy.ts put on the request (and on the
 * response the browser sees), or a new one where there is no request (tests, scripts).
 */
export async function actionRequestContext(): Promise<RequestContext> {
  let id: string | null = null;
  try {
    id = saneRequestId((await headers()).get(REQUEST_ID_HEADER));
  } catch {
    // Called outside a request.
  }
  return { requestId: id ?? newRequestId() };
}
