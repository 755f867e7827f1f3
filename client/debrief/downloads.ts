/** Saving what the debrief makes (CSV, PNG, the log) as a file the browser downloads. */
export function saveBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.style.display = "none";
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own reference to the data once started.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A canvas as a PNG file, on a white background (a chart's canvas is transparent). */
export function saveCanvasPng(fileName: string, canvas: HTMLCanvasElement): void {
  const copy = document.createElement("canvas");
  copy.width = canvas.width;
  copy.height = canvas.height;
  const g = copy.getContext("2d");
  if (!g) return;
  g.fillStyle = "#ffffff";
  g.fillRect(0, 0, copy.width, copy.height);
  g.drawImage(canvas, 0, 0);
  copy.toBlob((blob) => {
    if (blob) saveBlob(fileName, blob);
  }, "image/png");
}
