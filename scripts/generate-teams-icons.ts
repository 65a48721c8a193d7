// Draws the Teams app icons (a white coffee cup) deterministically and writes
// manifests/teams/color.png (192x192, on the manifest's accentColor) and
// outline.png (32x32, white on transparent). Run: node --import tsx scripts/generate-teams-icons.ts
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { encodePng } from "./png.ts";

const TEAMS_DIR = fileURLToPath(new URL("../manifests/teams/", import.meta.url));

type Shape = (x: number, y: number) => boolean;

const roundRect =
  (x0: number, y0: number, x1: number, y1: number, r: number): Shape =>
  (x, y) => {
    const dx = Math.max(x0 + r - x, 0, x - (x1 - r));
    const dy = Math.max(y0 + r - y, 0, y - (y1 - r));
    return dx * dx + dy * dy <= r * r;
  };

/** a stroke of width 2r from (ax, ay) to (bx, by), round caps */
const segment =
  (ax: number, ay: number, bx: number, by: number, r: number): Shape =>
  (x, y) => {
    const vx = bx - ax;
    const vy = by - ay;
    const t = Math.min(1, Math.max(0, ((x - ax) * vx + (y - ay) * vy) / (vx * vx + vy * vy)));
    const dx = x - (ax + t * vx);
    const dy = y - (ay + t * vy);
    return dx * dx + dy * dy <= r * r;
  };

/** the right half of a ring: the cup's handle */
const handle =
  (cx: number, cy: number, outer: number, inner: number): Shape =>
  (x, y) => {
    const d = Math.hypot(x - cx, y - cy);
    return x >= cx && d <= outer && d >= inner;
  };

/** a wisp of steam: a zigzag of three strokes */
const steam = (x: number): Shape[] => [
  segment(x, 0.34, x + 0.03, 0.29, 0.024),
  segment(x + 0.03, 0.29, x, 0.24, 0.024),
  segment(x, 0.24, x + 0.03, 0.19, 0.024),
];

/** The cup in a unit square (0..1, y down), centred on (0.5, 0.5). */
const CUP: Shape[] = [
  roundRect(0.23, 0.39, 0.67, 0.46, 0.015), // rim
  roundRect(0.25, 0.39, 0.65, 0.75, 0.09), // body
  handle(0.65, 0.55, 0.12, 0.06),
  roundRect(0.17, 0.79, 0.81, 0.85, 0.03), // saucer
  ...steam(0.33),
  ...steam(0.43),
  ...steam(0.53),
];

/** Share (0..1) of the pixel's 4x4 sub-samples inside the cup, the cup scaled by `scale` around the centre. */
function coverage(px: number, py: number, size: number, scale: number): number {
  let hits = 0;
  for (let sy = 0; sy < 4; sy++) {
    for (let sx = 0; sx < 4; sx++) {
      const x = ((px + (sx + 0.5) / 4) / size - 0.5) / scale + 0.5;
      const y = ((py + (sy + 0.5) / 4) / size - 0.5) / scale + 0.5;
      if (CUP.some((inside) => inside(x, y))) hits++;
    }
  }
  return hits / 16;
}

function hexToRgb(hex: string): [number, number, number] {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [
    Number.parseInt(match[1] ?? "", 16),
    Number.parseInt(match[2] ?? "", 16),
    Number.parseInt(match[3] ?? "", 16),
  ];
}

/** 192x192: the white cup on a solid square of the accent colour */
export function colorIcon(accentColor: string): Buffer {
  const size = 192;
  const background = hexToRgb(accentColor);
  const rgba = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const c = coverage(x, y, size, 1);
      const i = (y * size + x) * 4;
      for (let k = 0; k < 3; k++) rgba[i + k] = Math.round((background[k] ?? 0) * (1 - c) + 255 * c);
      rgba[i + 3] = 255;
    }
  }
  return encodePng({ width: size, height: size, rgba });
}

/** 32x32: the cup, a little larger, white on transparent (anti-aliased through alpha only) */
export function outlineIcon(): Buffer {
  const size = 32;
  const rgba = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const alpha = Math.round(coverage(x, y, size, 1.2) * 255);
      rgba.set(alpha === 0 ? [0, 0, 0, 0] : [255, 255, 255, alpha], (y * size + x) * 4);
    }
  }
  return encodePng({ width: size, height: size, rgba });
}

export function accentColorOfTemplate(): string {
  const template = JSON.parse(readFileSync(`${TEAMS_DIR}manifest.template.json`, "utf8")) as { accentColor: string };
  return template.accentColor;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(`${TEAMS_DIR}color.png`, colorIcon(accentColorOfTemplate()));
  writeFileSync(`${TEAMS_DIR}outline.png`, outlineIcon());
  console.log(`wrote ${TEAMS_DIR}color.png and ${TEAMS_DIR}outline.png`);
}
