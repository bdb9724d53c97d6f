// GET /api/v1/numbers — the numbers on the account's voice platform, in number order, paged; search and group filter as on the page.
// PATCH /api/v1/numbers — move several numbers to a distribution group (or none), all or nothing.
import { expectObject, parseStrict, readJsonBody } from "@/lib/api/body";
import { json, queryOf } from "@/lib/api/json";
import { route } from "@/lib/api/route";
import { ListVoiceNumbersQuery, UpdateVoiceNumbersBody } from "@/lib/api/configuration-schemas";
import { voiceNumberJson } from "@/lib/api/serializers";
import { listVoiceNumbers } from "@/lib/voice-numbers/list-voice-numbers";
import { MAX_NUMBERS_LIMIT } from "@/lib/voice-numbers/schemas";
import { setVoiceNumberGroup } from "@/lib/voice-numbers/set-voice-number-group";

export const GET = route({ roles: ["customer"] }, async (request, actor) => {
  const query = parseStrict(ListVoiceNumbersQuery, queryOf(request));
  const filters = {
    ...(query.q ? { q: query.q } : {}),
    ...(query.distributionGroupId ? { groupId: query.distributionGroupId } : {}),
  };
  // The verb pages by at most MAX_NUMBERS_LIMIT (its page's size); the API's pages go up to 200,
  // so a larger page is read as consecutive verb pages (keyset, so nothing is skipped or repeated).
  const items = [];
  let cursor = query.cursor;
  let nextCursor: string | null = null;
  while (items.length < query.limit) {
    const page = await listVoiceNumbers(actor, {
      ...filters,
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

export const PATCH = route({ roles: ["customer"] }, async (request, actor) => {
  const body = parseStrict(UpdateVoiceNumbersBody, expectObject(await readJsonBody(request), '{ "numbers": ["+31201234567"], "distributionGroupId": "…" }'));
  const changed = await setVoiceNumberGroup(actor, { numbers: body.numbers, distributionGroupId: body.distributionGroupId });
  return json({ data: changed.map(voiceNumberJson) });
});
