import { describe, expect, it } from "vitest";
import { normalizeKeyword, normalizedKeywords } from "./keywords";

describe("keyword matching", () => {
  it("ignores case, surrounding and repeated spaces", () => {
    expect(normalizeKeyword("  Track   ORDER ")).toBe("track order");
  });

  it("ignores Latin accents, Arabic diacritics and tatweel", () => {
    expect(normalizeKeyword("Café")).toBe(normalizeKeyword("cafe"));
    expect(normalizeKeyword("إِيقَاف")).toBe(normalizeKeyword("إيقاف"));
    expect(normalizeKeyword("توقــف")).toBe(normalizeKeyword("توقف"));
  });

  it("keeps the distinct non-blank keywords of a list", () => {
    expect(normalizedKeywords(["Stop", "stop ", " ", "STOP", "إلغاء"])).toEqual([
      "stop",
      normalizeKeyword("إلغاء"),
    ]);
  });
});
