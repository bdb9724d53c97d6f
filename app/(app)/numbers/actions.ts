"use server";

import { action } from "@/lib/auth/action";
import { setVoiceNumberGroupSchema } from "@/lib/voice-numbers/schemas";
import { setVoiceNumberGroup } from "@/lib/voice-numbers/set-voice-number-group";

// Moves one or more of the account's numbers to one of its distribution groups (or none). The verb
// refuses, all or nothing, a number or group of another account as not found.
export const setVoiceNumberGroupAction = action({ roles: ["customer"], input: setVoiceNumberGroupSchema }, (actor, input) =>
  setVoiceNumberGroup(actor, input),
);
