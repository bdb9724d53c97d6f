// The hostile-input corpus: bad inputs to every /api/v1 endpoint, each with the 4xx it must get and
// the field its problem must name. Plain data and a fetch runner, no database or server-only
// imports, so two runners share it:
//   - test/api/bad-inputs.test.ts calls the route handlers in-process and counts every table before
//     and after each case (nothing stored), with DNS answered by an injected resolver;
//   - `runHostileCorpus(baseUrl, apiKey)` sends the same cases over HTTP to a running app (the chaos
//     suite), and checks through the API that nothing was stored.
// Server actions get their own corpus in test/hostile/actions.test.ts (they are not reachable over
// HTTP without a page's action ids).

export type HostileBody = string | Uint8Array | { stream: string };

export type HostileRequest = {
  method: "GET" | "POST" | "PATCH" | "DELETE" | "PUT";
  /** Below /api/v1, with the query string if any. */
  path: string;
  /** Which credential goes in `Authorization: Bearer …` (default the customer's); `header` sends one as is. */
  as?: "customer" | "support" | "none" | { header: string };
  /** Sent as JSON with Content-Type: application/json (unless `headers` say otherwise). */
  json?: unknown;
  body?: HostileBody;
  headers?: Record<string, string>;
};

/** What a case needs to exist before it runs; a runner without it skips the case and says so. */
export type Need =
  | "support" // a support key
  | "inProgress" // an NL request in progress (made with the support key)
  | "ready" // an NL request ready to be ported
  | "voiceNumber" // a number on a voice account
  | "resolver" // DNS answered by the injected resolver (RESOLVER below), never the network
  | "secureCallbacks"; // the app refuses loopback callbacks (ALLOW_INSECURE_CALLBACKS off)

export type HostileContext = {
  nl: string; // a complete NL profile of the caller's account
  nlName: string; // its name
  de: string; // a complete DE profile
  incomplete: string; // an NL profile without KvK number
  openRequest: string; // a request of the account in Requested
  openNumber: string; // its number
  foreignProfile: string; // another account's profile (over HTTP: an unknown id, which must look the same)
  foreignGroup: string;
  foreignRequest: string;
  voiceNumber?: string;
  inProgress?: string;
  ready?: string;
};

export type HostileCase = {
  name: string;
  status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422;
  /** A field the problem's `errors` must name (422). "" is the whole input. */
  field?: string;
  needs?: Need[];
  send: (ctx: HostileContext) => HostileRequest;
};

// ---- building blocks -------------------------------------------------------------------------

let counter = 0;
/** A fresh Dutch geographic number (Amsterdam, 020), E.164, unlikely to be used by anything else. */
export function freshNumber(country: "NL" | "DE" = "NL"): string {
  counter = (counter + 1) % 1_000;
  const tail = String(Math.floor(Math.random() * 10_000)).padStart(4, "0") + String(counter).padStart(3, "0");
  return country === "NL" ? `+3120${2 + Math.floor(Math.random() * 8)}${tail.slice(1)}` : `+4930${2 + Math.floor(Math.random() * 8)}${tail}`;
}

const idem = () => ({ "idempotency-key": `hostile-${Math.random().toString(36).slice(2)}-${Date.now()}` });

export const nlBody = (ctx: HostileContext, overrides: Record<string, unknown> = {}) => ({
  country: "NL",
  numberType: "geographic",
  companyProfileId: ctx.nl,
  phoneNumbers: [freshNumber()],
  currentProvider: "KPN",
  ...overrides,
});

const deBody = (ctx: HostileContext, overrides: Record<string, unknown> = {}) => ({
  country: "DE",
  numberType: "geographic",
  companyProfileId: ctx.de,
  phoneNumbers: [freshNumber("DE")],
  currentProvider: "Deutsche Telekom",
  ...overrides,
});

const create = (json: (ctx: HostileContext) => unknown) => (ctx: HostileContext): HostileRequest => ({
  method: "POST",
  path: "/porting-requests",
  json: json(ctx),
  headers: idem(),
});

const raw = (body: HostileBody, headers: Record<string, string>) => (): HostileRequest => ({
  method: "POST",
  path: "/porting-requests",
  body,
  headers: { ...idem(), ...headers },
});

const callback = (url: string) => create((c) => nlBody(c, { callbackUrl: url }));

export const profileBody = (overrides: Record<string, unknown> = {}) => ({
  name: `Hostile ${Math.random().toString(36).slice(2, 8)}`,
  companyName: "Acme B.V.",
  registrationNumber: "12345678",
  representativeFirstName: "Anna",
  representativeLastName: "de Vries",
  street: "Herengracht 1",
  postalCode: "1015 BA",
  city: "Amsterdam",
  addressCountry: "NL",
  country: "NL",
  numberTypes: ["geographic"],
  notificationEmails: ["porting@acme.test"],
  ...overrides,
});

const newProfile = (overrides: Record<string, unknown>) => (): HostileRequest => ({ method: "POST", path: "/company-profiles", json: profileBody(overrides) });

const tomorrowAt = (hour: number) => {
  const d = new Date(Date.now() + 2 * 24 * 3600 * 1000);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
};

const transition = (target: (c: HostileContext) => string | undefined, json: unknown, as: HostileRequest["as"] = "support") => (c: HostileContext): HostileRequest => ({
  method: "POST",
  path: `/porting-requests/${target(c)}/transitions`,
  json,
  as,
});

/**
 * The injected resolver's answers (the in-process runner installs it in place of the system
 * resolver): host names that resolve to internal addresses. Any other name does not resolve.
 */
export const RESOLVER: Record<string, string[]> = {
  "hooks.internal-corp.com": ["10.20.30.40"],
  "metadata.attacker.com": ["169.254.169.254"],
  "mixed.attacker.com": ["93.184.216.34", "192.168.1.10"],
  "mapped.attacker.com": ["::ffff:10.0.0.1"],
  "ula.attacker.com": ["2606:4700::1", "fd12:3456::1"],
  "nat64.attacker.com": ["64:ff9b::a00:1"],
  "zero.attacker.com": ["0.0.0.0"],
  "localtest.me": ["127.0.0.1"],
  "loopback6.attacker.com": ["::1"],
};

// ---- the corpus ------------------------------------------------------------------------------

export const HOSTILE_CASES: HostileCase[] = [
  // ---- phone numbers
  { name: "a number that is not a number", status: 422, field: "phoneNumbers.0", send: create((c) => nlBody(c, { phoneNumbers: ["call me"] })) },
  { name: "a mobile number in a geographic request", status: 422, field: "phoneNumbers.0", send: create((c) => nlBody(c, { phoneNumbers: ["+31 6 12345678"] })) },
  { name: "a German number in a Dutch request", status: 422, field: "phoneNumbers.0", send: create((c) => nlBody(c, { phoneNumbers: ["+49 30 12345670"] })) },
  { name: "the same number twice", status: 422, field: "phoneNumbers.1", send: create((c) => { const n = freshNumber(); return nlBody(c, { phoneNumbers: [n, `0${n.slice(3)}`] }); }) },
  { name: "a number too long", status: 422, field: "phoneNumbers.0", send: create((c) => nlBody(c, { phoneNumbers: ["+31 20 123 4567 8901"] })) },
  { name: "a number with an extension", status: 422, field: "phoneNumbers.0", send: create((c) => nlBody(c, { phoneNumbers: ["+31 20 123 4567 ext. 12"] })) },
  { name: "an empty number", status: 422, field: "phoneNumbers.0", send: create((c) => nlBody(c, { phoneNumbers: ["  "] })) },
  { name: "no numbers", status: 422, field: "phoneNumbers", send: create((c) => nlBody(c, { phoneNumbers: [] })) },
  { name: "numbers as one string", status: 422, field: "phoneNumbers", send: create((c) => nlBody(c, { phoneNumbers: "0201234567" })) },
  { name: "a number as a JSON number", status: 422, field: "phoneNumbers.0", send: create((c) => nlBody(c, { phoneNumbers: [31201234567] })) },
  { name: "501 numbers", status: 422, field: "phoneNumbers", send: create((c) => nlBody(c, { phoneNumbers: Array.from({ length: 501 }, () => freshNumber()) })) },
  { name: "a number already in an open request", status: 422, field: "phoneNumbers.0", send: create((c) => nlBody(c, { phoneNumbers: [c.openNumber] })) },
  { name: "a number already on a voice account", status: 422, field: "phoneNumbers.0", needs: ["voiceNumber"], send: create((c) => nlBody(c, { phoneNumbers: [c.voiceNumber] })) },
  { name: "every bad number named at once", status: 422, field: "phoneNumbers.2", send: create((c) => nlBody(c, { phoneNumbers: ["x", freshNumber(), "+31 6 12345678"] })) },
  { name: "a number with a NUL byte", status: 422, field: "phoneNumbers.0", send: create((c) => nlBody(c, { phoneNumbers: ["+31 20 123\u0000 4567"] })) },
  { name: "a number of 10 000 characters", status: 422, field: "phoneNumbers.0", send: create((c) => nlBody(c, { phoneNumbers: ["1".repeat(10_000)] })) },
  { name: "a number as an object", status: 422, field: "phoneNumbers.0", send: create((c) => nlBody(c, { phoneNumbers: [{ number: "+31201234567" }] })) },
  { name: "a number that is null", status: 422, field: "phoneNumbers.0", send: create((c) => nlBody(c, { phoneNumbers: [null] })) },
  { name: "a premium-rate number in a geographic request", status: 422, field: "phoneNumbers.0", send: create((c) => nlBody(c, { phoneNumbers: ["0900 123 4567"] })) },
  { name: "a SQL fragment as a number", status: 422, field: "phoneNumbers.0", send: create((c) => nlBody(c, { phoneNumbers: ["'; drop table porting_requests; --"] })) },
  // ---- dates
  { name: "a preferred date in the Netherlands", status: 422, field: "preferredPortingDate", send: create((c) => nlBody(c, { preferredPortingDate: tomorrowAt(10) })) },
  { name: "a preferred date outside 06:00–20:00 UTC", status: 422, field: "preferredPortingDate", send: create((c) => deBody(c, { preferredPortingDate: tomorrowAt(22) })) },
  { name: "a preferred date in the past", status: 422, field: "preferredPortingDate", send: create((c) => deBody(c, { preferredPortingDate: "2020-05-14T09:00:00Z" })) },
  { name: "a preferred date not in ISO 8601", status: 422, field: "preferredPortingDate", send: create((c) => deBody(c, { preferredPortingDate: "14-05-2030 09:00" })) },
  { name: "a preferred date without a time", status: 422, field: "preferredPortingDate", send: create((c) => deBody(c, { preferredPortingDate: "2030-05-14" })) },
  { name: "Feb 30th", status: 422, field: "preferredPortingDate", send: create((c) => deBody(c, { preferredPortingDate: "2030-02-30T09:00:00Z" })) },
  { name: "a leap second", status: 422, field: "preferredPortingDate", send: create((c) => deBody(c, { preferredPortingDate: "2030-06-30T23:59:60Z" })) },
  { name: "a date in the year 275760", status: 422, field: "preferredPortingDate", send: create((c) => deBody(c, { preferredPortingDate: "+275760-09-13T09:00:00Z" })) },
  { name: "a date as epoch milliseconds", status: 422, field: "preferredPortingDate", send: create((c) => deBody(c, { preferredPortingDate: 1_900_000_000_000 })) },
  { name: "a date with hour 25", status: 422, field: "preferredPortingDate", send: create((c) => deBody(c, { preferredPortingDate: "2030-05-14T25:00:00Z" })) },
  { name: "a date with full-width digits", status: 422, field: "preferredPortingDate", send: create((c) => deBody(c, { preferredPortingDate: "２０３０-05-14T09:00:00Z" })) },
  // ---- request fields: types, sizes, unicode
  { name: "a country we do not port from", status: 422, field: "country", send: create((c) => nlBody(c, { country: "US" })) },
  { name: "a country in lower case with a Turkish dotless i", status: 422, field: "country", send: create((c) => nlBody(c, { country: "nı" })) },
  { name: "an unknown number type", status: 422, field: "numberType", send: create((c) => nlBody(c, { numberType: "fax" })) },
  { name: "mobile numbers (not portable to voice)", status: 422, field: "numberType", send: create((c) => nlBody(c, { numberType: "mobile", phoneNumbers: ["+31 6 12345678"] })) },
  { name: "a profile id that is not a UUID", status: 422, field: "companyProfileId", send: create((c) => nlBody(c, { companyProfileId: "head-office" })) },
  { name: "a profile id with a SQL fragment", status: 422, field: "companyProfileId", send: create((c) => nlBody(c, { companyProfileId: "' OR '1'='1" })) },
  { name: "a profile id that is the nil UUID", status: 422, field: "companyProfileId", send: create((c) => nlBody(c, { companyProfileId: "00000000-0000-0000-0000-000000000000" })) },
  { name: "another account's profile", status: 422, field: "companyProfileId", send: create((c) => nlBody(c, { companyProfileId: c.foreignProfile })) },
  { name: "a profile that misses the KvK number", status: 422, field: "companyProfileId", send: create((c) => nlBody(c, { companyProfileId: c.incomplete })) },
  { name: "a German profile for a Dutch request", status: 422, field: "companyProfileId", send: create((c) => nlBody(c, { companyProfileId: c.de })) },
  { name: "another account's distribution group", status: 422, field: "distributionGroupId", send: create((c) => nlBody(c, { distributionGroupId: c.foreignGroup })) },
  { name: "a distribution group id that is a number", status: 422, field: "distributionGroupId", send: create((c) => nlBody(c, { distributionGroupId: 7 })) },
  { name: "a comment over 2000 characters", status: 422, field: "comment", send: create((c) => nlBody(c, { comment: "x".repeat(2001) })) },
  { name: "a comment of 2000 emoji (4000 UTF-16 units)", status: 422, field: "comment", send: create((c) => nlBody(c, { comment: "📞".repeat(2001) })) },
  { name: "a comment with a NUL byte", status: 422, field: "comment", send: create((c) => nlBody(c, { comment: "Main lines\u0000 and fax" })) },
  { name: "a current provider with a NUL byte", status: 422, field: "currentProvider", send: create((c) => nlBody(c, { currentProvider: "KPN\u0000" })) },
  { name: "a current provider of only zero-width spaces", status: 422, field: "currentProvider", send: create((c) => nlBody(c, { currentProvider: "\u200b\u200b\u200b" })) },
  { name: "a current provider of 100 000 characters", status: 422, field: "currentProvider", send: create((c) => nlBody(c, { currentProvider: "K".repeat(100_000) })) },
  { name: "a current provider as an array", status: 422, field: "currentProvider", send: create((c) => nlBody(c, { currentProvider: ["KPN"] })) },
  { name: "no current provider", status: 422, field: "currentProvider", send: create((c) => { const { currentProvider: _drop, ...rest } = nlBody(c); return rest; }) },
  { name: "a contract scenario outside NL", status: 422, field: "contractScenario", send: create((c) => deBody(c, { contractScenario: "early_termination" })) },
  { name: "an unknown contract scenario", status: 422, field: "contractScenario", send: create((c) => nlBody(c, { contractScenario: "asap" })) },
  // ---- callback URLs: every internal spelling, and URLs that can never be delivered
  { name: "a callback URL that is not http(s)", status: 422, field: "callbackUrl", send: callback("ftp://example.com/hook") },
  { name: "a file: callback URL", status: 422, field: "callbackUrl", send: callback("file:///etc/passwd") },
  { name: "a javascript: callback URL", status: 422, field: "callbackUrl", send: callback("javascript:alert(1)") },
  { name: "a gopher: callback URL", status: 422, field: "callbackUrl", send: callback("gopher://hooks.example.com:25/_HELO") },
  { name: "a callback URL that is no URL", status: 422, field: "callbackUrl", send: callback("hooks dot example dot com") },
  { name: "a callback URL with credentials", status: 422, field: "callbackUrl", send: callback("https://user:secret@hooks.example.com/x") },
  { name: "a callback URL over 2000 characters", status: 422, field: "callbackUrl", send: callback(`https://hooks.example.com/${"a".repeat(2001)}`) },
  { name: "a callback URL as a number", status: 422, field: "callbackUrl", send: create((c) => nlBody(c, { callbackUrl: 42 })) },
  { name: "a callback URL on a private address", status: 422, field: "callbackUrl", send: callback("https://10.1.2.3/hook") },
  { name: "a callback URL to cloud metadata", status: 422, field: "callbackUrl", send: callback("https://169.254.169.254/latest") },
  { name: "cloud metadata as one decimal number", status: 422, field: "callbackUrl", send: callback("https://2852039166/latest") },
  { name: "cloud metadata in hex", status: 422, field: "callbackUrl", send: callback("https://0xa9fea9fe/latest") },
  { name: "cloud metadata in octal", status: 422, field: "callbackUrl", send: callback("https://0251.0376.0251.0376/latest") },
  { name: "a private address as one decimal number", status: 422, field: "callbackUrl", send: callback("https://167772161/hook") },
  { name: "a private address in dotted hex", status: 422, field: "callbackUrl", send: callback("https://0xa.0x0.0x0.0x1/hook") },
  { name: "a private address in octal", status: 422, field: "callbackUrl", send: callback("https://012.0.0.1/hook") },
  { name: "a private address in short form (10.1)", status: 422, field: "callbackUrl", send: callback("https://10.1/hook") },
  { name: "192.168.1.1 with a trailing dot", status: 422, field: "callbackUrl", send: callback("https://192.168.1.1./hook") },
  { name: "the unspecified address 0", status: 422, field: "callbackUrl", send: callback("https://0/hook") },
  { name: "the unspecified address 0.0.0.0", status: 422, field: "callbackUrl", send: callback("https://0.0.0.0:8443/hook") },
  { name: "carrier-grade NAT", status: 422, field: "callbackUrl", send: callback("https://100.64.0.1/hook") },
  { name: "IPv6 unspecified [::]", status: 422, field: "callbackUrl", send: callback("https://[::]/hook") },
  { name: "IPv4-mapped IPv6 of loopback", status: 422, field: "callbackUrl", send: callback("https://[::ffff:127.0.0.1]/hook") },
  { name: "IPv4-mapped IPv6 of a private address, in hex", status: 422, field: "callbackUrl", send: callback("https://[::ffff:a00:1]/hook") },
  { name: "IPv4-mapped IPv6 of cloud metadata, written out", status: 422, field: "callbackUrl", send: callback("https://[0:0:0:0:0:ffff:169.254.169.254]/latest") },
  { name: "IPv4-compatible IPv6 [::10.0.0.1]", status: 422, field: "callbackUrl", send: callback("https://[::10.0.0.1]/hook") },
  { name: "NAT64 of a private address", status: 422, field: "callbackUrl", send: callback("https://[64:ff9b::a00:1]/hook") },
  { name: "6to4 of a private address", status: 422, field: "callbackUrl", send: callback("https://[2002:a00:1::1]/hook") },
  { name: "IPv6 unique-local", status: 422, field: "callbackUrl", send: callback("https://[fd00::1]/hook") },
  { name: "IPv6 link-local with a zone", status: 422, field: "callbackUrl", send: callback("https://[fe80::1%25eth0]/hook") },
  { name: "a single-label host (intranet)", status: 422, field: "callbackUrl", send: callback("https://intranet/hook") },
  { name: "a .internal name", status: 422, field: "callbackUrl", send: callback("https://metadata.google.internal/computeMetadata/v1/") },
  { name: "a .local name", status: 422, field: "callbackUrl", send: callback("https://printer.local/hook") },
  { name: "a .home.arpa name", status: 422, field: "callbackUrl", send: callback("https://router.home.arpa/hook") },
  { name: "a reverse-DNS .arpa name", status: 422, field: "callbackUrl", send: callback("https://1.0.0.127.in-addr.arpa/hook") },
  { name: "loopback 127.0.0.1", status: 422, field: "callbackUrl", needs: ["secureCallbacks"], send: callback("https://127.0.0.1/hook") },
  { name: "loopback as one decimal number", status: 422, field: "callbackUrl", needs: ["secureCallbacks"], send: callback("https://2130706433/hook") },
  { name: "loopback in hex", status: 422, field: "callbackUrl", needs: ["secureCallbacks"], send: callback("https://0x7f000001/hook") },
  { name: "loopback in octal", status: 422, field: "callbackUrl", needs: ["secureCallbacks"], send: callback("https://017700000001/hook") },
  { name: "loopback in short form (127.1)", status: 422, field: "callbackUrl", needs: ["secureCallbacks"], send: callback("https://127.1/hook") },
  { name: "loopback elsewhere in 127/8", status: 422, field: "callbackUrl", needs: ["secureCallbacks"], send: callback("https://127.255.0.9/hook") },
  { name: "IPv6 loopback [::1]", status: 422, field: "callbackUrl", needs: ["secureCallbacks"], send: callback("https://[::1]/hook") },
  { name: "localhost", status: 422, field: "callbackUrl", needs: ["secureCallbacks"], send: callback("https://localhost/hook") },
  { name: "LOCALHOST. (upper case, trailing dot)", status: 422, field: "callbackUrl", needs: ["secureCallbacks"], send: callback("https://LOCALHOST./hook") },
  { name: "a subdomain of localhost", status: 422, field: "callbackUrl", needs: ["secureCallbacks"], send: callback("https://api.localhost/hook") },
  { name: "plain http", status: 422, field: "callbackUrl", needs: ["secureCallbacks"], send: callback("http://hooks.example.com/hook") },
  { name: "a name that resolves to a private address", status: 422, field: "callbackUrl", needs: ["resolver"], send: callback("https://hooks.internal-corp.com/hook") },
  { name: "a name that resolves to cloud metadata", status: 422, field: "callbackUrl", needs: ["resolver"], send: callback("https://metadata.attacker.com/latest") },
  { name: "a name with one public and one private address", status: 422, field: "callbackUrl", needs: ["resolver"], send: callback("https://mixed.attacker.com/hook") },
  { name: "a name that resolves to an IPv4-mapped private address", status: 422, field: "callbackUrl", needs: ["resolver"], send: callback("https://mapped.attacker.com/hook") },
  { name: "a name with a unique-local IPv6 address", status: 422, field: "callbackUrl", needs: ["resolver"], send: callback("https://ula.attacker.com/hook") },
  { name: "a name that resolves to NAT64 of a private address", status: 422, field: "callbackUrl", needs: ["resolver"], send: callback("https://nat64.attacker.com/hook") },
  { name: "a name that resolves to 0.0.0.0", status: 422, field: "callbackUrl", needs: ["resolver"], send: callback("https://zero.attacker.com/hook") },
  { name: "a name that resolves to loopback (localtest.me)", status: 422, field: "callbackUrl", needs: ["resolver", "secureCallbacks"], send: callback("https://localtest.me/hook") },
  { name: "a name that resolves to IPv6 loopback", status: 422, field: "callbackUrl", needs: ["resolver", "secureCallbacks"], send: callback("https://loopback6.attacker.com/hook") },
  { name: "a reserved .invalid name (never resolves)", status: 422, field: "callbackUrl", send: callback("https://hooks.example.invalid/hook") },
  { name: "a reserved .test name (never resolves)", status: 422, field: "callbackUrl", send: callback("https://hooks.acme.test/hook") },
  { name: "a reserved .example name (never resolves)", status: 422, field: "callbackUrl", send: callback("https://hooks.acme.example/hook") },
  { name: "an .onion name (unreachable)", status: 422, field: "callbackUrl", send: callback("https://expyuzz4wqqyqhjn.onion/hook") },
  { name: "port 0 (nothing listens there)", status: 422, field: "callbackUrl", send: callback("https://hooks.example.com:0/hook") },
  { name: "a host name with an empty label", status: 422, field: "callbackUrl", send: callback("https://hooks..example.com/hook") },
  { name: "a host label over 63 characters", status: 422, field: "callbackUrl", send: callback(`https://${"a".repeat(64)}.example.com/hook`) },
  // ---- JSON shapes and unknown fields
  { name: "an unknown field", status: 422, field: "colour", send: create((c) => nlBody(c, { colour: "blue" })) },
  { name: "a snake_case field", status: 422, field: "phone_numbers", send: create((c) => nlBody(c, { phone_numbers: ["0201234567"] })) },
  { name: "an account id in the body", status: 422, field: "accountId", send: create((c) => nlBody(c, { accountId: c.foreignProfile })) },
  { name: "a status in the body", status: 422, field: "status", send: create((c) => nlBody(c, { status: "completed" })) },
  { name: "a __proto__ key", status: 422, field: "__proto__", send: (c) => ({ ...raw(JSON.stringify(nlBody(c)).replace(/^\{/, '{"__proto__":{"role":"support"},'), { "content-type": "application/json" })() }) },
  { name: "a constructor.prototype key", status: 422, field: "constructor", send: create((c) => nlBody(c, { constructor: { prototype: { admin: true } } })) },
  { name: "a JSON array", status: 422, field: "", send: create((c) => [nlBody(c)]) },
  { name: "a JSON string", status: 422, field: "", send: create(() => "NL") },
  { name: "JSON null", status: 422, field: "", send: create(() => null) },
  { name: "country as a number", status: 422, field: "country", send: create((c) => nlBody(c, { country: 31 })) },
  { name: "a field name 10 000 characters long", status: 422, field: "x".repeat(10_000), send: create((c) => nlBody(c, { ["x".repeat(10_000)]: 1 })) },
  // ---- bytes, sizes, encodings and content types
  { name: "malformed JSON", status: 400, send: raw('{"country": "NL",', { "content-type": "application/json" }) },
  { name: "an empty body", status: 400, send: raw("", { "content-type": "application/json" }) },
  { name: "bytes that are not UTF-8", status: 400, send: raw(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), { "content-type": "application/json" }) },
  { name: "UTF-16 JSON", status: 400, send: raw(new Uint8Array(Buffer.from('\ufeff{"country":"NL"}', "utf16le")), { "content-type": "application/json; charset=utf-16" }) },
  { name: "JSON nested 10 000 levels deep", status: 422, field: "", send: raw(`${"[".repeat(10_000)}${"]".repeat(10_000)}`, { "content-type": "application/json" }) },
  { name: "JSON with a trailing comma", status: 400, send: raw('{"country":"NL",}', { "content-type": "application/json" }) },
  { name: "JSON with a comment", status: 400, send: raw('{"country":"NL" /* hi */}', { "content-type": "application/json" }) },
  { name: "a body over 1 MB", status: 413, send: raw(JSON.stringify({ comment: "x".repeat(1_100_000) }), { "content-type": "application/json" }) },
  { name: "a streamed body over 1 MB (no Content-Length)", status: 413, send: raw({ stream: "[" + "1,".repeat(600_000) + "1]" }, { "content-type": "application/json" }) },
  { name: "text/plain", status: 415, send: raw('{"country":"NL"}', { "content-type": "text/plain" }) },
  { name: "no content type", status: 415, send: raw('{"country":"NL"}', {}) },
  { name: "a form post", status: 415, send: raw("country=NL", { "content-type": "application/x-www-form-urlencoded" }) },
  { name: "multipart form data", status: 415, send: raw('--x\r\nContent-Disposition: form-data; name="country"\r\n\r\nNL\r\n--x--\r\n', { "content-type": "multipart/form-data; boundary=x" }) },
  { name: "XML", status: 415, send: raw('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>', { "content-type": "application/xml" }) },
  // ---- credentials
  { name: "no API key on a write", status: 401, send: (c) => ({ ...create((x) => nlBody(x))(c), as: "none" }) },
  { name: "a key that is not a key", status: 401, send: (c) => ({ ...create((x) => nlBody(x))(c), as: { header: "Bearer not-a-key" } }) },
  { name: "a well-formed key that does not exist", status: 401, send: (c) => ({ ...create((x) => nlBody(x))(c), as: { header: `Bearer vp_00000000_${"A".repeat(43)}` } }) },
  { name: "Basic instead of Bearer", status: 401, send: (c) => ({ ...create((x) => nlBody(x))(c), as: { header: "Basic YW5uYTpwb3J0aW5nLWRlbW8=" } }) },
  { name: "a key with a NUL byte", status: 401, send: () => ({ method: "GET", path: "/company-profiles", as: { header: `Bearer vp_00000000_${"A".repeat(20)}%00${"A".repeat(20)}` } }) },
  { name: "a support key creating a request (customers only)", status: 403, needs: ["support"], send: (c) => ({ ...create((x) => nlBody(x))(c), as: "support" }) },
  // ---- ids and query strings
  { name: "a request id that is not a UUID", status: 404, send: () => ({ method: "GET", path: "/porting-requests/PR-000001" }) },
  { name: "a request id with a SQL fragment", status: 404, send: () => ({ method: "GET", path: `/porting-requests/${encodeURIComponent("1' OR '1'='1")}` }) },
  { name: "a request id of 10 000 characters", status: 404, send: () => ({ method: "GET", path: `/porting-requests/${"a".repeat(10_000)}` }) },
  { name: "a request id in upper-case Unicode lookalikes", status: 404, send: () => ({ method: "GET", path: `/porting-requests/${encodeURIComponent("３f1e9a52-7c4b-4d8e-9a61-0b2c3d4e5f60")}` }) },
  { name: "another account's request", status: 404, send: (c) => ({ method: "GET", path: `/porting-requests/${c.foreignRequest}` }) },
  { name: "another account's request's notifications", status: 404, send: (c) => ({ method: "GET", path: `/porting-requests/${c.foreignRequest}/notifications` }) },
  { name: "cancelling another account's request", status: 404, send: (c) => ({ method: "POST", path: `/porting-requests/${c.foreignRequest}/cancel`, json: {} }) },
  { name: "a document id that is not a UUID", status: 404, send: (c) => ({ method: "GET", path: `/porting-requests/${c.openRequest}/documents/..%2F..%2Fetc%2Fpasswd` }) },
  { name: "another account's profile by id", status: 404, send: (c) => ({ method: "GET", path: `/company-profiles/${c.foreignProfile}` }) },
  { name: "patching another account's profile", status: 404, send: (c) => ({ method: "PATCH", path: `/company-profiles/${c.foreignProfile}`, json: { city: "Utrecht" } }) },
  { name: "deleting another account's profile", status: 404, send: (c) => ({ method: "DELETE", path: `/company-profiles/${c.foreignProfile}` }) },
  { name: "deleting a profile a request uses", status: 409, send: (c) => ({ method: "DELETE", path: `/company-profiles/${c.nl}` }) },
  { name: "a limit of 0", status: 422, field: "limit", send: () => ({ method: "GET", path: "/porting-requests?limit=0" }) },
  { name: "a limit of a billion", status: 422, field: "limit", send: () => ({ method: "GET", path: "/porting-requests?limit=1000000000" }) },
  { name: "a limit that is not a number", status: 422, field: "limit", send: () => ({ method: "GET", path: "/company-profiles?limit=ten" }) },
  { name: "a cursor that is not one", status: 422, field: "cursor", send: () => ({ method: "GET", path: "/numbers?cursor=%00%00garbage" }) },
  { name: "an unknown status filter", status: 422, field: "status", send: () => ({ method: "GET", path: "/porting-requests?status=done" }) },
  { name: "an unknown query parameter", status: 422, field: "account", send: () => ({ method: "GET", path: "/porting-requests?account=00000000-0000-4000-8000-000000000000" }) },
  { name: "requirements of a country that is not one", status: 404, send: () => ({ method: "GET", path: "/countries/X%27/requirements" }) },
  // ---- company profiles
  { name: "a KvK number of 3 digits", status: 422, field: "registrationNumber", send: newProfile({ registrationNumber: "123" }) },
  { name: "an email that is not one", status: 422, field: "notificationEmails.0", send: newProfile({ notificationEmails: ["porting(at)acme"] }) },
  { name: "an email with a newline (header injection)", status: 422, field: "notificationEmails.0", send: newProfile({ notificationEmails: ["porting@acme.test\r\nBcc: all@evil.example"] }) },
  { name: "no notification email", status: 422, field: "notificationEmails", send: newProfile({ notificationEmails: [] }) },
  { name: "a Dutch postal code in the wrong format", status: 422, field: "postalCode", send: newProfile({ postalCode: "ABCD 12" }) },
  { name: "no number types", status: 422, field: "numberTypes", send: newProfile({ numberTypes: [] }) },
  { name: "an address country that does not exist", status: 422, field: "addressCountry", send: newProfile({ addressCountry: "XX" }) },
  { name: "a representative phone that is not one", status: 422, field: "representativePhone", send: newProfile({ representativePhone: "12" }) },
  { name: "a profile name already taken", status: 422, field: "name", send: (c) => ({ method: "POST", path: "/company-profiles", json: profileBody({ name: c.nlName }) }) },
  { name: "a profile name of 10 000 characters", status: 422, field: "name", send: newProfile({ name: "N".repeat(10_000) }) },
  { name: "a company name with a NUL byte", status: 422, field: "companyName", send: newProfile({ companyName: "Acme\u0000 B.V." }) },
  { name: "an unknown profile field", status: 422, field: "kvk", send: newProfile({ kvk: "12345678" }) },
  { name: "a patch that moves the profile to Germany (KvK no longer fits)", status: 422, field: "registrationNumber", send: (c) => ({ method: "PATCH", path: `/company-profiles/${c.nl}`, json: { country: "DE" } }) },
  { name: "a patch with an unknown field", status: 422, field: "town", send: (c) => ({ method: "PATCH", path: `/company-profiles/${c.nl}`, json: { town: "Utrecht" } }) },
  { name: "a patch that empties the name", status: 422, field: "name", send: (c) => ({ method: "PATCH", path: `/company-profiles/${c.nl}`, json: { name: " " } }) },
  { name: "a patch that sets the name to null", status: 422, field: "name", send: (c) => ({ method: "PATCH", path: `/company-profiles/${c.nl}`, json: { name: null } }) },
  { name: "a patch that is an array", status: 422, field: "", send: (c) => ({ method: "PATCH", path: `/company-profiles/${c.nl}`, json: [{ city: "Utrecht" }] }) },
  // ---- status changes
  { name: "a delay without the first possible date", status: 422, field: "firstPossiblePortingDate", needs: ["inProgress"], send: transition((c) => c.inProgress, { to: "delayed", reason: "Later." }) },
  { name: "a delay to a date in the past", status: 422, field: "firstPossiblePortingDate", needs: ["inProgress"], send: transition((c) => c.inProgress, { to: "delayed", reason: "Later.", firstPossiblePortingDate: "2020-01-01" }) },
  { name: "a first possible date that is not YYYY-MM-DD", status: 422, field: "firstPossiblePortingDate", needs: ["inProgress"], send: transition((c) => c.inProgress, { to: "delayed", reason: "Later.", firstPossiblePortingDate: "14/12/2030" }) },
  { name: "a first possible date of Feb 30th", status: 422, field: "firstPossiblePortingDate", needs: ["inProgress"], send: transition((c) => c.inProgress, { to: "delayed", reason: "Later.", firstPossiblePortingDate: "2030-02-30" }) },
  { name: "an unknown target status", status: 422, field: "to", needs: ["inProgress"], send: transition((c) => c.inProgress, { to: "done", reason: "x" }) },
  { name: "a reason of only whitespace", status: 422, field: "reason", needs: ["inProgress"], send: transition((c) => c.inProgress, { to: "blocked", reason: " \n\t " }) },
  { name: "a reason with a NUL byte", status: 422, field: "reason", needs: ["inProgress"], send: transition((c) => c.inProgress, { to: "blocked", reason: "Rejected\u0000" }) },
  { name: "support cancelling (a customer action)", status: 403, needs: ["inProgress"], send: transition((c) => c.inProgress, { to: "cancelled", reason: "x" }) },
  { name: "a customer key on the support transitions", status: 403, send: transition((c) => c.openRequest, { to: "in_progress", reason: "Self-service" }, "customer") },
  { name: "a transition the table does not allow now", status: 409, needs: ["inProgress"], send: transition((c) => c.inProgress, { to: "completed", reason: "x" }) },
  { name: "a transition of an unknown request", status: 404, needs: ["support"], send: transition(() => "3f1e9a52-7c4b-4d8e-9a61-0b2c3d4e5f60", { to: "in_progress", reason: "x" }) },
  { name: "a reason that is not text", status: 422, field: "reason", needs: ["ready"], send: (c) => ({ method: "POST", path: `/porting-requests/${c.ready}/perform`, json: { reason: ["x"] } }) },
  { name: "a reason over 1000 characters", status: 422, field: "reason", needs: ["ready"], send: (c) => ({ method: "POST", path: `/porting-requests/${c.ready}/cancel`, json: { reason: "x".repeat(1001) } }) },
  { name: "perform with an unknown field", status: 422, field: "force", needs: ["ready"], send: (c) => ({ method: "POST", path: `/porting-requests/${c.ready}/perform`, json: { force: true } }) },
  { name: "perform of a request still Requested", status: 409, send: (c) => ({ method: "POST", path: `/porting-requests/${c.openRequest}/perform` }) },
  { name: "cancel with a body of the wrong type", status: 415, needs: ["ready"], send: (c) => ({ method: "POST", path: `/porting-requests/${c.ready}/cancel`, body: "reason=later", headers: { "content-type": "application/x-www-form-urlencoded" } }) },
];

// ---- the HTTP runner -------------------------------------------------------------------------

export type HostileFailure = { name: string; problem: string };
export type HostileResult = { total: number; passed: number; skipped: string[]; failures: HostileFailure[] };

export type HostileHttpOptions = {
  /** A support key: enables the status-change cases (and the context they need). */
  supportKey?: string;
  /** Say true when the app runs without ALLOW_INSECURE_CALLBACKS: the loopback spellings are then refused too. */
  secureCallbacks?: boolean;
  /** Per-request timeout; default 30 s. */
  timeoutMs?: number;
};

function encodeBody(body: HostileBody): BodyInit {
  if (typeof body === "string") return body;
  if (body instanceof Uint8Array) return new Blob([body as Uint8Array<ArrayBuffer>]);
  return new Blob([body.stream]).stream();
}

/** The fetch init for a case (shared by both runners). */
export function toRequestInit(request: HostileRequest, keys: { customer: string; support?: string }): RequestInit {
  const headers: Record<string, string> = {};
  const as = request.as ?? "customer";
  if (typeof as === "object") headers.authorization = as.header;
  else if (as === "customer") headers.authorization = `Bearer ${keys.customer}`;
  else if (as === "support") headers.authorization = `Bearer ${keys.support ?? ""}`;
  let body: BodyInit | undefined;
  if (request.json !== undefined) {
    body = JSON.stringify(request.json);
    headers["content-type"] = "application/json";
  } else if (request.body !== undefined) {
    body = encodeBody(request.body);
  }
  Object.assign(headers, request.headers ?? {});
  const init: RequestInit & { duplex?: "half" } = { method: request.method, headers };
  if (body !== undefined) init.body = body;
  if (body instanceof ReadableStream) init.duplex = "half";
  return init;
}

type Problem = { status?: number; title?: string; detail?: string; errors?: Record<string, string[]> };

/** Why a response is not the refusal `hostile` expects, or null when it is. */
export async function judge(hostile: HostileCase, response: Response): Promise<string | null> {
  const text = await response.text();
  let problem: Problem;
  try {
    problem = JSON.parse(text) as Problem;
  } catch {
    return `HTTP ${response.status}, not problem+json: ${text.slice(0, 200)}`;
  }
  if (response.status !== hostile.status) return `expected HTTP ${hostile.status}, got ${response.status}: ${text.slice(0, 300)}`;
  if (response.headers.get("content-type") !== "application/problem+json") return `content type ${response.headers.get("content-type")}`;
  if (problem.status !== hostile.status) return `problem.status ${problem.status}`;
  if (!problem.detail || problem.detail.length <= 10) return `no clear detail: ${JSON.stringify(problem.detail)}`;
  if (hostile.field !== undefined) {
    const fields = Object.keys(problem.errors ?? {});
    if (!fields.includes(hostile.field)) return `errors name ${JSON.stringify(fields).slice(0, 200)}, not "${hostile.field.slice(0, 40)}"`;
    for (const messages of Object.values(problem.errors ?? {})) {
      for (const message of messages) if (message.length <= 10) return `a message that does not say what to fix: ${message}`;
    }
  }
  return null;
}

/**
 * Sends the corpus to a running app over HTTP with a customer API key (use a key of an account
 * nothing else changes while this runs) and returns how many were refused as they must be. Makes
 * its own context first (profiles and a request; with a support key also requests moved on and a
 * number on the voice account). Another account's ids are unknown ids here: the API must answer
 * them exactly like foreign ones. Name-resolution cases (`resolver`) run in-process only.
 */
export async function runHostileCorpus(baseUrl: string, apiKey: string, options: HostileHttpOptions = {}): Promise<HostileResult> {
  const api = `${baseUrl.replace(/\/$/, "")}/api/v1`;
  const keys = { customer: apiKey, ...(options.supportKey ? { support: options.supportKey } : {}) };
  const timeout = options.timeoutMs ?? 30_000;
  // The corpus and its before/after reads are many calls with one key: a 429 is the rate limit
  // speaking, not the case's answer, so wait as told and send the case again.
  const send = async (request: HostileRequest): Promise<Response> => {
    for (;;) {
      const response = await fetch(`${api}${request.path}`, { ...toRequestInit(request, keys), signal: AbortSignal.timeout(timeout) });
      if (response.status !== 429) return response;
      await response.text();
      const seconds = Math.min(60, Math.max(1, Number(response.headers.get("retry-after")) || 1));
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    }
  };
  const ok = async <T>(request: HostileRequest, status: number): Promise<T> => {
    const response = await send(request);
    const text = await response.text();
    if (response.status !== status) throw new Error(`Corpus setup: ${request.method} ${request.path} answered ${response.status}: ${text.slice(0, 300)}`);
    return JSON.parse(text) as T;
  };
  // Every country requires a letter of authorisation: uploaded first, named by the create.
  const uploadLetter = async (): Promise<string> => {
    for (;;) {
      const form = new FormData();
      form.set("file", new File([new TextEncoder().encode("%PDF-1.7\nA letter of authorisation\n%%EOF\n")], "loa.pdf", { type: "application/pdf" }));
      form.set("kind", "letter_of_authorisation");
      const response = await fetch(`${api}/documents`, { method: "POST", headers: { authorization: `Bearer ${apiKey}` }, body: form, signal: AbortSignal.timeout(timeout) });
      const text = await response.text();
      if (response.status === 429) {
        await new Promise((resolve) => setTimeout(resolve, 1000 * Math.min(60, Math.max(1, Number(response.headers.get("retry-after")) || 1))));
        continue;
      }
      if (response.status !== 201) throw new Error(`Corpus setup: POST /documents answered ${response.status}: ${text.slice(0, 300)}`);
      return (JSON.parse(text) as { id: string }).id;
    }
  };
  const newRequest = async (fields: Record<string, unknown>) =>
    ok<{ id: string; phoneNumbers: { number: string }[] }>(
      { method: "POST", path: "/porting-requests", json: { ...fields, documents: [{ id: await uploadLetter() }] }, headers: idem() },
      201,
    );

  // The context.
  const profile = async (fields: Record<string, unknown>) => (await ok<{ id: string }>({ method: "POST", path: "/company-profiles", json: profileBody(fields) }, 201)).id;
  const suffix = Math.random().toString(36).slice(2, 8);
  const nl = await profile({ name: `Complete NL ${suffix}` });
  const partial: HostileContext = {
    nl,
    nlName: `Complete NL ${suffix}`,
    de: await profile({
      name: `Complete DE ${suffix}`,
      country: "DE",
      addressCountry: "DE",
      registrationNumber: "HRB 123456 B",
      postalCode: "10117",
      city: "Berlin",
      street: "Friedrichstraße 68",
    }),
    incomplete: await profile({ name: `No KvK ${suffix}`, registrationNumber: null }),
    openRequest: "",
    openNumber: freshNumber(),
    foreignProfile: crypto.randomUUID(),
    foreignGroup: crypto.randomUUID(),
    foreignRequest: crypto.randomUUID(),
  };
  const ctx: HostileContext = { ...partial, openRequest: (await newRequest(nlBody({ ...partial, nl }, { phoneNumbers: [partial.openNumber] }))).id };
  if (options.supportKey) {
    const move = (id: string, to: string) => ok<unknown>({ method: "POST", path: `/porting-requests/${id}/transitions`, json: { to, reason: "Corpus setup" }, as: "support" }, 200);
    ctx.inProgress = (await newRequest(nlBody(ctx))).id;
    await move(ctx.inProgress, "in_progress");
    ctx.ready = (await newRequest(nlBody(ctx))).id;
    await move(ctx.ready, "in_progress");
    await move(ctx.ready, "ready_to_be_ported");
    const done = await newRequest(nlBody(ctx));
    await move(done.id, "in_progress");
    await move(done.id, "ready_to_be_ported");
    await ok<unknown>({ method: "POST", path: `/porting-requests/${done.id}/perform` }, 200);
    ctx.voiceNumber = done.phoneNumbers[0]!.number;
  }
  // Stored state as the API shows it: the newest request, every profile, the context's requests.
  const snapshot = async () => {
    const newest = await ok<{ data: { id: string }[] }>({ method: "GET", path: "/porting-requests?limit=1" }, 200);
    const profiles = await ok<{ data: unknown[] }>({ method: "GET", path: "/company-profiles?limit=200" }, 200);
    const requests = await Promise.all(
      [ctx.openRequest, ctx.inProgress, ctx.ready].filter(Boolean).map((id) => ok<{ status: string; version: number }>({ method: "GET", path: `/porting-requests/${id}` }, 200)),
    );
    return JSON.stringify({ newest: newest.data[0]?.id, profiles: profiles.data, requests: requests.map((r) => [r.status, r.version]) });
  };

  const result: HostileResult = { total: 0, passed: 0, skipped: [], failures: [] };
  const available = new Set<Need>([
    ...(options.supportKey ? (["support", "inProgress", "ready", "voiceNumber"] as const) : []),
    ...(options.secureCallbacks ? (["secureCallbacks"] as const) : []),
  ]);
  for (const hostile of HOSTILE_CASES) {
    if (!(hostile.needs ?? []).every((need) => available.has(need))) {
      result.skipped.push(hostile.name);
      continue;
    }
    result.total += 1;
    try {
      const before = await snapshot();
      const problem = await judge(hostile, await send(hostile.send(ctx)));
      const after = await snapshot();
      const failure = problem ?? (after !== before ? "something was stored or changed" : null);
      if (failure) result.failures.push({ name: hostile.name, problem: failure });
      else result.passed += 1;
    } catch (error) {
      result.failures.push({ name: hostile.name, problem: error instanceof Error ? error.message : String(error) });
    }
  }
  return result;
}
