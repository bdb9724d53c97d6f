import { describe, expect, test } from "vitest";
import { ValidationError } from "@/lib/errors";
import { assertCallbackUrlAllowed, callbackUrlProblem, classifyAddress } from "./callback-url";

const strict = { allowInsecure: false };
const dev = { allowInsecure: true };
const INTERNAL = /must not point at a private, loopback or other internal address/;

// Hostile URLs that must be refused in production AND with ALLOW_INSECURE_CALLBACKS (which only
// opens plain http and loopback). Each names what the guard must see through.
const ALWAYS_REFUSED: [url: string, note: string][] = [
  ["http://10.0.0.1/hook", "private 10/8"],
  ["http://172.16.5.4/", "private 172.16/12"],
  ["http://172.31.255.255/", "top of 172.16/12"],
  ["http://192.168.1.10/hook", "private 192.168/16"],
  ["http://169.254.169.254/latest/meta-data/", "cloud metadata (link-local)"],
  ["http://169.254.170.2/v2/credentials", "ECS task metadata"],
  ["http://100.64.0.1/", "carrier-grade NAT"],
  ["http://0.0.0.0/", "unspecified"],
  ["http://0/", "unspecified, shortest spelling"],
  ["http://0.1.2.3/", "this-network 0/8"],
  ["http://198.18.0.1/", "benchmarking"],
  ["http://192.0.2.10/", "documentation TEST-NET-1"],
  ["http://198.51.100.7/", "documentation TEST-NET-2"],
  ["http://203.0.113.9/", "documentation TEST-NET-3"],
  ["http://192.0.0.8/", "IETF protocol assignments"],
  ["http://224.0.0.1/", "multicast"],
  ["http://239.255.255.250:1900/", "SSDP multicast"],
  ["http://240.0.0.1/", "reserved"],
  ["http://255.255.255.255/", "broadcast"],
  ["http://0x0a000001/", "10.0.0.1 as one hex number"],
  ["http://0xa9.0xfe.0xa9.0xfe/", "169.254.169.254 in hex parts"],
  ["http://2852039166/", "169.254.169.254 as a decimal"],
  ["http://0251.0376.0251.0376/", "169.254.169.254 in octal parts"],
  ["http://192.168.1/", "192.168.0.1 with a short form"],
  ["http://%31%30.0.0.1/", "percent-encoded 10.0.0.1"],
  ["http://①⓪.0.0.1/", "full-width digits (IDNA) for 10.0.0.1"],
  ["http://[::ffff:127.0.0.1]/", "IPv4-mapped loopback"],
  ["http://[::ffff:10.0.0.1]/", "IPv4-mapped private"],
  ["http://[::ffff:a9fe:a9fe]/", "IPv4-mapped metadata, hex"],
  ["http://[::7f00:1]/", "IPv4-compatible loopback"],
  ["http://[64:ff9b::a9fe:a9fe]/", "NAT64 to metadata"],
  ["http://[64:ff9b:1::1]/", "local-use NAT64"],
  ["http://[2002:7f00:1::]/", "6to4 of 127.0.0.1"],
  ["http://[2001::1]/", "Teredo"],
  ["http://[2001:db8::1]/", "IPv6 documentation"],
  ["http://[3fff::1]/", "IPv6 documentation (RFC 9637)"],
  ["http://[::]/", "IPv6 unspecified"],
  ["http://[fc00::1]/", "unique-local fc00::/7"],
  ["http://[fd12:3456::1]/", "unique-local fd00::/8"],
  ["http://[fe80::1]/", "IPv6 link-local"],
  ["http://[fec0::1]/", "IPv6 site-local"],
  ["http://[ff02::1]/", "IPv6 multicast"],
  ["http://[100::1]/", "discard-only"],
  ["http://[4000::1]/", "outside global unicast"],
  ["http://intranet/hook", "single-label name (search domains)"],
  ["http://printer.local/", "mDNS"],
  ["http://metadata.google.internal/computeMetadata/v1/", "GCP metadata name"],
  ["http://router.home.arpa/", "home network name"],
  ["http://1.0.0.127.in-addr.arpa/", "reverse-DNS name"],
  ["http://user:secret@hooks.example.com/", "credentials in the URL"],
  ["file:///etc/passwd", "not http(s)"],
  ["gopher://hooks.example.com/", "not http(s)"],
  ["javascript:alert(1)", "not http(s)"],
  ["hooks.example.com/porting", "no scheme"],
  ["http://[fe80::1%25eth0]/", "zone id (invalid URL)"],
];

// Refused in production, allowed when ALLOW_INSECURE_CALLBACKS opens plain http and loopback.
const REFUSED_UNLESS_INSECURE: [url: string, note: string][] = [
  ["https://127.0.0.1/", "loopback"],
  ["https://127.1/", "loopback, short form"],
  ["https://0x7f.1/", "loopback, hex"],
  ["https://2130706433/", "loopback, decimal"],
  ["https://017700000001/", "loopback, octal"],
  ["https://0177.0.0.1/", "loopback, octal first part"],
  ["https://127.0.0.1./", "loopback, trailing dot"],
  ["https://[::1]/", "IPv6 loopback"],
  ["https://[0:0:0:0:0:0:0:1]/", "IPv6 loopback, long form"],
  ["https://localhost:3000/", "localhost"],
  ["https://LOCALHOST./", "localhost, upper case with trailing dot"],
  ["https://api.localhost/", "a .localhost name"],
  ["http://hooks.example.com/", "plain http"],
];

describe("callback URL guard: hostile URLs", () => {
  test("the table is big enough to mean something", () => {
    expect(ALWAYS_REFUSED.length + REFUSED_UNLESS_INSECURE.length).toBeGreaterThanOrEqual(20);
  });

  test.each(ALWAYS_REFUSED)("refuses %s (%s), with or without ALLOW_INSECURE_CALLBACKS", async (url) => {
    expect(callbackUrlProblem(url, strict)).not.toBeNull();
    expect(callbackUrlProblem(url, dev)).not.toBeNull();
    await expect(assertCallbackUrlAllowed(url, strict)).rejects.toBeInstanceOf(ValidationError);
    await expect(assertCallbackUrlAllowed(url, dev)).rejects.toBeInstanceOf(ValidationError);
  });

  test.each(REFUSED_UNLESS_INSECURE)("refuses %s (%s) in production, allows it with ALLOW_INSECURE_CALLBACKS", async (url) => {
    expect(callbackUrlProblem(url, strict)).not.toBeNull();
    await expect(assertCallbackUrlAllowed(url, strict)).rejects.toBeInstanceOf(ValidationError);
    expect(callbackUrlProblem(url, dev)).toBeNull();
  });
});

describe("callback URL guard: messages say what is wrong", () => {
  test.each([
    ["https://10.1.2.3/", /10\.1\.2\.3 is in a private network \(10\.0\.0\.0\/8\)/],
    ["https://0x7f.1/", /127\.0\.0\.1 is a loopback address \(127\.0\.0\.0\/8\)/],
    ["https://169.254.169.254/", /link-local range, where cloud metadata services live/],
    ["https://[::ffff:127.0.0.1]/", /IPv4-mapped IPv6 address/],
    ["https://[64:ff9b::a00:1]/", /NAT64/],
    ["https://localhost/", /localhost is this machine/],
    ["http://hooks.example.com/", /must start with https:\/\//],
    ["not a url", /not a valid URL/],
    ["https://user:pw@example.com/", /user name or password/],
    ["https://intranet/", /full public host name/],
  ])("%s", (url, message) => {
    const problem = callbackUrlProblem(url, strict);
    expect(problem).toMatch(message);
    if (INTERNAL.test(problem ?? "")) expect(problem).toMatch(/public internet addresses/);
  });

  test("a very long URL is refused with its limit", () => {
    expect(callbackUrlProblem(`https://example.com/${"a".repeat(2100)}`, strict)).toMatch(/longer than 2000 characters/);
  });
});

describe("callback URL guard: public addresses pass", () => {
  test.each([
    "https://hooks.example.com/porting",
    "https://93.184.216.34:8443/x",
    "https://8.8.8.8/",
    "https://172.32.0.1/", // just outside 172.16/12
    "https://100.128.0.1/", // just outside 100.64/10
    "https://[2606:2800:220:1:248:1893:25c8:1946]/",
    "https://[2a00:1450:4001:80e::200e]/",
    "https://xn--bcher-kva.example.com/", // IDN
  ])("accepts %s", async (url) => {
    expect(callbackUrlProblem(url, strict)).toBeNull();
    await expect(assertCallbackUrlAllowed(url, { ...strict, resolve: async () => ["93.184.216.34"] })).resolves.toBeUndefined();
  });

  test("classifyAddress knows the families apart", () => {
    expect(classifyAddress("8.8.8.8").kind).toBe("public");
    expect(classifyAddress("127.0.0.53").kind).toBe("loopback");
    expect(classifyAddress("::1").kind).toBe("loopback");
    expect(classifyAddress("::ffff:8.8.8.8").kind).toBe("internal"); // mapped is refused as such
    expect(classifyAddress("not-an-ip").kind).toBe("internal");
  });
});

describe("callback URL guard: host names are resolved at create time", () => {
  const resolvingTo = (...addresses: string[]) => ({ resolve: async () => addresses });

  test("a name that resolves to an internal address is refused, naming the address", async () => {
    const error = await assertCallbackUrlAllowed("https://hooks.attacker.example.com/x", { ...strict, ...resolvingTo("93.184.216.34", "10.0.0.7") }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors.callbackUrl?.[0]).toMatch(/hooks\.attacker\.example\.com resolves to 10\.0\.0\.7, which is in a private network/);
  });

  test("every address counts: one internal among public ones is enough to refuse", async () => {
    await expect(assertCallbackUrlAllowed("https://a.example.com/", { ...strict, ...resolvingTo("2606:4700::1", "fd00::5") })).rejects.toBeInstanceOf(ValidationError);
  });

  test("loopback through DNS follows ALLOW_INSECURE_CALLBACKS; private ranges never pass", async () => {
    await expect(assertCallbackUrlAllowed("http://dev.example.com/", { ...dev, ...resolvingTo("127.0.0.1") })).resolves.toBeUndefined();
    await expect(assertCallbackUrlAllowed("https://dev.example.com/", { ...strict, ...resolvingTo("127.0.0.1") })).rejects.toBeInstanceOf(ValidationError);
    await expect(assertCallbackUrlAllowed("http://dev.example.com/", { ...dev, ...resolvingTo("192.168.0.1") })).rejects.toBeInstanceOf(ValidationError);
  });

  test("a name that cannot be resolved now is accepted (it is checked again at every delivery)", async () => {
    const failing = { resolve: async () => Promise.reject(Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" })) };
    await expect(assertCallbackUrlAllowed("https://not-yet.example.com/", { ...strict, ...failing })).resolves.toBeUndefined();
    const slow = { resolve: () => new Promise<string[]>(() => {}), resolveTimeoutMs: 50 };
    await expect(assertCallbackUrlAllowed("https://slow.example.com/", { ...strict, ...slow })).resolves.toBeUndefined();
  });
});
