"use client";

import { create } from "zustand";

/** Which side-panel tab and which overlays are open; kept apart from the graph so it never re-renders nodes. */
interface BuilderUi {
  panel: "step" | "issues";
  shortcutsOpen: boolean;
  historyOpen: boolean;
  setPanel: (panel: "step" | "issues") => void;
  setShortcutsOpen: (open: boolean) => void;
  setHistoryOpen: (open: boolean) => void;
}

export const useBuilderUi = create<BuilderUi>()((set) => ({
  panel: "issues",
  shortcutsOpen: false,
  historyOpen: false,
  setPanel: (panel) => set({ panel }),
  setShortcutsOpen: (shortcutsOpen) => set({ shortcutsOpen }),
  setHistoryOpen: (historyOpen) => set({ historyOpen }),
}));
