import { describe, expect, test } from "vitest";
import { formatDestination, parseDestination } from "./destinations";
import { distributionGroupSchema } from "./schemas";

describe("parseDestination", () => {
  test.each([
    ["sip:reception@pbx.example.com", "sip:reception@pbx.example.com"],
    ["  SIP:Reception@PBX.Example.com  ", "sip:Reception@pbx.example.com"],
    ["sips:desk-1@sip.acme.example:5061", "sips:desk-1@sip.acme.example:5061"],
    ["sip:+31201234567@trunk.example.net;user=phone", "sip:+31201234567@trunk.example.net;user=phone"],
    ["sip:100@192.0.2.10", "sip:100@192.0.2.10"],
    ["sip:100@[2001:db8::1]:5060", "sip:100@[2001:db8::1]:5060"],
  ])("SIP URI %s", (input, value) => {
    expect(parseDestination(input, "NL")).toEqual({ ok: true, kind: "sip", value });
  });

  test.each([
    ["+31 20 123 4567", "NL", "+31201234567"],
    ["020-1234567", "NL", "+31201234567"],
    ["(020) 123 45 67", "NL", "+31201234567"],
    ["0031201234567", "NL", "+31201234567"],
    ["tel:+31201234567", "NL", "+31201234567"],
    ["06 12345678", "NL", "+31612345678"],
    ["030 1234567", "DE", "+49301234567"],
    ["+44 20 7946 0000", "DE", "+442079460000"],
  ])("phone number %s in %s", (input, country, value) => {
    expect(parseDestination(input, country)).toEqual({ ok: true, kind: "phone", value });
  });

  test.each([
    ["", "Enter a SIP URI or a phone number here"],
    ["sip:pbx.example.com", "needs a user and a host"],
    ["sip:@pbx.example.com", "needs a user and a host"],
    ["sip:reception@pbx", "invalid host “pbx”"],
    ["sip:reception@-bad-.example.com", "invalid host"],
    ["sip:reception@pbx.example.com:70000", "invalid port 70000"],
    ["sip:re ception@pbx.example.com", "invalid user part"],
    ["sip:user:secret@pbx.example.com", "invalid user part"],
    ["sip:reception@pbx.example.com?subject=hi", "has headers"],
    ["reception@pbx.example.com", "start"],
    ["https://pbx.example.com", "is not a phone number or a SIP URI"],
    ["020 123", "is not a valid phone number"],
    ["+31 20 123 4567 ext. 12", "has an extension"],
  ])("refuses %j", (input, message) => {
    const result = parseDestination(input, "NL");
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain(message);
  });

  test("a German account's national number example is German", () => {
    const result = parseDestination("030", "DE");
    expect(!result.ok && result.message).toContain("+49 30 1234567");
  });

  test("formatDestination shows numbers internationally and SIP URIs as they are", () => {
    expect(formatDestination("+31201234567")).toBe("+31 20 123 4567");
    expect(formatDestination("sip:a@b.example")).toBe("sip:a@b.example");
  });
});

describe("distributionGroupSchema", () => {
  const schema = distributionGroupSchema("NL");

  test("normalises every destination and keeps the order", () => {
    expect(schema.parse({ name: " Reception ", destinations: ["020 123 4567", "sip:desk@pbx.example.com"] })).toEqual({
      name: "Reception",
      destinations: ["+31201234567", "sip:desk@pbx.example.com"],
    });
  });

  test("names each bad row, and a duplicate (after normalising) by its position", () => {
    const result = schema.safeParse({ name: "", destinations: ["+31201234567", "020 123 4567", "nonsense", ""] });
    expect(result.success).toBe(false);
    const issues = Object.fromEntries(result.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(issues).toMatchObject({
      name: expect.stringContaining("Give the group a name"),
      "destinations.2": expect.stringContaining("is not a phone number or a SIP URI"),
      "destinations.3": expect.stringContaining("or remove this row"),
    });
  });

  test("duplicates are reported when every row is valid", () => {
    const result = schema.safeParse({ name: "x", destinations: ["+31201234567", "020 123 4567"] });
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ path: ["destinations", 1], message: "+31 20 123 4567 is listed twice: it is the same as destination 1." }),
    ]);
  });

  test("1 to 20 destinations", () => {
    expect(schema.safeParse({ name: "x", destinations: [] }).error?.issues[0]?.message).toContain("at least one destination");
    const many = Array.from({ length: 21 }, (_, i) => `sip:desk${i}@pbx.example.com`);
    expect(schema.safeParse({ name: "x", destinations: many }).error?.issues[0]?.message).toBe("At most 20 destinations per group.");
  });
});
