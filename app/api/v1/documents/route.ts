// POST /api/v1/documents — customers: upload a document (multipart `file` + `kind`) for a create or resubmit to name within 24 hours.
import { json } from "@/lib/api/json";
import { readUploadForm } from "@/lib/api/multipart";
import { route } from "@/lib/api/route";
import { uploadDocument } from "@/lib/porting/upload-document";

export const POST = route({ roles: ["customer"] }, async (request, actor) => {
  // An upload has no URL of its own: a create names it by id, and it then lives under its request.
  return json(await uploadDocument(actor, await readUploadForm(request)), { status: 201 });
});
