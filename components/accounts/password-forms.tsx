"use client";

import { useState } from "react";
import { Notice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/auth/action";
import { MIN_PASSWORD_LENGTH } from "@/lib/accounts/password-length";
import { ActionForm } from "./action-form";

const NEW_PASSWORD_HINT = `At least ${MIN_PASSWORD_LENGTH} characters, not a common password. A few unrelated words work well.`;

/** Choose a password twice, through a link's token (invitation or reset); success signs in and leaves the page. */
export function SetPasswordForm({
  token,
  email,
  action,
  submitLabel,
}: {
  token: string;
  email: string;
  action: (input: { token: string; password: string; confirmPassword: string }) => Promise<ActionResult<unknown>>;
  submitLabel: string;
}) {
  return (
    <div className="space-y-4">
      {/* For password managers: the account the new password belongs to. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <ActionForm
        fields={[
          { name: "password", label: "New password", type: "password", autoComplete: "new-password", hint: NEW_PASSWORD_HINT },
          { name: "confirmPassword", label: "New password again", type: "password", autoComplete: "new-password" },
        ]}
        hidden={{ token }}
        action={(input) => action({ token, password: input.password ?? "", confirmPassword: input.confirmPassword ?? "" })}
        submitLabel={submitLabel}
        pendingLabel="Signing you in…"
        resetOnSuccess={false}
      />
    </div>
  );
}

export function ForgotPasswordForm({ action }: { action: (input: { email: string }) => Promise<ActionResult<{ email: string }>> }) {
  const [sentTo, setSentTo] = useState<string | null>(null);
  if (sentTo) {
    return (
      <div className="space-y-4">
        <div role="status">
          <Notice tone="success" title="Check your email">
            If {sentTo} has a Voice Porting sign-in, we sent it a link to choose a new password. The link works once, for an hour.
          </Notice>
        </div>
      </div>
    );
  }
  return (
    <ActionForm
      fields={[{ name: "email", label: "Email", type: "email", autoComplete: "email" }]}
      action={(input) => action({ email: input.email ?? "" })}
      submitLabel="Email me a link"
      pendingLabel="Sending…"
      onSuccess={(data) => setSentTo(data.email)}
    />
  );
}
