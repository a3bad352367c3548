// Browser-test helpers: build the web app when web/dist is missing or older than its sources,
// launch Debian's chromium through playwright-core (never a downloaded browser), open
// contexts signed in as a given user, and bounded waits. Servers come from
// tests/api/lib/harness.mjs, which serves web/dist (BLYTZ_STATIC_DIR).
import { execFileSync } from 'node:child_process';
import { before, after } from 'node:test';
import { existsSync, readdirSync, readFileSync, statSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { api, startServer } from '../../api/lib/harness.mjs';

export const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const web = join(repo, 'web');
export const shots = join(repo, 'test-results/e2e');

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** True when dist/index.html is a build of ours whose scripts and styles are all there. */
function distComplete(index) {
  if (!existsSync(index) || !existsSync(join(web, 'dist/sw.js'))) return false;
  const refs = [...readFileSync(index, 'utf8').matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1]);
  return refs.some((r) => r.endsWith('.js')) && refs.every((r) => existsSync(join(web, 'dist', r)));
}

/**
 * Build web/dist unless it is complete and newer than every source. web/dist is build
 * output, never in git: `make test` builds it first, and a direct `node --test` run builds
 * it here when it is missing or stale.
 */
export function ensureWebBuilt() {
  const index = join(web, 'dist/index.html');
  const sources = Math.max(newest(join(web, 'src')), newest(join(web, 'public')), newest(join(web, 'sw')),
    statSync(join(web, 'index.html')).mtimeMs, statSync(join(web, 'vite.config.ts')).mtimeMs);
  const built = distComplete(index) ? statSync(index).mtimeMs : 0;
  if (built >= sources) return;
  if (!existsSync(join(web, 'node_modules'))) execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: web, stdio: 'inherit' });
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: web, stdio: 'inherit' });
}

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_BIN || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
  });
}

/**
 * A browser context (its own storage, like a separate person). With `session` (what
 * registerUser returns) the app starts signed in as that user. Page errors are collected
 * in `ctx.errors` so a test can assert there were none.
 */
export async function newContext(browser, srv, { session, viewport = { width: 1280, height: 800 }, ...opts } = {}) {
  const ctx = await browser.newContext({ baseURL: srv.url, viewport, ...opts });
  ctx.errors = [];
  if (session) {
    const value = JSON.stringify({ user: session.user, access_token: session.access_token, refresh_token: session.refresh_token });
    await ctx.addInitScript((v) => {
      if (location.protocol !== 'http:') return; // about:blank has no storage
      if (!localStorage.getItem('blytz.session')) localStorage.setItem('blytz.session', v);
    }, value);
  }
  ctx.on('page', (p) => p.on('pageerror', (e) => ctx.errors.push(e.message)));
  return ctx;
}

export async function newPage(ctx) {
  const page = await ctx.newPage();
  page.setDefaultTimeout(15000);
  return page;
}

/** A new context (newContext: `opts.session` signs it in) with one page, opened at `path`. */
export async function openPage(browser, srv, path, opts = {}) {
  const ctx = await newContext(browser, srv, opts);
  const page = await newPage(ctx);
  await page.goto(path);
  return { ctx, page };
}

/** Wait until `fn` (run in the page) returns truthy; fail with `what` after `ms`. */
export async function until(page, what, fn, arg, ms = 15000) {
  try {
    return await page.waitForFunction(fn, arg, { timeout: ms, polling: 50 });
  } catch (e) {
    throw new Error(`timed out waiting for ${what}: ${e.message.split('\n')[0]}`);
  }
}

/** A tiny valid PNG (the app's own icon) for image uploads. */
export const samplePng = join(web, 'public/icons/icon-512.png');
/** A second, different PNG (a show cover). */
export const sampleCover = join(web, 'public/icons/maskable-512.png');

/** A seller with a product (with a photo) and a live show; optionally a running auction. */
export async function liveShow(srv, seller, { auction, title = 'Kamera Filem Lama', products = 1 } = {}) {
  const { readFileSync } = await import('node:fs');
  const ids = [];
  for (let i = 0; i < products; i++) {
    const p = await api(srv, 'POST', '/api/v1/products', {
      token: seller.access_token,
      body: { title: i ? `${title} ${i + 1}` : title, description: 'Tested and working.', condition: 'good', quantity: 1, buy_now_price: 15000, shipping_weight_g: 700 },
    });
    if (p.status !== 201) throw new Error(`product: ${p.status} ${p.text}`);
    const img = await api(srv, 'POST', `/api/v1/products/${p.json.product.id}/images`, {
      token: seller.access_token, body: readFileSync(samplePng), headers: { 'content-type': 'image/png' },
    });
    if (img.status !== 201) throw new Error(`image: ${img.status} ${img.text}`);
    ids.push(p.json.product.id);
  }
  const s = await api(srv, 'POST', '/api/v1/streams', {
    token: seller.access_token,
    body: { title: 'Malam Retro Live', starts_at: new Date(Date.now() + 3600e3).toISOString(), product_ids: ids },
  });
  if (s.status !== 201) throw new Error(`stream: ${s.status} ${s.text}`);
  const live = await api(srv, 'POST', `/api/v1/streams/${s.json.stream.id}/live`, { token: seller.access_token });
  if (live.status !== 200) throw new Error(`live: ${live.status} ${live.text}`);
  let a = null;
  if (auction) {
    const r = await api(srv, 'POST', `/api/v1/streams/${s.json.stream.id}/auctions`, {
      token: seller.access_token,
      body: { product_id: ids[0], starting_bid: 100, duration_s: 120, mode: 'standard', ...auction },
    });
    if (r.status !== 201) throw new Error(`auction: ${r.status} ${r.text}`);
    a = r.json.auction;
  }
  return { stream: s.json.stream, productIds: ids, auction: a };
}

export async function bidApi(srv, who, auctionId, amount) {
  const r = await api(srv, 'POST', `/api/v1/auctions/${auctionId}/bids`, { token: who.access_token, body: { amount } });
  if (r.status !== 201) throw new Error(`bid ${amount}: ${r.status} ${r.text}`);
  return r.json;
}

/**
 * Press and hold a hold-to-act button (show/HoldButton.tsx) with the mouse long enough for
 * it to act; `ms` shorter than its 600 ms is a tap that must do nothing.
 */
export async function hold(locator, ms = 900) {
  const page = locator.page();
  await locator.scrollIntoViewIfNeeded();
  const box = await locator.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.waitForTimeout(ms);
  await page.mouse.up();
}

/**
 * What is wrong with a page's layout at viewport width `vw`: horizontal overflow, and each of
 * `selectors` (its first match) not visible, without size or outside the width. `name` heads
 * each line.
 */
export async function layoutProblems(page, name, selectors, vw) {
  const problems = [];
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  if (scrollWidth > clientWidth) problems.push(`${name}: horizontal overflow ${scrollWidth} > ${clientWidth}`);
  for (const sel of selectors) {
    const el = page.locator(sel).first();
    if (!(await el.isVisible())) {
      problems.push(`${name}: ${sel} not visible`);
      continue;
    }
    const box = await el.boundingBox();
    if (box.x < 0 || box.x + box.width > vw + 0.5) problems.push(`${name}: ${sel} outside the width (${box.x}..${box.x + box.width} of ${vw})`);
    if (box.width < 1 || box.height < 1) problems.push(`${name}: ${sel} has no size`);
  }
  return problems;
}

export function shotPath(name) {
  mkdirSync(shots, { recursive: true });
  return join(shots, `${name}.png`);
}

/**
 * Each browser test file's setup: before its tests, build the web app if needed, start a
 * private blytz and a headless Chromium, then run `ready(env)` (the file's own fixtures);
 * after them, stop both. `env.srv` and `env.browser` are set once `before` has run.
 */
export function useServerAndBrowser(ready) {
  const env = { srv: null, browser: null };
  before(async () => {
    ensureWebBuilt();
    env.srv = await startServer();
    env.browser = await launch();
    if (ready) await ready(env);
  });
  after(async () => {
    await env.browser?.close();
    await env.srv?.stop();
  });
  return env;
}
