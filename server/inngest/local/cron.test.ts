import { describe, expect, it } from "vitest";
import { nextCronTime, parseCron } from "./cron";

const next = (expression: string, after: string) =>
  nextCronTime(parseCron(expression), new Date(after))?.toISOString();

describe("cron schedules (UTC)", () => {
  it("finds the next minute a schedule names", () => {
    expect(next("0 * * * *", "2026-01-01T10:15:30Z")).toBe("2026-01-01T11:00:00.000Z");
    expect(next("*/15 * * * *", "2026-01-01T10:15:00Z")).toBe("2026-01-01T10:30:00.000Z");
    expect(next("30 3 * * *", "2026-01-01T10:00:00Z")).toBe("2026-01-02T03:30:00.000Z");
    expect(next("0 9 * * mon-fri", "2026-01-02T10:00:00Z")).toBe("2026-01-05T09:00:00.000Z");
    expect(next("0 0 1 jan *", "2026-03-01T00:00:00Z")).toBe("2027-01-01T00:00:00.000Z");
    expect(next("@daily", "2026-01-01T23:59:00Z")).toBe("2026-01-02T00:00:00.000Z");
  });

  it("rejects what it cannot honour", () => {
    expect(() => parseCron("TZ=Europe/Paris 0 * * * *")).toThrow();
    expect(() => parseCron("61 * * * *")).toThrow();
    expect(() => parseCron("* * *")).toThrow();
  });
});
