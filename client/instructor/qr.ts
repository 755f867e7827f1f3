/** A QR code of a join link, large enough to project; the qrcode package is loaded only when one is drawn. */
import { el } from "../ui/dom.ts";

/** A canvas that shows the QR code of `text` once the library has loaded (`size` CSS pixels wide). */
export function qrCanvas(text: string, size: number, id: string): HTMLCanvasElement {
  const canvas = el("canvas", { id, class: "console-qr", role: "img", "aria-label": text });
  void import("qrcode").then((qr) =>
    qr.toCanvas(canvas, text, { width: size, margin: 2, errorCorrectionLevel: "M" }).then(() => canvas.setAttribute("data-drawn", "")),
  );
  return canvas;
}
