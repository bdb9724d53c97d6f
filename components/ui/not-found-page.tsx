import { ButtonLink } from "./button";

/** A foreign, unknown or malformed id: the same answer for all three, so nothing leaks. */
export function NotFoundPage({
  title,
  what,
  short,
  list,
}: {
  title: string;
  /** "company profile", and "profile" where the sentence names it again. */
  what: string;
  short: string;
  list: { href: string; label: string };
}) {
  return (
    <div className="mx-auto flex max-w-md flex-col items-center gap-3 py-16 text-center">
      <p className="text-sm font-semibold text-brand-600">404</p>
      <h1 className="text-2xl font-semibold text-slate-900">{title}</h1>
      <p className="text-slate-600">
        There is no {what} at this address in your account. Check the link, or find the {short} in your list.
      </p>
      <ButtonLink href={list.href} className="mt-2">
        {list.label}
      </ButtonLink>
    </div>
  );
}
