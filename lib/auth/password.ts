import { hash, verify, type Algorithm, type Options } from "@node-rs/argon2";

// Password hashing for sign-in and the demo seed. No `server-only` here: the seed runs outside
// Next.js, where that import throws.

// `Algorithm` is an ambient const enum, which `isolatedModules` forbids reading at runtime;
// 2 is its Argon2id member, and the annotation makes the compiler check that it still is.
const ARGON2ID: Algorithm = 2;

// OWASP Password Storage Cheat Sheet, Argon2id option 1: 19 MiB, 2 passes, 1 lane.
const OPTIONS: Options = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 };

/** A PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`) with its own random salt. */
export function hashPassword(plain: string): Promise<string> {
  return hash(plain, OPTIONS);
}

/**
 * True when `plain` matches `hash`. The parameters come from the PHC string itself, so hashes made
 * with older settings keep working. A malformed stored hash is a wrong password, not a crash of
 * the sign-in page.
 */
export async function verifyPassword(hashed: string, plain: string): Promise<boolean> {
  try {
    return await verify(hashed, plain);
  } catch {
    return false;
  }
}
