import "server-only";
import { notFound, redirect } from "next/navigation";
import type { Actor, CustomerActor, SupportActor } from "./actor";
import { getSessionActor } from "./session";

// For pages and layouts: not signed in → the login page; signed in with the wrong role → a
// plain 404, so a customer cannot even learn that /support exists.

export async function requireCustomerPage(): Promise<CustomerActor> {
  const actor = await getSessionActor();
  if (!actor) redirect("/login");
  if (actor.role !== "customer") notFound();
  return actor;
}

export async function requireSupportPage(): Promise<SupportActor> {
  const actor = await getSessionActor();
  if (!actor) redirect("/login");
  if (actor.role !== "support") notFound();
  return actor;
}

export async function requireAnyPage(): Promise<Actor> {
  const actor = await getSessionActor();
  if (!actor) redirect("/login");
  return actor;
}

export function homeFor(actor: Actor): string {
  return actor.role === "support" ? "/support" : "/porting-requests";
}
