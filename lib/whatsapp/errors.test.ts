import { describe, expect, it } from "vitest";
import en from "../i18n/messages/metaErrors.en.json";
import ar from "../i18n/messages/metaErrors.ar.json";
import {
  META_ERROR_CODES,
  TIMEOUT_ERROR_CODE,
  UNKNOWN_ERROR_MAX_ATTEMPTS,
  describeMetaError,
  metaErrorMessageKey,
  type MetaErrorKind,
} from "./errors";

const expected: [number, MetaErrorKind, boolean][] = [
  [130429, "rate_limit", true],
  [131056, "pair_limit", true],
  [80007, "rate_limit", true],
  [4, "rate_limit", true],
  [131000, "unknown", true],
  [131016, "unavailable", true],
  [1, "unavailable", true],
  [2, "unavailable", true],
  [131057, "unavailable", true],
  [TIMEOUT_ERROR_CODE, "timeout", true],
  [131047, "window", false],
  [131026, "undeliverable", false],
  [131051, "unsupported", false],
  [132000, "template", false],
  [132001, "template", false],
  [132005, "template", false],
  [132007, "template", false],
  [132012, "template", false],
  [132015, "template", false],
  [132016, "template", false],
  [131049, "marketing_limit", false],
  [131050, "opted_out", false],
  [131048, "spam", false],
  [190, "auth", false],
  [368, "restricted", false],
  [100, "invalid", false],
  [131008, "invalid", false],
  [131009, "invalid", false],
  [10, "auth", false],
  [200, "auth", false],
];

describe("describeMetaError", () => {
  it.each(expected)("classifies %i as %s (retryable: %s)", (code, kind, retryable) => {
    const info = describeMetaError(code);
    expect(info).toMatchObject({ code, kind, retryable });
    expect(info.title.length).toBeGreaterThan(0);
    expect(info.explanation.length).toBeGreaterThan(0);
    expect(info.fix.length).toBeGreaterThan(0);
  });

  it("knows exactly the codes of the table", () => {
    expect([...META_ERROR_CODES].sort((a, b) => a - b)).toEqual(
      expected.map(([c]) => c).sort((a, b) => a - b),
    );
  });

  it("tells the user to send a template when the 24-hour window has closed", () => {
    const info = describeMetaError(131047, 400);
    expect(info.explanation).toBe(
      "More than 24 hours have passed since the customer last wrote, so only an approved template can be sent.",
    );
    expect(info.fix).toBe("Send an approved template instead.");
  });

  it("bounds the retries of an unknown WhatsApp failure and only of that", () => {
    expect(describeMetaError(131000).maxAttempts).toBe(UNKNOWN_ERROR_MAX_ATTEMPTS);
    expect(describeMetaError(130429).maxAttempts).toBeUndefined();
  });

  it("asks to reconnect when the token expired", () => {
    expect(describeMetaError(190).fix).toMatch(/reconnect/i);
  });

  it("lets a known code win over the HTTP status", () => {
    expect(describeMetaError(131047, 500)).toMatchObject({ kind: "window", retryable: false });
    expect(describeMetaError(130429, 400)).toMatchObject({ kind: "rate_limit", retryable: true });
  });

  it("treats an unknown code with a 4xx status as a permanent rejection", () => {
    expect(describeMetaError(999999, 400)).toMatchObject({ code: 999999, kind: "invalid", retryable: false });
    expect(describeMetaError(undefined, 403)).toMatchObject({ code: 0, kind: "invalid", retryable: false });
  });

  it("retries an unknown code with a 5xx status", () => {
    expect(describeMetaError(999999, 502)).toMatchObject({ kind: "unavailable", retryable: true });
    expect(describeMetaError(undefined, 500)).toMatchObject({ kind: "unavailable", retryable: true });
  });

  it("retries 408 as a timeout and 429 as a rate limit", () => {
    expect(describeMetaError(undefined, 408)).toMatchObject({ kind: "timeout", retryable: true });
    expect(describeMetaError(undefined, 429)).toMatchObject({ kind: "rate_limit", retryable: true });
  });

  it("does not retry an unknown code reported without a status (a failed-status webhook)", () => {
    expect(describeMetaError(777, undefined)).toMatchObject({ code: 777, kind: "unknown", retryable: false });
    expect(describeMetaError(undefined)).toMatchObject({ code: 0, kind: "unknown", retryable: false });
  });
});

describe("metaErrorMessageKey", () => {
  it("keys a known code by itself and unknown codes by their fallback", () => {
    expect(metaErrorMessageKey(describeMetaError(131047))).toBe("131047");
    expect(metaErrorMessageKey(describeMetaError(-1))).toBe("-1");
    expect(metaErrorMessageKey(describeMetaError(5, 400))).toBe("rejected");
    expect(metaErrorMessageKey(describeMetaError(5, 503))).toBe("temporary");
    expect(metaErrorMessageKey(describeMetaError(5))).toBe("unknown");
    expect(metaErrorMessageKey(describeMetaError(undefined, 408))).toBe("-1");
    expect(metaErrorMessageKey(describeMetaError(undefined, 429))).toBe("4");
  });

  it("has an English and an Arabic text for every key it can return", () => {
    const keys = [...META_ERROR_CODES.map(String), "unknown", "rejected", "temporary"].sort();
    expect(Object.keys(en).sort()).toEqual(keys);
    expect(Object.keys(ar).sort()).toEqual(keys);
    for (const texts of Object.values(ar)) {
      expect(texts.title).toMatch(/\p{Script=Arabic}/u);
      expect(texts.explanation).toMatch(/\p{Script=Arabic}/u);
      expect(texts.fix).toMatch(/\p{Script=Arabic}/u);
    }
  });

  it("keeps the English translations identical to the table", () => {
    const messages: Record<string, { title: string; explanation: string; fix: string }> = en;
    for (const code of META_ERROR_CODES) {
      const { title, explanation, fix } = describeMetaError(code);
      expect(messages[String(code)]).toEqual({ title, explanation, fix });
    }
  });
});
