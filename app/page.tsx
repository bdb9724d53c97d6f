import { redirect } from "next/navigation";
import { homeFor, requireAnyPage } from "@/lib/auth/page";

export default async function Home() {
  redirect(homeFor(await requireAnyPage()));
}
