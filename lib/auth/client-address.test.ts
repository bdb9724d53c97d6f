import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "vitest";
import { appendPeerToForwardedFor, clientAddressFrom, normaliseAddress } from "./client-address";

test("with no trusted proxy the TCP peer (the last entry) is the client, whatever the client wrote before it", () => {
  expect(clientAddressFrom("203.0.113.9", 0)).toBe("203.0.113.9");
  // A client that sends its own X-Forwarded-For gets the peer appended after it: its claims are ignored.
  expect(clientAddressFrom("1.2.3.4, 5.6.7.8, 203.0.113.9", 0)).toBe("203.0.113.9");
  expect(clientAddressFrom(null, 0)).toBeNull();
  expect(clientAddressFrom(" , ", 0)).toBeNull();
});

test("behind trusted proxies the client is that many entries left of the peer", () => {
  // client → proxy (appends client) → app (appends proxy)
  expect(clientAddressFrom("spoofed, 198.51.100.7, 10.0.0.2", 1)).toBe("198.51.100.7");
  expect(clientAddressFrom("spoofed, 198.51.100.7, 10.0.0.3, 10.0.0.2", 2)).toBe("198.51.100.7");
  // Fewer entries than trusted proxies: the leftmost, never nothing.
  expect(clientAddressFrom("10.0.0.2", 2)).toBe("10.0.0.2");
});

test("addresses are normalised: IPv4-mapped IPv6 unwrapped, IPv6 by /64, ports and brackets dropped, junk shared", () => {
  expect(normaliseAddress("::ffff:127.0.0.1")).toBe("127.0.0.1");
  expect(normaliseAddress("203.0.113.9:51234")).toBe("203.0.113.9");
  expect(normaliseAddress("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).toBe("2001:db8:1:2::/64");
  expect(normaliseAddress("2001:db8:1:2::1")).toBe("2001:db8:1:2::/64");
  expect(normaliseAddress("[2001:DB8:1:2::9]:443")).toBe("2001:db8:1:2::/64");
  expect(normaliseAddress("::1")).toBe("0:0:0:0::/64");
  expect(normaliseAddress("unknown")).toBe("unknown");
  expect(normaliseAddress("<script>")).toBe("unknown");
});

test("the installed hook appends the real TCP peer to X-Forwarded-For of every request", async () => {
  class Server extends (createServer().constructor as typeof import("node:http").Server) {}
  appendPeerToForwardedFor(Server.prototype);
  const server = new Server((req, res) => res.end(String(req.headers["x-forwarded-for"])));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const get = (headers: Record<string, string>) =>
    new Promise<string>((resolve, reject) => {
      request({ host: "127.0.0.1", port, headers }, (res) => {
        let body = "";
        res.on("data", (c) => (body += c));
        res.on("end", () => resolve(body));
      })
        .on("error", reject)
        .end();
    });
  try {
    expect(await get({})).toBe("127.0.0.1");
    expect(await get({ "x-forwarded-for": "6.6.6.6" })).toBe("6.6.6.6, 127.0.0.1");
    expect(clientAddressFrom(await get({ "x-forwarded-for": "6.6.6.6" }), 0)).toBe("127.0.0.1");
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});
