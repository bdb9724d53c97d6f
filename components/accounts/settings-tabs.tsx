import { TabLinks } from "@/components/ui/tab-links";

/** The sections of Settings; Team and Audit log only for the account's admins (members read Webhooks, admins manage them). */
export function SettingsTabs({ current, admin }: { current: "/settings" | "/settings/webhooks" | "/settings/team" | "/settings/audit-log" | "/settings/security"; admin: boolean }) {
  const items = [
    { href: "/settings", label: "API & callbacks" },
    { href: "/settings/webhooks", label: "Webhooks" },
    ...(admin
      ? [
          { href: "/settings/team", label: "Team" },
          { href: "/settings/audit-log", label: "Audit log" },
        ]
      : []),
    { href: "/settings/security", label: "Password & sessions" },
  ];
  return <TabLinks label="Settings sections" items={items.map((item) => ({ ...item, current: item.href === current }))} />;
}

/** The sections of the support console's Settings. */
export function SupportSettingsTabs({ current }: { current: "/support/settings" | "/support/settings/security" }) {
  const items = [
    { href: "/support/settings", label: "API keys" },
    { href: "/support/settings/security", label: "Password & sessions" },
  ];
  return <TabLinks label="Settings sections" items={items.map((item) => ({ ...item, current: item.href === current }))} />;
}
