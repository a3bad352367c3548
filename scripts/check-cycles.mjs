#!/usr/bin/env node
// No circles between source files (docs/architecture.md): file A depends on file B when A's
// object uses a symbol B's object defines. A cycle among files means a piece sits in the wrong
// place; move it to where it belongs. Reads the objects of a CMake build directory with nm.
// Usage: scripts/check-cycles.mjs BUILD_DIR   (exit 1 and the cycles when there are any)
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const build = process.argv[2];
if (!build) {
  console.error('usage: check-cycles.mjs BUILD_DIR');
  process.exit(2);
}

// The objects of the server's libraries: BUILD/src/<folder>/CMakeFiles/<lib>.dir/<file>.c.o
function objects(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) objects(path, out);
    else if (name.endsWith('.c.o')) out.push(path);
  }
  return out;
}

// "src/http/CMakeFiles/bz_http.dir/conn.c.o" -> "bz_http:conn.c"
function fileName(obj) {
  const rel = relative(join(build, 'src'), obj);
  const m = rel.match(/CMakeFiles\/([^/]+)\.dir\/(.+)\.o$/);
  return m ? `${m[1]}:${m[2]}` : rel;
}

const defines = new Map(); // symbol -> file
const uses = new Map();    // file -> Set(symbol)
for (const obj of objects(join(build, 'src'))) {
  const file = fileName(obj);
  const used = new Set();
  for (const line of execFileSync('nm', [obj], { encoding: 'utf8' }).split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length === 3 && 'TDBR'.includes(f[1])) defines.set(f[2], file);
    else if (f.length === 2 && f[0] === 'U') used.add(f[1]);
  }
  uses.set(file, used);
}

const edges = new Map();
for (const [file, used] of uses) {
  const to = new Set();
  for (const sym of used) {
    const def = defines.get(sym);
    if (def && def !== file && def.split(':')[0] === file.split(':')[0]) to.add(def);
  }
  edges.set(file, to);
}

// Tarjan's strongly connected components; any component of two or more files is a cycle.
let index = 0;
const idx = new Map(), low = new Map(), stack = [], on = new Set(), cycles = [];
function visit(v) {
  idx.set(v, index); low.set(v, index); index++;
  stack.push(v); on.add(v);
  for (const w of edges.get(v) ?? []) {
    if (!idx.has(w)) { visit(w); low.set(v, Math.min(low.get(v), low.get(w))); }
    else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
  }
  if (low.get(v) === idx.get(v)) {
    const c = [];
    let w;
    do { w = stack.pop(); on.delete(w); c.push(w); } while (w !== v);
    if (c.length > 1) cycles.push(c.sort());
  }
}
for (const v of edges.keys()) if (!idx.has(v)) visit(v);

for (const c of cycles) console.log(`check-cycles: ${c.join(' <-> ')}`);
process.exit(cycles.length ? 1 : 0);
