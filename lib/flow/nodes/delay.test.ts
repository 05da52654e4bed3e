import { describe, expect, it } from "vitest";
import { around, check, codes, node } from "../testing";
import type { DelayConfig } from "./delay";

function delayCodes(config: Partial<DelayConfig>) {
  return codes(check(around(node("delay", "pause", config))).filter((f) => f.nodeId === "pause"));
}

describe("delay rules", () => {
  it("needs the path of the time to wait for in until mode", () => {
    expect(delayCodes({ mode: "until", untilPath: "" })).toEqual(["delay.until_path_missing"]);
    expect(delayCodes({ mode: "until", untilPath: "event.appointment_at" })).toEqual([]);
  });

  it("refuses an until path written with braces or with an unknown root", () => {
    expect(delayCodes({ mode: "until", untilPath: "{{event.appointment_at}}" })).toEqual([
      "delay.until_path_invalid",
    ]);
    expect(delayCodes({ mode: "until", untilPath: "booking.at" })).toEqual(["delay.until_unknown_root"]);
  });

  it("refuses durations beyond 30 days", () => {
    expect(delayCodes({ duration: { amount: 31, unit: "days" } })).toEqual(["delay.too_long"]);
    expect(delayCodes({ duration: { amount: 721, unit: "hours" } })).toEqual(["delay.too_long"]);
    expect(delayCodes({ duration: { amount: 30, unit: "days" } })).toEqual([]);
  });

  it("ignores the duration in until mode and the until path in duration mode", () => {
    expect(
      delayCodes({ mode: "until", untilPath: "event.at", duration: { amount: 99, unit: "days" } }),
    ).toEqual([]);
    expect(delayCodes({ mode: "duration", untilPath: "" })).toEqual([]);
  });
});
