// How long an upload (POST /api/v1/documents) waits for a request to name it before it is deleted.
// Its own module: the notification worker imports it under plain Node, without the database reads.
export const UPLOAD_TTL_HOURS = 24;
