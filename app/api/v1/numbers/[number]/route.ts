// GET /api/v1/numbers/{number} — one number of the account's voice platform (any format; E.164 is safest in a URL).
// PATCH /api/v1/numbers/{number} — where its calls go: { distributionGroupId } (null for none).
import { expectObject, parseStrict, readJsonBody } from "@/lib/api/body";
import { json } from "@/lib/api/json";
import { route } from "@/lib/api/route";
import { UpdateVoiceNumberBody } from "@/lib/api/configuration-schemas";
import { voiceNumberJson } from "@/lib/api/serializers";
import { getVoiceNumber } from "@/lib/voice-numbers/get-voice-number";
import { setVoiceNumberGroup } from "@/lib/voice-numbers/set-voice-number-group";

type Params = { number: string };

export const GET = route<"customer", Params>({ roles: ["customer"] }, async (_request, actor, { number }) => {
  return json(voiceNumberJson(await getVoiceNumber(actor, number)));
});

export const PATCH = route<"customer", Params>({ roles: ["customer"] }, async (request, actor, { number }) => {
  const body = parseStrict(UpdateVoiceNumberBody, expectObject(await readJsonBody(request), '{ "distributionGroupId": "…" }'));
  // The number is checked before the body's group, so a number not on the account is a 404 whatever the body.
  const current = await getVoiceNumber(actor, number);
  const [changed] = await setVoiceNumberGroup(actor, { number: current.number, distributionGroupId: body.distributionGroupId });
  if (!changed) throw new Error("setVoiceNumberGroup returned no number");
  return json(voiceNumberJson(changed));
});
