/** Saves text as a file through a temporary object URL. */
export function downloadJson(fileName: string, content: unknown): void {
  const text = typeof content === "string" ? content : JSON.stringify(content, null, 2);
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked on the next tick: revoking at once can cancel the download in some browsers.
  window.setTimeout(() => URL.revokeObjectURL(url), 0);
}
