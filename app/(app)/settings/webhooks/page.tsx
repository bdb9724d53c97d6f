import type { Metadata } from "next";
import Link from "next/link";
import { SettingsTabs } from "@/components/accounts/settings-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { WebhooksManager } from "@/components/webhooks/webhooks-manager";
import { requireCustomerPage } from "@/lib/auth/page";
import { requestTime } from "@/lib/clock";
import { EVENT_CATALOGUE } from "@/lib/webhook-endpoints/event-catalogue";
import { listWebhookEndpoints } from "@/lib/webhook-endpoints/list-webhook-endpoints";
import { MAX_WEBHOOK_ENDPOINTS_PER_ACCOUNT } from "@/lib/webhook-endpoints/schemas";
import {
  createWebhookEndpointAction,
  deleteWebhookEndpointAction,
  resendWebhookDeliveryAction,
  rotateWebhookEndpointSecretAction,
  sendTestWebhookAction,
  updateWebhookEndpointAction,
} from "./actions";

export const metadata: Metadata = { title: "Webhooks · Settings" };

export default async function WebhooksPage() {
  const actor = await requireCustomerPage();
  const admin = actor.accountRole === "admin";
  const endpoints = await listWebhookEndpoints(actor, { limit: MAX_WEBHOOK_ENDPOINTS_PER_ACCOUNT });
  return (
    <>
      <PageHeader title="Settings" description="Your own endpoints for your account's events, each with its own signing secret." />
      <SettingsTabs current="/settings/webhooks" admin={admin} />
      <div className="mt-6 space-y-4">
        <p className="max-w-3xl text-sm text-slate-600">
          Every event of your account goes to each enabled endpoint that subscribes to it, whoever caused it and whether or not the request has
          a callback URL: signed per{" "}
          <Link href="/docs/api" className="font-medium text-brand-700 underline">
            Standard Webhooks
          </Link>{" "}
          with the endpoint&apos;s own secret, retried for about a day, and logged below.{" "}
          {admin ? null : "Only an admin of your account can add or change endpoints."}
        </p>
        <WebhooksManager
          initial={endpoints.data}
          catalogue={EVENT_CATALOGUE}
          canManage={admin}
          renderedAt={requestTime()}
          limit={MAX_WEBHOOK_ENDPOINTS_PER_ACCOUNT}
          actions={{
            create: createWebhookEndpointAction,
            update: updateWebhookEndpointAction,
            remove: deleteWebhookEndpointAction,
            rotate: rotateWebhookEndpointSecretAction,
            test: sendTestWebhookAction,
            resend: resendWebhookDeliveryAction,
          }}
        />
      </div>
    </>
  );
}
