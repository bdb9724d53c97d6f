// Client-safe limits for a new password (the common-password list stays on the server side of
// password-policy.ts, out of the browser's bundle).
export const MIN_PASSWORD_LENGTH = 12;
// Argon2 takes any length; the cap keeps a sign-in from hashing megabytes.
export const MAX_PASSWORD_LENGTH = 256;
