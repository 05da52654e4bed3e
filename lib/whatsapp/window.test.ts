import { describe, expect, it } from "vitest";
import { SERVICE_WINDOW_MS, isInsideServiceWindow, serviceWindowClosesAt } from "./window";

const wrote = new Date("2025-06-08T12:00:00Z");
const later = (ms: number) => new Date(wrote.getTime() + ms);

describe("customer-service window", () => {
  it("lasts 24 hours", () => {
    expect(SERVICE_WINDOW_MS).toBe(86_400_000);
  });

  it("is open right after the contact writes and until just before 24 hours", () => {
    expect(isInsideServiceWindow(wrote, wrote)).toBe(true);
    expect(isInsideServiceWindow(wrote, later(23 * 3_600_000))).toBe(true);
    expect(isInsideServiceWindow(wrote, later(SERVICE_WINDOW_MS - 1))).toBe(true);
  });

  it("is closed from 24 hours on", () => {
    expect(isInsideServiceWindow(wrote, later(SERVICE_WINDOW_MS))).toBe(false);
    expect(isInsideServiceWindow(wrote, later(3 * SERVICE_WINDOW_MS))).toBe(false);
  });

  it("is closed when the contact never wrote or the date is invalid", () => {
    expect(isInsideServiceWindow(null, wrote)).toBe(false);
    expect(isInsideServiceWindow(undefined, wrote)).toBe(false);
    expect(isInsideServiceWindow(new Date("nope"), wrote)).toBe(false);
  });

  it("treats a last message stamped slightly in the future as just written", () => {
    expect(isInsideServiceWindow(later(5_000), wrote)).toBe(true);
  });

  it("defaults to the current time", () => {
    expect(isInsideServiceWindow(new Date(Date.now() - 60_000))).toBe(true);
    expect(isInsideServiceWindow(new Date(Date.now() - SERVICE_WINDOW_MS - 60_000))).toBe(false);
  });

  it("says when the window closes", () => {
    expect(serviceWindowClosesAt(wrote)).toEqual(new Date("2025-06-09T12:00:00Z"));
    expect(serviceWindowClosesAt(null)).toBeNull();
    expect(serviceWindowClosesAt(new Date(Number.NaN))).toBeNull();
  });
});
