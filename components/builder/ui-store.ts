"use client";

import { create } from "zustand";

/** Which side-panel tab and which overlays are open; kept apart from the graph so it never re-renders nodes. */
interface BuilderUi {
  /** edit: the canvas and its settings; runs: the canvas shows how runs went through it (read-only). */
  mode: "edit" | "runs";
  panel: "step" | "issues";
  shortcutsOpen: boolean;
  historyOpen: boolean;
  setMode: (mode: "edit" | "runs") => void;
  setPanel: (panel: "step" | "issues") => void;
  setShortcutsOpen: (open: boolean) => void;
  setHistoryOpen: (open: boolean) => void;
}

export const useBuilderUi = create<BuilderUi>()((set) => ({
  mode: "edit",
  panel: "issues",
  shortcutsOpen: false,
  historyOpen: false,
  setMode: (mode) => set({ mode }),
  setPanel: (panel) => set({ panel }),
  setShortcutsOpen: (shortcutsOpen) => set({ shortcutsOpen }),
  setHistoryOpen: (historyOpen) => set({ historyOpen }),
}));
