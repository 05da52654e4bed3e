/** Saves text as a file through a temporary object URL: no server round trip, works offline. */
export function downloadTextFile(fileName: string, text: string, type = "application/json"): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // revoked on the next tick: revoking synchronously can cancel the download in some browsers
  window.setTimeout(() => URL.revokeObjectURL(url), 0);
}
