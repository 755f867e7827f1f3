/** Reading the drawn map in a browser test: a page pixel's colour, and where a place is on screen. */
import { expect } from "vitest";
import type { Page } from "playwright-core";

export type Rgb = [number, number, number];
export const rgbOf = (hex: string): Rgb => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as Rgb;

export async function pixelAt(page: Page, x: number, y: number): Promise<Rgb> {
  const png = await page.screenshot({ clip: { x: Math.round(x) - 1, y: Math.round(y) - 1, width: 3, height: 3 } });
  return page.evaluate(`(async () => {
    const img = new Image();
    img.src = "data:image/png;base64,${png.toString("base64")}";
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = img.width;
    canvas.height = img.height;
    const g = canvas.getContext("2d");
    g.drawImage(img, 0, 0);
    return Array.from(g.getImageData(1, 1, 1, 1).data).slice(0, 3);
  })()`);
}

export async function screenOf(page: Page, lon: number, lat: number): Promise<{ x: number; y: number }> {
  const at = await page.evaluate(`globalThis.__bnr.screenOf(${lon}, ${lat})`);
  if (!at) throw new Error(`no screen position for ${lon}, ${lat}`);
  return at as { x: number; y: number };
}

export function expectColour(actual: Rgb, hex: string, where: string): void {
  const expected = rgbOf(hex);
  const off = Math.max(...actual.map((c, i) => Math.abs(c - (expected[i] ?? 0))));
  expect(off, `${where}: got rgb(${actual.join(",")}), expected ${hex}`).toBeLessThanOrEqual(12);
}
