// Draws the app icons as PNG files with no dependencies: a lightning bolt on the brand
// colour, rasterised with 4×4 supersampling and written by png.mjs. Run `npm run icons`
// after changing the design; the PNGs are committed (public/icons/).
//   icon-*.png      rounded square, transparent corners ("any")
//   maskable-*.png  full-bleed square, bolt inside the 80 % safe zone ("maskable")
import { mkdirSync, writeFileSync } from 'node:fs';
import { encodePng } from './png.mjs';

const BRAND = [0xa3, 0x15, 0x4a];
const WHITE = [0xff, 0xff, 0xff];
// The bolt, in a unit square.
const BOLT = [[0.56, 0.06], [0.74, 0.06], [0.58, 0.40], [0.78, 0.40], [0.36, 0.94], [0.46, 0.54], [0.24, 0.54]];

function inPolygon(x, y, poly) {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i];
    const [xj, yj] = poly[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inRoundedSquare(x, y, r) {
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** RGBA pixels of one icon. `boltScale` shrinks the bolt around the centre. */
function draw(size, { rounded, boltScale }) {
  const px = Buffer.alloc(size * size * 4);
  const S = 4;
  for (let py = 0; py < size; py++) {
    for (let pxi = 0; pxi < size; pxi++) {
      let bg = 0, fg = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const x = (pxi + (sx + 0.5) / S) / size;
          const y = (py + (sy + 0.5) / S) / size;
          if (rounded && !inRoundedSquare(x, y, 0.22)) continue;
          const bx = (x - 0.5) / boltScale + 0.5;
          const by = (y - 0.5) / boltScale + 0.5;
          if (inPolygon(bx, by, BOLT)) fg++;
          else bg++;
        }
      }
      const n = S * S;
      const cover = (bg + fg) / n;
      const o = (py * size + pxi) * 4;
      for (let c = 0; c < 3; c++) px[o + c] = bg + fg ? Math.round((BRAND[c] * bg + WHITE[c] * fg) / (bg + fg)) : 0;
      px[o + 3] = Math.round(cover * 255);
    }
  }
  return px;
}

const png = (size, rgba) => encodePng(size, size, rgba, { channels: 4, level: 9 });

const out = new URL('../public/icons/', import.meta.url);
mkdirSync(out, { recursive: true });
for (const size of [192, 512]) {
  writeFileSync(new URL(`icon-${size}.png`, out), png(size, draw(size, { rounded: true, boltScale: 0.8 })));
  writeFileSync(new URL(`maskable-${size}.png`, out), png(size, draw(size, { rounded: false, boltScale: 0.6 })));
}
console.log('icons written to public/icons/');
