import { PNG } from 'pngjs';

/** The brand colour of the colour icon and the manifest's `accentColor`. */
export const ACCENT_COLOR = '#2F5BEA';

// The icon is a key: a ring with a shaft and two teeth, in coordinates where
// the drawing area is the unit square.
const RING = { x: 0.32, y: 0.5, outer: 0.2, inner: 0.1 };
const BARS = [
  { left: 0.5, right: 0.88, top: 0.455, bottom: 0.545 },
  { left: 0.7, right: 0.77, top: 0.545, bottom: 0.68 },
  { left: 0.81, right: 0.88, top: 0.545, bottom: 0.64 },
];
const SAMPLES = 4;

function isInsideKey(x: number, y: number): boolean {
  const distance = Math.hypot(x - RING.x, y - RING.y);
  if (distance <= RING.outer && distance >= RING.inner) return true;
  return BARS.some((bar) => x >= bar.left && x <= bar.right && y >= bar.top && y <= bar.bottom);
}

/** Returns the share of a pixel the key covers, from 4×4 samples, so edges are smooth. */
function keyCoverage(column: number, row: number, size: number, margin: number): number {
  const area = size * (1 - 2 * margin);
  let hits = 0;
  for (let i = 0; i < SAMPLES; i += 1) {
    for (let j = 0; j < SAMPLES; j += 1) {
      const x = (column + (i + 0.5) / SAMPLES - size * margin) / area;
      const y = (row + (j + 0.5) / SAMPLES - size * margin) / area;
      if (isInsideKey(x, y)) hits += 1;
    }
  }
  return hits / (SAMPLES * SAMPLES);
}

function hexToRgb(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
}

/** Draws the 192×192 colour icon: a white key on the accent colour. */
export function drawColorIcon(): Buffer {
  const size = 192;
  const png = new PNG({ width: size, height: size });
  const [red, green, blue] = hexToRgb(ACCENT_COLOR);

  for (let row = 0; row < size; row += 1) {
    for (let column = 0; column < size; column += 1) {
      const cover = keyCoverage(column, row, size, 0.18);
      const offset = (row * size + column) * 4;
      png.data[offset] = Math.round(red + (255 - red) * cover);
      png.data[offset + 1] = Math.round(green + (255 - green) * cover);
      png.data[offset + 2] = Math.round(blue + (255 - blue) * cover);
      png.data[offset + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

/** Draws the 32×32 outline icon that Teams requires: white on a transparent background. */
export function drawOutlineIcon(): Buffer {
  const size = 32;
  const png = new PNG({ width: size, height: size });

  for (let row = 0; row < size; row += 1) {
    for (let column = 0; column < size; column += 1) {
      const offset = (row * size + column) * 4;
      png.data[offset] = 255;
      png.data[offset + 1] = 255;
      png.data[offset + 2] = 255;
      png.data[offset + 3] = Math.round(255 * keyCoverage(column, row, size, 0.02));
    }
  }
  return PNG.sync.write(png);
}
