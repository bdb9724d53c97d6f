"use client";

import { useRouter } from "next/navigation";
import type { AccountDto } from "@/lib/accounts/accounts";
import type { ActionResult } from "@/lib/auth/action";
import type { CountryCode } from "@/lib/porting/values";
import { ActionForm } from "./action-form";

/** Support creates a customer account, then lands on its page to invite the first admin. */
export function NewAccountForm({
  countries,
  action,
}: {
  countries: { code: string; name: string }[];
  action: (input: { name: string; country: CountryCode }) => Promise<ActionResult<AccountDto>>;
}) {
  const router = useRouter();
  return (
    <ActionForm
      fields={[
        { name: "name", label: "Account name", hint: "The customer's company name, as its people and our support know it.", autoComplete: "organization" },
        { name: "country", label: "Country", type: "select", defaultValue: countries[0]?.code, options: countries.map((c) => ({ value: c.code, label: c.name })) },
      ]}
      // The action's schema refuses anything but a known country, with a message on the field.
      action={(input) => action({ name: input.name ?? "", country: (input.country ?? "") as CountryCode })}
      submitLabel="Create account"
      pendingLabel="Creating…"
      resetOnSuccess={false}
      onSuccess={(account) => router.push(`/support/accounts/${account.id}?created=1`)}
    />
  );
}
