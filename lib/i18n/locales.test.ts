import { describe, expect, it } from "vitest";
import { loadMessages } from "./messages";
import { directionOf, negotiateLocale } from "./locales";

function keys(tree: object, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    v && typeof v === "object" ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

describe("locales", () => {
  it("writes Arabic right to left and English left to right", () => {
    expect(directionOf("ar")).toBe("rtl");
    expect(directionOf("en")).toBe("ltr");
  });

  it("picks the best supported language from Accept-Language", () => {
    expect(negotiateLocale("ar-SA,ar;q=0.9,en;q=0.8")).toBe("ar");
    expect(negotiateLocale("fr-FR,fr;q=0.9,en;q=0.5,ar;q=0.4")).toBe("en");
    expect(negotiateLocale("de;q=0.2,ar;q=0.7")).toBe("ar");
  });

  it("falls back to English for unknown or missing headers", () => {
    expect(negotiateLocale("fr,de")).toBe("en");
    expect(negotiateLocale(null)).toBe("en");
  });

  it("has every English message in Arabic and no Arabic message without an English one", async () => {
    const [en, ar] = await Promise.all([loadMessages("en"), loadMessages("ar")]);
    expect(keys(ar).sort()).toEqual(keys(en).sort());
    expect(keys(en).length).toBeGreaterThan(100);
  });
});
