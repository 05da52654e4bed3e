import { describe, expect, it } from "vitest";
import { dayStart, isDay, isSettling } from "./message-times";

describe("dayStart", () => {
  it("turns a picked day into local midnight, and the day after for an inclusive end", () => {
    expect(dayStart("2024-05-14")).toEqual(new Date(2024, 4, 14));
    expect(dayStart("2024-05-31", 1)).toEqual(new Date(2024, 5, 1));
  });

  it("refuses what is not a day someone could pick", () => {
    expect(dayStart("")).toBeUndefined();
    expect(dayStart("14/05/2024")).toBeUndefined();
    expect(dayStart("2024-02-31")).toBeUndefined();
    expect(isDay("2024-13-01")).toBe(false);
    expect(isDay("2024-02-29")).toBe(true);
  });
});

describe("isSettling", () => {
  const now = new Date("2024-05-14T12:00:00Z").getTime();
  const at = (msAgo: number) => new Date(now - msAgo);

  it("keeps watching a message until it is delivered", () => {
    for (const status of ["pending", "accepted", "sent"]) {
      expect(isSettling({ status, deliveredAt: null, createdAt: at(3_600_000) }, now)).toBe(true);
    }
  });

  it("waits a while for the read receipt of a delivered message, then stops", () => {
    expect(isSettling({ status: "delivered", deliveredAt: at(5_000), createdAt: at(6_000) }, now)).toBe(true);
    expect(
      isSettling({ status: "delivered", deliveredAt: at(3_600_000), createdAt: at(3_600_000) }, now),
    ).toBe(false);
  });

  it("stops for messages that cannot change any more", () => {
    for (const status of ["read", "failed", "received"]) {
      expect(isSettling({ status, deliveredAt: null, createdAt: at(0) }, now)).toBe(false);
    }
  });
});
