"use client";

import { useEffect } from "react";
import { create } from "zustand";
import type { FlowDocument } from "@/lib/flow/schema";
import { currentDocument, useBuilderStore } from "./store";

export type SaveStatus = "saved" | "saving" | "unsaved" | "conflict" | "error";

export interface ConflictInfo {
  currentRevision: number | null;
  updatedByName: string | null;
  updatedAt: Date | null;
}

interface SaveState {
  status: SaveStatus;
  /** The draft revision this editor's document is based on. */
  revision: number;
  /** The builder's docVersion that was last stored. */
  savedVersion: number;
  lastSavedAt: Date | null;
  conflict: ConflictInfo | null;
  error: unknown;
}

export const useSaveStore = create<SaveState>()(() => ({
  status: "saved",
  revision: 1,
  savedVersion: 0,
  lastSavedAt: null,
  conflict: null,
  error: null,
}));

/** Marks what the builder holds now as what the server has (after load, reload or restore). */
export function markSaved(revision: number, at: Date | null = null): void {
  useSaveStore.setState({
    status: "saved",
    revision,
    savedVersion: useBuilderStore.getState().docVersion,
    lastSavedAt: at,
    conflict: null,
    error: null,
  });
}

export function hasUnsavedChanges(): boolean {
  const { status } = useSaveStore.getState();
  return status !== "saved";
}

type SendDraft = (
  document: FlowDocument,
  revision: number,
  force: boolean,
) => Promise<{ revision: number; updatedAt: Date }>;

interface ErrorLike {
  data?: {
    code?: string;
    details?: {
      reason?: unknown;
      currentRevision?: unknown;
      updatedByName?: unknown;
      updatedAt?: unknown;
    } | null;
  } | null;
}

function conflictOf(error: unknown): ConflictInfo | null {
  const data = (error as ErrorLike).data;
  if (data?.code !== "CONFLICT" || data.details?.reason !== "stale") return null;
  const d = data.details;
  return {
    currentRevision: typeof d.currentRevision === "number" ? d.currentRevision : null,
    updatedByName: typeof d.updatedByName === "string" ? d.updatedByName : null,
    updatedAt:
      d.updatedAt instanceof Date
        ? d.updatedAt
        : typeof d.updatedAt === "string"
          ? new Date(d.updatedAt)
          : null,
  };
}

const DEBOUNCE_MS = 800;
const RETRY_MS = 5000;

/**
 * Saves the draft ~800 ms after the last change, one request at a time, always against the revision it
 * last got back. A stale revision turns into the "conflict" state (the dialog offers reload / overwrite)
 * and pauses saving until the user chooses.
 */
export class DraftSaver {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: Promise<boolean> | null = null;

  constructor(private readonly send: SendDraft) {}

  /** Follows the builder's changes; returns the unsubscribe function. */
  start(): () => void {
    const unsubscribe = useBuilderStore.subscribe((s, prev) => {
      if (s.docVersion === prev.docVersion) return;
      const save = useSaveStore.getState();
      if (save.status === "conflict") return;
      if (s.docVersion !== save.savedVersion && save.status !== "saving") {
        useSaveStore.setState({ status: "unsaved" });
      }
      this.schedule(DEBOUNCE_MS);
    });
    return () => {
      unsubscribe();
      clearTimeout(this.timer);
    };
  }

  private schedule(ms: number) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.saveNow(), ms);
  }

  /** Saves now if anything is unsaved; resolves true when the server has the current document. */
  async saveNow(force = false): Promise<boolean> {
    clearTimeout(this.timer);
    while (this.inFlight) await this.inFlight;
    const state = useSaveStore.getState();
    const version = useBuilderStore.getState().docVersion;
    if (!force && version === state.savedVersion && state.status !== "error") return true;
    if (!force && state.status === "conflict") return false;
    if (useBuilderStore.getState().readOnly) return false;

    useSaveStore.setState({ status: "saving" });
    const attempt = this.send(currentDocument(), state.revision, force).then(
      (result) => {
        const changedSince = useBuilderStore.getState().docVersion !== version;
        useSaveStore.setState({
          revision: result.revision,
          savedVersion: version,
          lastSavedAt: result.updatedAt,
          status: changedSince ? "unsaved" : "saved",
          conflict: null,
          error: null,
        });
        if (changedSince) this.schedule(DEBOUNCE_MS);
        return true;
      },
      (error: unknown) => {
        const conflict = conflictOf(error);
        if (conflict) {
          useSaveStore.setState({ status: "conflict", conflict, error });
        } else {
          useSaveStore.setState({ status: "error", error });
          this.schedule(RETRY_MS);
        }
        return false;
      },
    );
    this.inFlight = attempt;
    try {
      return await attempt;
    } finally {
      this.inFlight = null;
    }
  }

  stop() {
    clearTimeout(this.timer);
  }
}

/** Warns before the tab closes or reloads while the draft is not stored yet. */
export function useLeaveWarning() {
  useEffect(() => {
    function onBeforeUnload(event: BeforeUnloadEvent) {
      if (!hasUnsavedChanges()) return;
      event.preventDefault();
      // Chromium still needs returnValue set for the native prompt.
      event.returnValue = "";
    }
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, []);
}
