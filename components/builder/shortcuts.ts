"use client";

import { useReactFlow } from "@xyflow/react";
import { useEffect, useRef } from "react";
import { fragmentOf, parseFragment, serializeFragment, type FlowFragment } from "./clipboard";
import type { BuilderEdge, BuilderNode } from "./graph";
import { useBuilderStore } from "./store";

/** Every keyboard shortcut, as the shortcuts sheet lists them ("mod" is ⌘ on a Mac, Ctrl elsewhere). */
export const SHORTCUTS = [
  { id: "undo", keys: [["mod", "Z"]] },
  {
    id: "redo",
    keys: [
      ["mod", "Shift", "Z"],
      ["Ctrl", "Y"],
    ],
  },
  { id: "copy", keys: [["mod", "C"]] },
  { id: "cut", keys: [["mod", "X"]] },
  { id: "paste", keys: [["mod", "V"]] },
  { id: "duplicate", keys: [["mod", "D"]] },
  { id: "delete", keys: [["Delete"], ["Backspace"]] },
  { id: "selectAll", keys: [["mod", "A"]] },
  {
    id: "multiSelect",
    keys: [
      ["mod", "click"],
      ["Shift", "drag"],
    ],
  },
  { id: "deselect", keys: [["Esc"]] },
  { id: "fitView", keys: [["Shift", "1"]] },
  { id: "zoomIn", keys: [["+"]] },
  { id: "zoomOut", keys: [["-"]] },
  { id: "layout", keys: [["Shift", "L"]] },
  { id: "shortcuts", keys: [["?"]] },
] as const;

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT";
}

/** Keys typed into a dialog, a menu or a form field belong to it, not to the canvas. */
function belongsElsewhere(target: EventTarget | null): boolean {
  if (isEditable(target)) return true;
  return (
    target instanceof HTMLElement &&
    Boolean(target.closest('[role="dialog"],[role="alertdialog"],[role="menu"]'))
  );
}

function hasTextSelection(): boolean {
  const selection = window.getSelection();
  return Boolean(selection && !selection.isCollapsed && selection.toString().trim());
}

export interface ShortcutActions {
  onShowShortcuts: () => void;
  onLayout: () => void;
}

/**
 * Window-level shortcuts and clipboard for the canvas. Copy/cut/paste use the clipboard events (not the
 * async Clipboard API), so they need no permission and work between flows, tabs and windows.
 */
export function useBuilderShortcuts({ onShowShortcuts, onLayout }: ShortcutActions) {
  const rf = useReactFlow<BuilderNode, BuilderEdge>();
  const actions = useRef({ onShowShortcuts, onLayout });
  useEffect(() => {
    actions.current = { onShowShortcuts, onLayout };
  });
  const lastPaste = useRef<{ text: string; count: number }>({ text: "", count: 0 });
  const memory = useRef<string>("");

  useEffect(() => {
    function paste(fragment: FlowFragment, text: string) {
      const s = useBuilderStore.getState();
      if (s.readOnly) return;
      const count = lastPaste.current.text === text ? lastPaste.current.count + 1 : 1;
      lastPaste.current = { text, count };
      // In view: a little offset from the original; otherwise (another flow) in the middle of the view.
      const xs = fragment.nodes.map((n) => n.position.x);
      const ys = fragment.nodes.map((n) => n.position.y);
      const box = { x: Math.min(...xs), y: Math.min(...ys), right: Math.max(...xs), bottom: Math.max(...ys) };
      const pane = document.querySelector('[data-testid="builder-canvas"]')?.getBoundingClientRect();
      let offset = { x: 32 * count, y: 32 * count };
      if (pane) {
        const tl = rf.screenToFlowPosition({ x: pane.left, y: pane.top });
        const br = rf.screenToFlowPosition({ x: pane.right, y: pane.bottom });
        const inView = box.right >= tl.x && box.x <= br.x && box.bottom >= tl.y && box.y <= br.y;
        if (!inView) {
          const cx = (tl.x + br.x) / 2 - (box.right - box.x) / 2 - 128;
          const cy = (tl.y + br.y) / 2 - (box.bottom - box.y) / 2 - 40;
          offset = {
            x: Math.round((cx - box.x) / 16) * 16 + 32 * (count - 1),
            y: Math.round((cy - box.y) / 16) * 16 + 32 * (count - 1),
          };
        }
      }
      s.pasteFragment(fragment, offset);
    }

    function onKeyDown(e: KeyboardEvent) {
      if (e.defaultPrevented || belongsElsewhere(e.target)) return;
      const s = useBuilderStore.getState();
      const mod = e.metaKey || e.ctrlKey;
      const key = e.key.toLowerCase();
      // Inside the side panel, Delete and select-all act on its buttons and text, never on the canvas.
      const inPanel = e.target instanceof HTMLElement && Boolean(e.target.closest("[data-builder-panel]"));
      if (inPanel && (e.key === "Delete" || e.key === "Backspace" || (mod && key === "a"))) return;
      let handled = true;
      if (mod && key === "z" && !e.shiftKey) s.undo();
      else if ((mod && key === "z" && e.shiftKey) || (e.ctrlKey && !e.shiftKey && key === "y")) s.redo();
      else if (mod && key === "d") {
        const fragment = fragmentOf(s.nodes, s.edges);
        if (fragment && !s.readOnly) s.pasteFragment(fragment, { x: 32, y: 32 });
      } else if (mod && key === "a") s.selectAll();
      else if (!mod && (e.key === "Delete" || e.key === "Backspace")) s.deleteSelection();
      else if (e.key === "Escape") s.clearSelection();
      else if (e.key === "?") actions.current.onShowShortcuts();
      else if (!mod && e.shiftKey && e.code === "Digit1")
        void rf.fitView({ padding: 0.2, duration: 250, maxZoom: 1 });
      else if (!mod && (e.key === "+" || e.key === "=")) void rf.zoomIn({ duration: 150 });
      else if (!mod && e.key === "-") void rf.zoomOut({ duration: 150 });
      else if (!mod && e.shiftKey && key === "l" && !s.readOnly) actions.current.onLayout();
      else handled = false;
      if (handled) e.preventDefault();
    }

    function onCopy(e: ClipboardEvent, cut: boolean) {
      if (belongsElsewhere(e.target) || hasTextSelection()) return;
      const s = useBuilderStore.getState();
      const fragment = fragmentOf(s.nodes, s.edges);
      if (!fragment) return;
      const text = serializeFragment(fragment);
      e.clipboardData?.setData("text/plain", text);
      memory.current = text;
      lastPaste.current = { text, count: 0 };
      e.preventDefault();
      if (cut) s.deleteSelection();
    }

    function onPaste(e: ClipboardEvent) {
      if (belongsElsewhere(e.target)) return;
      const text = e.clipboardData?.getData("text/plain") || memory.current;
      const fragment = parseFragment(text);
      if (!fragment) return;
      e.preventDefault();
      paste(fragment, text);
    }

    const copy = (e: ClipboardEvent) => onCopy(e, false);
    const cut = (e: ClipboardEvent) => onCopy(e, true);
    window.addEventListener("keydown", onKeyDown);
    document.addEventListener("copy", copy);
    document.addEventListener("cut", cut);
    document.addEventListener("paste", onPaste);
    return () => {
      window.removeEventListener("keydown", onKeyDown);
      document.removeEventListener("copy", copy);
      document.removeEventListener("cut", cut);
      document.removeEventListener("paste", onPaste);
    };
  }, [rf]);
}
