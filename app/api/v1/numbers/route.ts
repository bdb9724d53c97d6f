// GET /api/v1/numbers — the numbers on the account's voice platform, in number order, paged.
import { parseStrict } from "@/lib/api/body";
import { json, queryOf } from "@/lib/api/json";
import { route } from "@/lib/api/route";
import { ListQuery } from "@/lib/api/schemas";
import { voiceNumberJson } from "@/lib/api/serializers";
import { listVoiceNumbers } from "@/lib/voice-numbers/list-voice-numbers";
import { MAX_NUMBERS_LIMIT } from "@/lib/voice-numbers/schemas";

export const GET = route({ roles: ["customer"] }, async (request, actor) => {
  const query = parseStrict(ListQuery, queryOf(request));
  // The verb pages by at most MAX_NUMBERS_LIMIT (its page's size); the API's pages go up to 200,
  // so a larger page is read as consecutive verb pages (keyset, so nothing is skipped or repeated).
  const items = [];
  let cursor = query.cursor;
  let nextCursor: string | null = null;
  while (items.length < query.limit) {
    const page = await listVoiceNumbers(actor, {
      limit: Math.min(MAX_NUMBERS_LIMIT, query.limit - items.length),
      ...(cursor ? { cursor } : {}),
    });
    items.push(...page.items);
    nextCursor = page.nextCursor;
    if (!nextCursor) break;
    cursor = nextCursor;
  }
  return json({ data: items.map(voiceNumberJson), nextCursor });
});
