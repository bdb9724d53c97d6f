import "server-only";
import { assertCallbackUrlAllowed, type CallbackUrlOptions } from "@/lib/porting/callback-url";
import { ValidationError } from "@/lib/errors";

// An endpoint's URL passes exactly the callback URL guard (docs/notifications.md, "Callback URL
// safety"): the same static checks and create-time resolution, and the same check again at every
// delivery (the worker). The guard's messages speak of "the callback URL"; here they name the field
// the caller sent (`url`) and the thing it is.

export async function assertEndpointUrlAllowed(url: string, options: CallbackUrlOptions = {}): Promise<void> {
  try {
    await assertCallbackUrlAllowed(url, options);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const messages = error.fieldErrors.callbackUrl ?? Object.values(error.fieldErrors).flat();
    throw new ValidationError({
      url: messages.map((m) => m.replaceAll("callback URL", "webhook URL").replace("Callbacks can only go", "Webhooks can only go")),
    });
  }
}
