import { describe, expect, test } from "vitest";
import { z } from "zod";
import { ValidationError } from "@/lib/errors";
import { apiFieldErrors, expectObject, MAX_BODY_BYTES, parseStrict, readJsonBody } from "./body";
import { HttpProblem } from "./problem";

const post = (body: BodyInit | null, headers: Record<string, string> = { "content-type": "application/json" }) =>
  new Request("http://localhost/api/v1/x", { method: "POST", body, headers });

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a refusal");
}

describe("readJsonBody", () => {
  test("parses JSON with any JSON content type and charset", async () => {
    expect(await readJsonBody(post('{"a":1}'))).toEqual({ a: 1 });
    expect(await readJsonBody(post('{"a":1}', { "content-type": "application/json; charset=UTF-8" }))).toEqual({ a: 1 });
    expect(await readJsonBody(post('{"a":1}', { "content-type": "application/merge-patch+json" }))).toEqual({ a: 1 });
  });

  test("an empty body is undefined when optional, else a 400", async () => {
    expect(await readJsonBody(post(null, {}), { optional: true })).toBeUndefined();
    expect(await readJsonBody(post("  \n", {}), { optional: true })).toBeUndefined();
    const error = await refusal(readJsonBody(post(null, {})));
    expect(error).toBeInstanceOf(HttpProblem);
    expect((error as HttpProblem).status).toBe(400);
  });

  test("413 by Content-Length before reading, and by counting when it is missing", async () => {
    const declared = new Request("http://localhost/x", { method: "POST", body: "{}", headers: { "content-type": "application/json", "content-length": String(MAX_BODY_BYTES + 1) } });
    expect(((await refusal(readJsonBody(declared))) as HttpProblem).status).toBe(413);
    const big = "x".repeat(MAX_BODY_BYTES + 1);
    expect(((await refusal(readJsonBody(post(big)))) as HttpProblem).status).toBe(413);
    // Exactly at the limit is fine (and then parsed).
    const atLimit = JSON.stringify("x".repeat(MAX_BODY_BYTES - 2));
    expect(await readJsonBody(post(atLimit))).toHaveLength(MAX_BODY_BYTES - 2);
  });

  test("415 names what was sent; 400 for bad JSON and bad UTF-8", async () => {
    const wrong = (await refusal(readJsonBody(post("{}", { "content-type": "text/csv" })))) as HttpProblem;
    expect(wrong.status).toBe(415);
    expect(wrong.detail).toContain("text/csv");
    expect(wrong.headers.accept).toBe("application/json");
    expect(((await refusal(readJsonBody(post("{'a': 1}")))) as HttpProblem).status).toBe(400);
    expect(((await refusal(readJsonBody(post(new Uint8Array([0xc3, 0x28]))))) as HttpProblem).detail).toContain("UTF-8");
  });
});

describe("strict parsing", () => {
  const schema = z.strictObject({ name: z.string({ error: "Give a name." }), tags: z.array(z.strictObject({ id: z.string() })).optional() });

  test("names every unknown field, nested ones by path, with the known fields at the top", () => {
    const error = (() => {
      try {
        parseStrict(schema, { nmae: "x", tags: [{ id: "a", extra: 1 }] });
      } catch (e) {
        return e as ValidationError;
      }
      throw new Error("expected");
    })();
    expect(error.fieldErrors).toEqual({
      name: ["Give a name."],
      nmae: ['Unknown field "nmae": remove it or check its spelling. The fields are: name, tags.'],
      "tags.0.extra": ['Unknown field "extra": remove it or check its spelling.'],
    });
  });

  test("the body must be an object", () => {
    for (const value of [[], "x", 1, null, true]) {
      expect(() => expectObject(value, "{}")).toThrow(ValidationError);
    }
    expect(expectObject({ a: 1 }, "{}")).toEqual({ a: 1 });
    const result = schema.safeParse({});
    expect(apiFieldErrors(result.error!)).toEqual({ name: ["Give a name."] });
  });
});
