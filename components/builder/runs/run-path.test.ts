import { describe, expect, it } from "vitest";
import { runPath } from "./run-path";

const edges = [
  { id: "e1", source: "trigger", sourceHandle: "next", target: "notify" },
  { id: "e2", source: "notify", sourceHandle: "sent", target: "wait" },
  { id: "e3", source: "wait", sourceHandle: "track", target: "tracking-link" },
  { id: "e4", source: "wait", sourceHandle: "talk", target: "handover" },
];

describe("runPath", () => {
  it("follows the branch the run took and nothing else", () => {
    const path = runPath(
      "run-1",
      [
        { nodeId: "wait", seq: 2, status: "completed", handle: "track" },
        { nodeId: "trigger", seq: 0, status: "completed", handle: "next" },
        { nodeId: "notify", seq: 1, status: "completed", handle: "sent" },
        { nodeId: "tracking-link", seq: 3, status: "completed", handle: null },
      ],
      edges,
    );
    expect(path.edges).toEqual({ e1: true, e2: true, e3: true });
    expect(Object.keys(path.nodes)).toEqual(["trigger", "notify", "wait", "tracking-link"]);
  });

  it("shows a run parked on a wait as waiting there, with no way out yet", () => {
    const path = runPath(
      "run-2",
      [
        { nodeId: "trigger", seq: 0, status: "completed", handle: "next" },
        { nodeId: "notify", seq: 1, status: "completed", handle: "sent" },
        { nodeId: "wait", seq: 2, status: "waiting", handle: null },
      ],
      edges,
    );
    expect(path.nodes.wait).toBe("waiting");
    expect(path.edges).toEqual({ e1: true, e2: true });
  });
});
