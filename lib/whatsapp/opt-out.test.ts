import { describe, expect, it } from "vitest";
import en from "../i18n/messages/en.json";
import ar from "../i18n/messages/ar.json";
import {
  DEFAULT_OPT_IN_KEYWORDS,
  DEFAULT_OPT_OUT_KEYWORDS,
  DEFAULT_OPT_OUT_SETTINGS,
  STOP_PROMOTIONS_TEXTS,
  classifyInbound,
  optOutSettingsSchema,
} from "./opt-out";

const text = (body: string) => ({ type: "text", text: body });
const settings = DEFAULT_OPT_OUT_SETTINGS;

describe("classifyInbound", () => {
  it.each(DEFAULT_OPT_OUT_KEYWORDS)("opts out of everything on %s", (keyword) => {
    expect(classifyInbound(text(keyword), settings)).toEqual({ action: "opt_out", scope: "all" });
  });

  it.each(DEFAULT_OPT_IN_KEYWORDS)("opts back in on %s", (keyword) => {
    expect(classifyInbound(text(keyword), settings)).toEqual({ action: "opt_in" });
  });

  it("does not treat YES as opting in", () => {
    expect(classifyInbound(text("yes"), settings)).toBeNull();
  });

  it("ignores case, spaces and surrounding punctuation", () => {
    for (const body of ["stop", "  Stop ", "sToP!", "STOP.", "opt   out", "«Unsubscribe»", "stop 🛑"]) {
      expect(classifyInbound(text(body), settings)).toEqual({ action: "opt_out", scope: "all" });
    }
  });

  it("ignores Arabic diacritics, alef forms and tatweel", () => {
    for (const body of ["إِيقَاف", "ايقاف", "أيقاف", "توقــف", "إلغاء  الاشتراك", "الغاء الإشتراك", "إيقاف؟"]) {
      expect(classifyInbound(text(body), settings)).toEqual({ action: "opt_out", scope: "all" });
    }
    expect(classifyInbound(text("اِبدأ"), settings)).toEqual({ action: "opt_in" });
  });

  it("matches the whole message only", () => {
    expect(classifyInbound(text("please stop"), settings)).toBeNull();
    expect(classifyInbound(text("stop sending the wrong size"), settings)).toBeNull();
    expect(classifyInbound(text("لا تلغي الطلب"), settings)).toBeNull();
  });

  it("uses the workspace's own keywords", () => {
    const custom = { optOutKeywords: ["Basta"], optInKeywords: ["Again"] };
    expect(classifyInbound(text("basta"), custom)).toEqual({ action: "opt_out", scope: "all" });
    expect(classifyInbound(text("again"), custom)).toEqual({ action: "opt_in" });
    expect(classifyInbound(text("stop"), custom)).toBeNull();
    expect(classifyInbound(text("stop"), { optOutKeywords: [], optInKeywords: [] })).toBeNull();
  });

  it.each(STOP_PROMOTIONS_TEXTS)("stops marketing only when the %s quick reply is tapped", (label) => {
    expect(classifyInbound({ type: "button", text: label }, settings)).toEqual({
      action: "opt_out",
      scope: "marketing",
    });
  });

  it("stops marketing for the Stop promotions button in any case", () => {
    expect(classifyInbound({ type: "button", text: "STOP PROMOTIONS" }, settings)).toEqual({
      action: "opt_out",
      scope: "marketing",
    });
  });

  it("does not opt out when a business button happens to be titled like a keyword", () => {
    expect(classifyInbound({ type: "button", text: "Cancel" }, settings)).toBeNull();
    expect(classifyInbound({ type: "interactive", text: "End" }, settings)).toBeNull();
    expect(classifyInbound({ type: "interactive", text: "Stop promotions" }, settings)).toBeNull();
  });

  it("does not treat typed 'Stop promotions' as a keyword unless configured", () => {
    expect(classifyInbound(text("Stop promotions"), settings)).toBeNull();
  });

  it("ignores messages without text", () => {
    expect(classifyInbound({ type: "image" }, settings)).toBeNull();
    expect(classifyInbound(text(""), settings)).toBeNull();
    expect(classifyInbound(text("!!!"), settings)).toBeNull();
  });
});

describe("optOutSettingsSchema", () => {
  const issues = (input: unknown) => {
    const result = optOutSettingsSchema.safeParse(input);
    return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}:${i.message}`);
  };

  it("accepts the defaults and trims keywords", () => {
    expect(optOutSettingsSchema.parse(settings)).toEqual(settings);
    expect(optOutSettingsSchema.parse({ optOutKeywords: ["  halt "], optInKeywords: [] })).toEqual({
      optOutKeywords: ["halt"],
      optInKeywords: [],
    });
  });

  it("rejects blank and over-long keywords", () => {
    expect(issues({ optOutKeywords: ["  "], optInKeywords: [] })).toEqual([
      "optOutKeywords.0:keywordRequired",
    ]);
    expect(issues({ optOutKeywords: ["x".repeat(40)], optInKeywords: ["y".repeat(41)] })).toEqual([
      "optInKeywords.0:keywordTooLong",
    ]);
  });

  it("allows at most 50 keywords per list", () => {
    const many = (n: number, p: string) => Array.from({ length: n }, (_, i) => `${p}${i}`);
    expect(issues({ optOutKeywords: many(50, "a"), optInKeywords: many(50, "b") })).toEqual([]);
    expect(issues({ optOutKeywords: many(51, "a"), optInKeywords: [] })).toEqual([
      "optOutKeywords:optOutKeywordsTooMany",
    ]);
    expect(issues({ optOutKeywords: [], optInKeywords: many(51, "b") })).toEqual([
      "optInKeywords:optInKeywordsTooMany",
    ]);
  });

  it("rejects a keyword that would both stop and restart messages", () => {
    expect(issues({ optOutKeywords: ["Stop"], optInKeywords: ["start", " STOP! "] })).toEqual([
      "optInKeywords.1:keywordInBothLists",
    ]);
  });

  it("has an English and an Arabic text for each of its messages", () => {
    const keys = [
      "keywordRequired",
      "keywordTooLong",
      "optOutKeywordsTooMany",
      "optInKeywordsTooMany",
      "keywordInBothLists",
    ];
    for (const key of keys) {
      expect(en.validation).toHaveProperty(key);
      expect(ar.validation).toHaveProperty(key);
    }
  });
});
