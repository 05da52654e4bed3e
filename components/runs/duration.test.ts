import { describe, expect, it } from "vitest";
import { durationParts, elapsed } from "./duration";

describe("durationParts", () => {
  it("keeps the two largest units of a length", () => {
    expect(durationParts(400)).toEqual({ unit: "under_second" });
    expect(durationParts(42_900)).toEqual({ unit: "seconds", s: 42 });
    expect(durationParts(65_000)).toEqual({ unit: "minutes", m: 1, s: 5 });
    expect(durationParts((3 * 3600 + 25 * 60 + 9) * 1000)).toEqual({ unit: "hours", h: 3, m: 25 });
    expect(durationParts((50 * 3600 + 60) * 1000)).toEqual({ unit: "days", d: 2, h: 2 });
  });

  it("treats a clock running slightly behind the server as no time at all", () => {
    expect(durationParts(-1500)).toEqual({ unit: "under_second" });
  });
});

describe("elapsed", () => {
  it("measures to the end, or to now while the run goes on", () => {
    const start = new Date(1_000);
    expect(elapsed(start, new Date(6_000), 99_000)).toBe(5_000);
    expect(elapsed(start, null, 11_000)).toBe(10_000);
    expect(elapsed(null, null, 11_000)).toBeNull();
  });
});
