import { describe, expect, it } from "vitest";
import { collapseStatuses } from "./collapse-statuses";

const at = (second: number) => new Date(Date.UTC(2026, 2, 1, 10, 0, second));
const status = (
  id: string,
  value: "sent" | "delivered" | "read" | "failed" | "played",
  second: number,
  code?: number,
) => ({
  id,
  status: value,
  timestamp: at(second),
  recipientId: "966500000001",
  errors: code ? [{ code, title: `error ${code}`, details: `details ${code}` }] : [],
});

describe("collapseStatuses", () => {
  it("keeps one entry per wamid with the furthest status and the first time of each status", () => {
    const { collapsed } = collapseStatuses([
      status("a", "read", 30),
      status("a", "sent", 10),
      status("a", "delivered", 21),
      status("a", "delivered", 20),
      status("b", "sent", 11),
    ]);

    expect(collapsed).toEqual([
      expect.objectContaining({
        wamid: "a",
        status: "read",
        rank: 5,
        sentAt: at(10),
        deliveredAt: at(20),
        readAt: at(30),
        failedAt: null,
      }),
      expect.objectContaining({ wamid: "b", status: "sent", rank: 2, sentAt: at(11), deliveredAt: null }),
    ]);
  });

  it("lets delivered and read overtake failed, and failed overtake sent", () => {
    const { collapsed } = collapseStatuses([
      status("a", "failed", 15, 131026),
      status("a", "delivered", 20),
      status("b", "sent", 10),
      status("b", "failed", 15, 131047),
    ]);

    expect(collapsed.map((c) => [c.wamid, c.status])).toEqual([
      ["a", "delivered"],
      ["b", "failed"],
    ]);
    expect(collapsed[0]).toMatchObject({
      failedAt: at(15),
      errorCode: 131026,
      errorTitle: "error 131026",
      errorDetails: "details 131026",
    });
  });

  it("counts played as read", () => {
    expect(collapseStatuses([status("a", "played", 40)]).collapsed[0]).toMatchObject({
      status: "read",
      readAt: at(40),
    });
  });

  it("keeps the error of the earliest failure", () => {
    const { collapsed } = collapseStatuses([
      status("a", "failed", 20, 131000),
      status("a", "failed", 15, 131050),
    ]);

    expect(collapsed[0]).toMatchObject({ failedAt: at(15), errorCode: 131050 });
  });

  it("falls back to the error message when Meta sends no title", () => {
    const { collapsed } = collapseStatuses([
      { ...status("a", "failed", 15), errors: [{ code: 131026, message: "Message undeliverable" }] },
    ]);

    expect(collapsed[0]).toMatchObject({ errorTitle: "Message undeliverable", errorDetails: null });
  });

  it("ignores a status with an invalid time", () => {
    const { collapsed, ignored } = collapseStatuses([
      { ...status("a", "sent", 1), timestamp: new Date(Number.NaN) },
    ]);

    expect(collapsed).toEqual([]);
    expect(ignored).toBe(1);
  });
});
