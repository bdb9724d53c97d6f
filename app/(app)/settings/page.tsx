import type { Metadata } from "next";
import Link from "next/link";
import { ApiKeysManager } from "@/components/api-keys/api-keys-manager";
import { SigningSecretSection } from "@/components/notifications/signing-secret-section";
import { SettingsTabs } from "@/components/accounts/settings-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { listApiKeys } from "@/lib/auth/api-keys";
import { requireCustomerPage } from "@/lib/auth/page";
import { requestTime } from "@/lib/clock";
import { appUrl, env } from "@/lib/env";
import { createApiKeyAction, revokeApiKeyAction } from "./actions";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const actor = await requireCustomerPage();
  const keys = await listApiKeys(actor);
  return (
    <>
      <PageHeader title="Settings" description="Access for your own systems: API keys and callbacks." />
      <SettingsTabs current="/settings" admin={actor.accountRole === "admin"} />
      <div className="mt-6 space-y-10">
        <section aria-labelledby="api-keys-heading" className="space-y-4">
          <div>
            <h2 id="api-keys-heading" className="text-lg font-semibold text-slate-900">
              API keys
            </h2>
            <p className="mt-1 max-w-3xl text-sm text-slate-600">
              A key lets a script or system use the{" "}
              <Link href="/docs/api" className="font-medium text-brand-700 underline">
                REST API
              </Link>{" "}
              as your account: create and follow porting requests, perform or cancel them, and manage company profiles. Anyone in your
              account can see and revoke these keys. Each key may make {env.API_RATE_LIMIT_PER_MINUTE} requests a minute.
            </p>
          </div>
          <ApiKeysManager
            kind="customer"
            keys={keys}
            renderedAt={requestTime()}
            apiBase={`${appUrl()}/api/v1`}
            createAction={createApiKeyAction}
            revokeAction={revokeApiKeyAction}
          />
        </section>

        <SigningSecretSection actor={actor} />
      </div>
    </>
  );
}
