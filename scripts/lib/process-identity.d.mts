export type ProcessIdentity = { pid: number; start: string | null; boot: string | null };
export function processIdentity(pid?: number): ProcessIdentity;
export function stillRunning(recorded: unknown): boolean;
export function parseIdentity(text: string): unknown;
