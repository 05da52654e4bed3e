import { describe, expect, it } from "vitest";
import { e164ToWaId, isMobile, maskPhone, toE164, waIdToE164 } from "./phone";

describe("toE164", () => {
  it.each([
    ["+1 650-555-1234", "+16505551234"],
    ["+1 (650) 555 1234", "+16505551234"],
    ["0016505551234", "+16505551234"],
    ["16505551234", "+16505551234"],
    ["  +44 7911 123456 ", "+447911123456"],
    ["00966501234567", "+966501234567"],
    ["966 50 123 4567", "+966501234567"],
    ["+20 100 123 4567", "+201001234567"],
    ["+971-50-123-4567", "+971501234567"],
  ])("reads %s as %s without a default country", (input, e164) => {
    expect(toE164(input)).toBe(e164);
  });

  it.each([
    ["(650) 555-1234", "US", "+16505551234"],
    ["650.555.1234", "US", "+16505551234"],
    ["07911 123456", "GB", "+447911123456"],
    ["050 123 4567", "SA", "+966501234567"],
    ["0100 123 4567", "EG", "+201001234567"],
    ["050 123 4567", "AE", "+971501234567"],
    ["+44 7911 123456", "US", "+447911123456"],
    ["00 20 100 123 4567", "SA", "+201001234567"],
  ] as const)("reads the national number %s in %s as %s", (input, country, e164) => {
    expect(toE164(input, country)).toBe(e164);
  });

  it.each([
    ["empty", ""],
    ["letters", "hello"],
    ["too short", "+1650555"],
    ["too long", "+1650555123456789"],
    ["Saudi too short", "+96650123"],
    ["text around it", "call +16505551234"],
    ["an extension", "+1 650 555 1234 ext. 5"],
    ["a national number without a country", "050 123 4567"],
    ["a very long input", "1".repeat(200)],
  ])("returns null for %s", (_name, input) => {
    expect(toE164(input)).toBeNull();
  });
});

describe("wa_id", () => {
  it("converts a wa_id to E.164 and back", () => {
    expect(waIdToE164("16505551234")).toBe("+16505551234");
    expect(waIdToE164("966501234567")).toBe("+966501234567");
    expect(e164ToWaId("+16505551234")).toBe("16505551234");
    expect(e164ToWaId("+201001234567")).toBe("201001234567");
  });

  it("keeps only the digits when making a wa_id", () => {
    expect(e164ToWaId("+1 650 555 1234")).toBe("16505551234");
    expect(e164ToWaId("16505551234")).toBe("16505551234");
  });

  it("rejects what is not a wa_id", () => {
    expect(waIdToE164("+16505551234")).toBeNull();
    expect(waIdToE164("0123456789")).toBeNull();
    expect(waIdToE164("12345")).toBeNull();
  });
});

describe("maskPhone", () => {
  it.each([
    ["+16505551234", "+1 650•••1234"],
    ["+447911123456", "+44 791•••3456"],
    ["+966501234567", "+966 50•••4567"],
    ["+201001234567", "+20 100•••4567"],
    ["+971501234567", "+971 50•••4567"],
  ])("masks %s as %s", (e164, masked) => {
    expect(maskPhone(e164)).toBe(masked);
  });

  it("always hides at least three digits", () => {
    const masked = maskPhone("+2901234");
    expect(masked.match(/•/g)?.length ?? 0).toBeGreaterThanOrEqual(3);
    expect(masked.startsWith("+290 ")).toBe(true);
  });

  it("keeps only the last four digits of something that is not E.164", () => {
    expect(maskPhone("6505551234")).toBe("••••••1234");
    expect(maskPhone("")).toBe("•••");
  });
});

describe("isMobile", () => {
  it.each([
    ["US (shared ranges)", "+16505551234", true],
    ["UK mobile", "+447911123456", true],
    ["UK landline", "+442079460018", false],
    ["Saudi mobile", "+966501234567", true],
    ["Saudi landline", "+966112345678", false],
    ["Egyptian mobile", "+201001234567", true],
    ["Egyptian landline", "+20223456789", false],
    ["UAE mobile", "+971501234567", true],
    ["UAE landline", "+97142345678", false],
    ["not a number", "nope", false],
  ])("%s: %s → %s", (_name, e164, mobile) => {
    expect(isMobile(e164)).toBe(mobile);
  });
});
