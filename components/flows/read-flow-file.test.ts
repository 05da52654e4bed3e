import { describe, expect, it } from "vitest";
import { FLOW_FILE_MAX_BYTES } from "@/lib/flow/inputs";
import { readFlowFile } from "./read-flow-file";

const fileOf = (text: string, name = "flow.raqi-flow.json") =>
  new File([text], name, { type: "application/json" });

describe("readFlowFile", () => {
  it("parses an exported flow file and previews its name and node count", async () => {
    const exported = {
      format: "raqi-flow",
      formatVersion: 1,
      name: "Order shipped",
      description: "",
      document: { version: 1, nodes: [{ id: "a" }, { id: "b" }], edges: [] },
    };
    const read = await readFlowFile(fileOf(JSON.stringify(exported)));
    expect(read).toEqual({
      ok: true,
      fileName: "flow.raqi-flow.json",
      content: exported,
      preview: { name: "Order shipped", nodeCount: 2 },
    });
  });

  it("counts the nodes of a bare flow document, which has no name", async () => {
    const read = await readFlowFile(fileOf(JSON.stringify({ version: 1, nodes: [{ id: "a" }], edges: [] })));
    expect(read.ok && read.preview).toEqual({ name: undefined, nodeCount: 1 });
  });

  it("says a file that is not JSON is not JSON, with the parser's words", async () => {
    const read = await readFlowFile(fileOf("{ not json", "notes.json"));
    expect(read).toMatchObject({ ok: false, fileName: "notes.json", problem: "notJson" });
    expect(!read.ok && read.detail).toBeTruthy();
  });

  it("refuses a file over the size limit without reading it", async () => {
    const read = await readFlowFile(fileOf("x".repeat(FLOW_FILE_MAX_BYTES + 1)));
    expect(read).toMatchObject({ ok: false, problem: "tooLarge" });
  });

  it("leaves judging valid JSON that is not a flow to the server", async () => {
    const read = await readFlowFile(fileOf("[1, 2, 3]"));
    expect(read).toMatchObject({ ok: true, content: [1, 2, 3], preview: {} });
  });
});
