export const HUNKS: readonly { name: string; original: string; patched: string }[];
