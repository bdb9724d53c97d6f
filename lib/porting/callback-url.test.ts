import { describe, expect, test } from "vitest";
import { ValidationError } from "@/lib/errors";
import { assertCallbackUrlAllowed, callbackUrlProblem } from "./callback-url";

describe("callback URL guard (static part)", () => {
  const strict = { allowInsecure: false };
  const dev = { allowInsecure: true };

  test.each(["https://hooks.example.com/porting", "https://93.184.216.34:8443/x", "https://[2606:2800:220:1:248:1893:25c8:1946]/"])(
    "accepts %s",
    (url) => expect(callbackUrlProblem(url, strict)).toBeNull(),
  );

  test.each([
    ["http://hooks.example.com/", /https/],
    ["not a url", /not a valid URL/],
    ["https://user:secret@example.com/", /user name or password/],
    ["https://127.0.0.1/", /private, loopback/],
    ["https://2130706433/", /private, loopback/], // 127.0.0.1 as a decimal
    ["https://localhost:3000/", /private, loopback/],
    ["https://[::1]/", /private, loopback/],
    ["https://[::ffff:127.0.0.1]/", /private, loopback/],
    ["https://10.1.2.3/", /private/],
    ["https://172.16.0.1/", /private/],
    ["https://192.168.1.10/", /private/],
    ["https://169.254.169.254/latest/meta-data", /private/],
    ["https://[fe80::1]/", /private/],
    ["https://[fd00::1]/", /private/],
    ["https://0.0.0.0/", /private/],
  ])("refuses %s without ALLOW_INSECURE_CALLBACKS", (url, message) => {
    expect(callbackUrlProblem(url, strict)).toMatch(message);
  });

  test("ALLOW_INSECURE_CALLBACKS allows http and loopback, never private ranges", () => {
    expect(callbackUrlProblem("http://127.0.0.1:4000/hook", dev)).toBeNull();
    expect(callbackUrlProblem("http://localhost:4000/hook", dev)).toBeNull();
    expect(callbackUrlProblem("http://192.168.1.10/hook", dev)).toMatch(/private/);
    expect(callbackUrlProblem("http://169.254.169.254/", dev)).toMatch(/private/);
  });

  test("the async hook throws a field error", async () => {
    await expect(assertCallbackUrlAllowed("https://10.0.0.1/", strict)).rejects.toBeInstanceOf(ValidationError);
    await expect(assertCallbackUrlAllowed("https://example.com/", strict)).resolves.toBeUndefined();
  });
});
