// The installable app: a valid web manifest with PNG icons of the sizes it claims, a
// service worker (served under a CSP that lets it fetch its own origin, and revalidated)
// that controls the page and precaches the whole app shell in its install, the shell
// served offline (also on deep links such as /s/:id), and nothing from /api/ in its cache.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, until, useServerAndBrowser } from './lib/web.mjs';

let srv;
let browser;

useServerAndBrowser((env) => ({ srv, browser } = env));

function pngSize(buf) {
  assert.deepEqual([...buf.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  assert.equal(buf.subarray(12, 16).toString('ascii'), 'IHDR');
  return [buf.readUInt32BE(16), buf.readUInt32BE(20)];
}

test('the manifest is linked, valid, and its icons are real PNGs of the stated sizes', async () => {
  const { ctx, page } = await openPage(browser, srv, '/');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  const res = await fetch(new URL(href, srv.url));
  assert.equal(res.status, 200);
  const m = await res.json();
  assert.ok(m.name && m.short_name, 'name and short_name');
  assert.equal(m.display, 'standalone');
  assert.ok(m.start_url.startsWith('/'));
  assert.match(m.theme_color, /^#[0-9a-f]{6}$/i);
  assert.match(m.background_color, /^#[0-9a-f]{6}$/i);
  const themeMeta = await page.locator('meta[name="theme-color"]').getAttribute('content');
  assert.equal(themeMeta.toLowerCase(), m.theme_color.toLowerCase());
  for (const [size, purpose] of [['192x192', 'any'], ['512x512', 'any'], ['192x192', 'maskable'], ['512x512', 'maskable']]) {
    const icon = m.icons.find((i) => i.sizes === size && (i.purpose ?? 'any').split(' ').includes(purpose));
    assert.ok(icon, `icon ${size} ${purpose}`);
    assert.equal(icon.type, 'image/png');
    const r = await fetch(new URL(icon.src, srv.url));
    assert.equal(r.status, 200, icon.src);
    const [w, h] = pngSize(Buffer.from(await r.arrayBuffer()));
    assert.equal(`${w}x${h}`, size, icon.src);
  }
  await ctx.close();
});

test('the worker and the manifest are revalidated, and the worker may fetch its own origin', async () => {
  const sw = await fetch(new URL('/sw.js', srv.url));
  assert.equal(sw.status, 200);
  assert.match(sw.headers.get('content-type'), /javascript/);
  assert.match(sw.headers.get('cache-control'), /no-cache/);
  const csp = sw.headers.get('content-security-policy') ?? '';
  assert.match(csp, /default-src 'self'/, `worker CSP: ${csp}`);
  assert.doesNotMatch(csp, /default-src 'none'/);
  const m = await fetch(new URL('/manifest.webmanifest', srv.url));
  assert.equal(m.status, 200);
  assert.match(m.headers.get('cache-control'), /no-cache/);
});

test('the service worker controls the page and serves the app shell offline', { timeout: 60000 }, async () => {
  const { ctx, page } = await openPage(browser, srv, '/');
  await page.getByRole('heading', { name: 'Live auctions, seconds to win' }).waitFor();
  await until(page, 'a controlling service worker', () => navigator.serviceWorker.controller?.state === 'activated');
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  assert.equal(scope, `${srv.url}/`);

  const cached = await page.evaluate(async () => {
    const urls = [];
    for (const name of await caches.keys()) for (const req of await (await caches.open(name)).keys()) urls.push(new URL(req.url).pathname);
    return urls;
  });
  assert.ok(cached.includes('/index.html'), `index.html precached: ${cached}`);
  // The worker's install stored its whole shell list (the page does not fill the cache).
  const swText = await (await fetch(new URL('/sw.js', srv.url))).text();
  const shell = JSON.parse(swText.match(/const SHELL = (\[[^\]]*\]);/)[1]);
  assert.ok(shell.length >= 5, `shell list: ${shell}`);
  for (const u of shell) assert.ok(cached.includes(u), `${u} precached by the worker: ${cached}`);
  assert.ok(cached.some((u) => /^\/assets\/.+\.js$/.test(u)), 'the JS precached');
  assert.ok(cached.some((u) => /^\/assets\/.+\.css$/.test(u)), 'the CSS precached');
  assert.ok(!cached.some((u) => u.startsWith('/api/') || u.startsWith('/socket.io/')), 'nothing from /api/ or /socket.io/');

  await ctx.setOffline(true);
  await page.reload();
  await page.getByRole('heading', { name: 'Live auctions, seconds to win' }).waitFor();
  await page.getByRole('link', { name: 'Blytz home' }).waitFor();
  // A deep link opened offline gets the same shell, and the route renders.
  await page.goto('/search?q=kamera');
  await page.getByRole('heading', { name: 'Search', exact: true }).waitFor();
  await page.goto('/s/123');
  await page.getByRole('link', { name: 'Blytz home' }).waitFor();
  // API calls are not answered from a cache: offline, they fail and the page says so.
  const api = await page.evaluate(() => fetch('/api/v1/categories').then((r) => `status ${r.status}`, () => 'failed'));
  assert.equal(api, 'failed');
  await ctx.setOffline(false);
  await page.goto('/');
  await page.getByRole('heading', { name: 'Live auctions, seconds to win' }).waitFor();
  assert.deepEqual(ctx.errors, []);
  await ctx.close();
});
