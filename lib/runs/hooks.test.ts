import { describe, expect, it } from "vitest";
import { triggerConfig } from "../flow/nodes/trigger";
import { DEFAULT_HOOK_MAPPING, hookMappingSchema, mapHookBody, mapHookPayload } from "./hooks";

describe("hookMappingSchema", () => {
  it("defaults to phone and name at the top level and the whole body as data", () => {
    expect(hookMappingSchema.parse({})).toEqual({ phone: "phone", name: "name", data: "" });
  });

  it("requires a phone path and checks every path's syntax", () => {
    const missing = hookMappingSchema.safeParse({ phone: " " });
    expect(missing.success).toBe(false);
    expect(missing.error?.issues[0]).toMatchObject({
      path: ["phone"],
      message: expect.stringContaining("phone"),
    });
    const bad = hookMappingSchema.safeParse({ phone: "customer.phone", name: "a..b", data: "items[x]" });
    expect(bad.error?.issues.map((i) => i.path[0])).toEqual(["name", "data"]);
    expect(bad.error?.issues[0]?.message).toContain('"a..b"');
  });

  it("gives existing webhook triggers the default mapping", () => {
    expect(triggerConfig.parse({ kind: "webhook", hookId: "hk_1" }).mapping).toEqual(DEFAULT_HOOK_MAPPING);
    expect(triggerConfig.parse({ kind: "event", eventName: "x" }).mapping).toEqual(DEFAULT_HOOK_MAPPING);
  });
});

describe("mapHookPayload", () => {
  const order = {
    customer: { phone: "+966 50 123 4567", first_name: "Sara" },
    order: { id: "#1042", items: [{ sku: "A-1" }] },
  };

  it("maps the phone to E.164, the name and the data at their paths", () => {
    const result = mapHookPayload(order, {
      phone: "$.customer.phone",
      name: "customer.first_name",
      data: "order",
    });
    expect(result).toEqual({
      ok: true,
      payload: { phone: "+966501234567", name: "Sara", data: { id: "#1042", items: [{ sku: "A-1" }] } },
    });
  });

  it("uses the whole body as data by default and takes a phone given as a number", () => {
    const result = mapHookPayload({ phone: 16505551234, name: "Ali", total: 5 }, {});
    expect(result).toEqual({
      ok: true,
      payload: { phone: "+16505551234", name: "Ali", data: { phone: 16505551234, name: "Ali", total: 5 } },
    });
  });

  it("starts without a name when the body has none at the name path", () => {
    const result = mapHookPayload({ phone: "+16505551234" }, { name: "customer.name" });
    expect(result).toEqual({ ok: true, payload: { phone: "+16505551234", data: { phone: "+16505551234" } } });
  });

  it("names the missing phone path and where the body stops", () => {
    const result = mapHookPayload(order, { phone: "customer.mobile" });
    expect(result).toMatchObject({
      ok: false,
      error: { problem: "phone_missing", field: "phone", path: "customer.mobile" },
    });
    if (!result.ok)
      expect(result.error.message).toBe(
        'The body has no phone number at "customer.mobile" (it stops at "customer")',
      );
  });

  it("names an unreachable phone number and its value", () => {
    const result = mapHookPayload({ customer: { phone: "12" } }, { phone: "customer.phone" });
    expect(result).toMatchObject({
      ok: false,
      error: { problem: "phone_invalid", path: "customer.phone", value: "12" },
    });
    if (!result.ok) expect(result.error.message).toContain('"12" at "customer.phone"');
    expect(mapHookPayload({ phone: { n: 1 } }, {})).toMatchObject({
      ok: false,
      error: { problem: "phone_invalid" },
    });
  });

  it("refuses a name that is not text, data that is not an object, and a data path that is absent", () => {
    expect(mapHookPayload({ phone: "+16505551234", name: ["a"] }, {})).toMatchObject({
      ok: false,
      error: { problem: "name_invalid", path: "name" },
    });
    expect(mapHookPayload({ phone: "+16505551234", items: [1] }, { data: "items" })).toMatchObject({
      ok: false,
      error: { problem: "data_not_object", path: "items" },
    });
    expect(mapHookPayload({ phone: "+16505551234" }, { data: "order.details" })).toMatchObject({
      ok: false,
      error: { problem: "data_missing", path: "order.details" },
    });
    expect(mapHookPayload([{ phone: "+16505551234" }], { phone: "[0].phone" })).toMatchObject({
      ok: false,
      error: { problem: "data_not_object", path: "$" },
    });
  });

  it("refuses a mapping whose path does not parse", () => {
    const result = mapHookPayload(order, { phone: "customer..phone" });
    expect(result).toMatchObject({ ok: false, error: { problem: "invalid_path", field: "phone" } });
  });
});

describe("mapHookBody", () => {
  it("says when the text is not JSON", () => {
    const result = mapHookBody("{nope", {});
    expect(result).toMatchObject({ ok: false, error: { problem: "invalid_json" } });
    if (!result.ok) expect(result.error.message).toMatch(/^The body is not valid JSON/);
  });

  it("maps valid JSON text", () => {
    expect(mapHookBody('{"phone":"+16505551234"}', {})).toMatchObject({
      ok: true,
      payload: { phone: "+16505551234" },
    });
  });
});
