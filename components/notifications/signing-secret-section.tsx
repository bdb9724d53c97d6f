import { retirePreviousSigningSecretAction, rotateSigningSecretAction } from "@/app/(app)/settings/actions";
import type { CustomerActor } from "@/lib/auth/actor";
import { requestTime } from "@/lib/clock";
import { getSigningSecret, ROTATION_OVERLAP_HOURS } from "@/lib/notifications/signing-secret";
import { SigningSecretSettings } from "./signing-secret-settings";

// The Settings page's "Callback signing secret" section, rendered on the server with the account's
// secret (the page is the customer's own; the secret is shown masked until revealed).
export async function SigningSecretSection({ actor }: { actor: CustomerActor }) {
  const secret = await getSigningSecret(actor);
  return (
    <section aria-labelledby="signing-secret-heading" className="space-y-4">
      <div>
        <h2 id="signing-secret-heading" className="text-lg font-semibold text-slate-900">
          Callback signing secret
        </h2>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Porting requests with a callback URL get a POST on every status change, signed with this secret so your system can check that it
          comes from us. It is your account&apos;s, shared by all its users and requests.
        </p>
      </div>
      <SigningSecretSettings
        initial={secret}
        renderedAt={requestTime()}
        overlapHours={ROTATION_OVERLAP_HOURS}
        canRotate={actor.accountRole === "admin"}
        rotateAction={rotateSigningSecretAction}
        retireAction={retirePreviousSigningSecretAction}
      />
    </section>
  );
}
