"use client";

import { useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import type { ActionResult } from "@/lib/auth/action";
import { MIN_PASSWORD_LENGTH } from "@/lib/accounts/password-length";
import { ActionForm } from "./action-form";

// Change password (current + new twice; this browser stays signed in, every other session ends)
// and "Sign out everywhere" (this browser too).

export function SecuritySection({
  changeAction,
  signOutEverywhereAction,
}: {
  changeAction: (input: { currentPassword: string; password: string; confirmPassword: string }) => Promise<ActionResult<unknown>>;
  signOutEverywhereAction: () => Promise<ActionResult<unknown>>;
}) {
  const [pending, start] = useTransition();
  return (
    <div className="space-y-10">
      <section aria-labelledby="change-password-heading" className="max-w-xl space-y-4">
        <div>
          <h2 id="change-password-heading" className="text-lg font-semibold text-slate-900">
            Change password
          </h2>
          <p className="mt-1 text-sm text-slate-600">Every other session of yours ends; this browser stays signed in.</p>
        </div>
        <ActionForm
          fields={[
            { name: "currentPassword", label: "Current password", type: "password", autoComplete: "current-password" },
            {
              name: "password",
              label: "New password",
              type: "password",
              autoComplete: "new-password",
              hint: `At least ${MIN_PASSWORD_LENGTH} characters, not a common password.`,
            },
            { name: "confirmPassword", label: "New password again", type: "password", autoComplete: "new-password" },
          ]}
          action={(input) => changeAction({ currentPassword: input.currentPassword ?? "", password: input.password ?? "", confirmPassword: input.confirmPassword ?? "" })}
          submitLabel="Change password"
          pendingLabel="Changing…"
        />
      </section>
      <section aria-labelledby="sign-out-everywhere-heading" className="max-w-xl space-y-3">
        <h2 id="sign-out-everywhere-heading" className="text-lg font-semibold text-slate-900">
          Sign out everywhere
        </h2>
        <p className="text-sm text-slate-600">Ends every session of yours, on every device, this one included. API keys keep working.</p>
        <Button variant="danger" disabled={pending} onClick={() => start(async () => void (await signOutEverywhereAction()))}>
          {pending ? (
            <>
              <Spinner /> Signing out…
            </>
          ) : (
            "Sign out everywhere"
          )}
        </Button>
      </section>
    </div>
  );
}
