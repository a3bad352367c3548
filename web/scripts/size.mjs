// Prints the gzip'd size of the JavaScript that dist/index.html loads at first load: its
// module scripts and modulepreload links (and what they import statically, which Vite
// lists as modulepreloads). Lazy chunks (the seller studio) are not counted. Fails the
// build when the total passes the budget.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET = 150 * 1024;
const dist = new URL('../dist/', import.meta.url);
const html = readFileSync(new URL('index.html', dist), 'utf8');

const files = new Set();
for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)) files.add(m[1]);
for (const m of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*>/g)) {
  const href = /\bhref="([^"]+)"/.exec(m[0]);
  if (href) files.add(href[1]);
}
if (!files.size) {
  console.error('size: dist/index.html loads no script');
  process.exit(1);
}

let total = 0;
let raw = 0;
for (const f of files) {
  const bytes = readFileSync(new URL(f.replace(/^\//, ''), dist));
  const gz = gzipSync(bytes, { level: 9 }).length;
  total += gz;
  raw += bytes.length;
  console.log(`  ${f}  ${(bytes.length / 1024).toFixed(1)} KiB, gzip ${(gz / 1024).toFixed(1)} KiB`);
}
console.log(`first-load JS: ${(total / 1024).toFixed(1)} KiB gzip (${(raw / 1024).toFixed(1)} KiB raw), budget ${BUDGET / 1024} KiB`);
if (total > BUDGET) {
  console.error('size: over budget');
  process.exit(1);
}
