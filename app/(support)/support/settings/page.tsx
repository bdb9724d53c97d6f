import type { Metadata } from "next";
import Link from "next/link";
import { ApiKeysManager } from "@/components/api-keys/api-keys-manager";
import { SupportSettingsTabs } from "@/components/accounts/settings-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { listApiKeys } from "@/lib/auth/api-keys";
import { requireSupportPage } from "@/lib/auth/page";
import { requestTime } from "@/lib/clock";
import { appUrl, env } from "@/lib/env";
import { createSupportApiKeyAction, revokeSupportApiKeyAction } from "./actions";

export const metadata: Metadata = { title: "Support settings" };

export default async function SupportSettingsPage() {
  const actor = await requireSupportPage();
  const keys = await listApiKeys(actor);
  return (
    <>
      <PageHeader title="Settings" description={`Support API keys, and your own sign-in: ${actor.email}.`} />
      <SupportSettingsTabs current="/support/settings" />
      <section aria-labelledby="api-keys-heading" className="mt-6 space-y-4">
        <div>
          <h2 id="api-keys-heading" className="text-lg font-semibold text-slate-900">
            Support API keys
          </h2>
          <p className="mt-1 max-w-3xl text-sm text-slate-600">
            A support key acts as the agent who created it, across every account: it reads every porting request and may change statuses
            with{" "}
            <Link href="/docs/api#op-transitionPortingRequest" className="font-medium text-brand-700 underline">
              POST /porting-requests/{"{id}"}/transitions
            </Link>
            . Every support agent can see and revoke these keys. Each key may make {env.API_RATE_LIMIT_PER_MINUTE} requests a minute.
          </p>
        </div>
        <ApiKeysManager
          kind="support"
          keys={keys}
          renderedAt={requestTime()}
          apiBase={`${appUrl()}/api/v1`}
          createAction={createSupportApiKeyAction}
          revokeAction={revokeSupportApiKeyAction}
        />
      </section>
    </>
  );
}
