import { expect, type Locator, type Page } from "@playwright/test";

/** The seven node types, in palette order (NODE_TYPES). */
export type NodeType =
  "trigger" | "condition" | "template-send" | "wait-for-reply" | "opt-out" | "delay" | "send-text";

export function canvas(page: Page): Locator {
  return page.getByTestId("builder-canvas");
}

/** Waits for the canvas to be interactive: viewport set and the nodes in view measured. */
export async function builderReady(page: Page): Promise<void> {
  await expect(canvas(page)).toHaveAttribute("data-canvas-ready", "true");
}

/** The steps drawn on the canvas (one element per node, whatever its type). */
export function canvasNodes(page: Page): Locator {
  return canvas(page).locator('[data-testid^="rf-node-"]');
}

/** The connections drawn on the canvas. */
export function canvasEdges(page: Page): Locator {
  return canvas(page).locator(".react-flow__edge");
}

/** The nodes of this type on the canvas (one, in most tests). */
export function canvasNode(page: Page, type: NodeType): Locator {
  return canvas(page).getByTestId(`rf-node-${type}`);
}

export async function expectNodeCount(page: Page, count: number): Promise<void> {
  await expect(canvasNodes(page)).toHaveCount(count);
  await expect(canvas(page)).toHaveAttribute("data-node-count", String(count));
}

/** A node's output dot: by handle id (`next`, `sent`, `timeout`…) or, for a reply branch, by its label. */
export function outputHandle(node: Locator, handle: { id: string } | { label: string }): Locator {
  const selector =
    "id" in handle
      ? `.react-flow__handle.source[data-handleid="${handle.id}"]`
      : `.react-flow__handle.source[aria-label="${handle.label}"]`;
  return node.locator(selector);
}

export function inputHandle(node: Locator): Locator {
  return node.locator(".react-flow__handle.target");
}

async function centreOf(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error("element has no box: is it visible?");
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/**
 * Drags a palette entry onto the canvas with a real HTML5 drag and drop (Chromium fires dragstart,
 * dragover and drop with the palette's data). `at` is relative to the canvas' top-left corner; the new
 * node is centred on it horizontally.
 */
export async function dragFromPalette(page: Page, type: NodeType, at: { x: number; y: number }) {
  const before = await canvasNodes(page).count();
  await page.getByTestId(`palette-${type}`).dragTo(canvas(page), { targetPosition: at });
  await expect(canvasNodes(page)).toHaveCount(before + 1);
}

/**
 * Draws a connection the way a user does: presses on an output dot, moves to the target's input dot and
 * releases there (React Flow listens to the mouse, not to HTML5 drag events).
 */
export async function connect(page: Page, from: Locator, to: Locator): Promise<void> {
  // hovering waits for the dot to stand still (the view may still be panning or zooming)
  await from.hover();
  const start = await centreOf(from);
  const end = await centreOf(to);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move((start.x + end.x) / 2, (start.y + end.y) / 2, { steps: 5 });
  await page.mouse.move(end.x, end.y, { steps: 5 });
  await page.mouse.up();
}

/** Selects a node by clicking on it; its settings open in the side panel. */
export async function selectNode(page: Page, type: NodeType): Promise<Locator> {
  await canvasNode(page, type).click();
  const panel = page.getByTestId(`panel-${type}`);
  await expect(panel).toBeVisible();
  return panel;
}

/** The toolbar's save indicator. */
export function saveStatus(page: Page): Locator {
  return page.getByTestId("save-status");
}

/**
 * Waits for autosave to have stored the draft. Call it after asserting that the last change reached the
 * canvas (a node count, a summary): from then on the indicator is "Unsaved"/"Saving…" until the server
 * has the change, so "Saved" cannot be the state from before it.
 */
export async function waitForSaved(page: Page): Promise<void> {
  await expect(saveStatus(page)).toHaveAttribute("data-status", "saved");
  await expect(saveStatus(page)).toHaveText("Saved");
}

/** The toolbar's issue count (errors + warnings). */
export function issuesCount(page: Page): Locator {
  return page.getByTestId("issues-count");
}

/** Shows the Issues tab of the side panel and returns its list of findings. */
export async function openIssues(page: Page): Promise<Locator> {
  await page.getByTestId("toolbar-issues").click();
  return page.getByTestId("issue");
}
