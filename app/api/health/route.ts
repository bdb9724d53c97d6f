// GET /api/health — 200 {"status":"ok"} while the process serves requests (liveness; no database call).
import { publicRoute } from "@/lib/api/route";

export const dynamic = "force-dynamic";

export const GET = publicRoute(() => Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } }), { quiet: true });
