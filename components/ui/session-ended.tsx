import Link from "next/link";
import { Notice } from "./notice";

/** The way back after a session ends: the sign-in page. */
export function SignInAgainLink() {
  return (
    <Link href="/login" className="font-medium underline">
      Sign in again
    </Link>
  );
}

/** On a live page whose poll was refused (401): it stops updating, and says how to get it back. */
export function SessionEndedNotice({ what }: { what: "list" | "page" }) {
  return (
    <Notice tone="warning" action={<SignInAgainLink />}>
      Your session has ended, so this {what} no longer updates.
    </Notice>
  );
}

/** A refused action's message under its form, with "Sign in again" when the session ended. */
export function ActionErrorAlert({ message, signIn, className = "" }: { message: string; signIn: boolean; className?: string }) {
  return (
    <div role="alert" className={`rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 ${className}`.trim()}>
      {message} {signIn ? <SignInAgainLink /> : null}
    </div>
  );
}
