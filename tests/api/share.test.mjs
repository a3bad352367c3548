// Share pages: GET /s/{stream_id} and /p/{product_id} answer the web app's
// index.html with the show's or product's title, description and Open Graph
// tags rendered into <head> (docs/share-pages.md); without an index.html they
// answer a minimal page of our own with the same tags.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, api, registerSeller } from './lib/harness.mjs';

const TINY_PNG = readFileSync(new URL('../../fuzz/corpus/image_intake/tiny.png', import.meta.url));
const DAY = 24 * 3600 * 1000;
const HOSTILE = `"><script>alert(1)</script> Kamera 'Yashica' & Co`;
const LONG_DESC = `Kamera filem klasik, dijaga rapi. ${'Lensa jernih, tiada kulat — 日本製 📷. '.repeat(12)}`;

// A template shaped like a Vite build: its own title and share tags, which the server replaces.
const TEMPLATE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <link rel="icon" href="/favicon.svg" />
    <meta name="viewport" content="width=device-width, initial-scale=1.0" />
    <title>Blytz</title>
    <meta name="description" content="Template description" />
    <meta property="og:title" content="Template title" />
    <meta name="twitter:card" content="summary" />
    <script type="module" crossorigin src="/assets/index-3f2a1b.js"></script>
    <link rel="stylesheet" href="/assets/index-9c8d7e.css" />
  </head>
  <body>
    <div id="app"></div>
  </body>
</html>
`;

let srv; // static dir with TEMPLATE, base URL from the Host header
let apiOnly; // no index.html, BLYTZ_PUBLIC_URL set
let webDir, emptyDir;
let seller, product, bare, show, bareShow;

const decode = (s) => s.replace(/&(quot|#39|lt|gt|amp);/g, (_, e) => ({ quot: '"', '#39': "'", lt: '<', gt: '>', amp: '&' })[e]);

/** Every <meta name|property=... content=...> of a page, decoded: { key: [values] }. */
function metas(html) {
  const out = {};
  for (const m of html.matchAll(/<meta (name|property)="([^"]*)" content="([^"]*)">/g)) {
    (out[m[2]] ??= []).push(decode(m[3]));
  }
  return out;
}
const one = (html, key) => {
  const v = metas(html)[key];
  assert.ok(v, `${key} is missing`);
  assert.equal(v.length, 1, `${key} appears ${v.length} times`);
  return v[0];
};
const titles = (html) => [...html.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => decode(m[1]));

/** GET with full control of the headers (fetch does not let us set Host). */
function get(server, path, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function newProduct(s, body, image = true) {
  const r = await api(srv, 'POST', '/api/v1/products', {
    token: s.access_token,
    body: { condition: 'good', quantity: 1, shipping_weight_g: 500, ...body },
  });
  assert.equal(r.status, 201, r.text);
  if (!image) return r.json.product;
  const img = await api(srv, 'POST', `/api/v1/products/${r.json.product.id}/images`, {
    token: s.access_token, body: TINY_PNG, headers: { 'content-type': 'image/png' },
  });
  assert.equal(img.status, 201, img.text);
  return { ...r.json.product, images: [img.json.image] };
}

async function newShow(s, body) {
  const r = await api(srv, 'POST', '/api/v1/streams', {
    token: s.access_token,
    body: { starts_at: new Date(Date.now() + DAY).toISOString(), ...body },
  });
  assert.equal(r.status, 201, r.text);
  return r.json.stream;
}

before(async () => {
  webDir = mkdtempSync(join(tmpdir(), 'blytz-share-web-'));
  emptyDir = mkdtempSync(join(tmpdir(), 'blytz-share-empty-'));
  writeFileSync(join(webDir, 'index.html'), TEMPLATE);
  srv = await startServer({ env: { BLYTZ_STATIC_DIR: webDir } });
  seller = await registerSeller(srv);
  product = await newProduct(seller, { title: HOSTILE, description: LONG_DESC, buy_now_price: 12345 });
  bare = await newProduct(seller, { title: 'Setem lama 1957', description: '' }, false);
  show = await newShow(seller, { title: `Malam Retro ${HOSTILE}`.slice(0, 120), description: 'Kamera & jam <b>antik</b>', product_ids: [bare.id, product.id] });
  bareShow = await newShow(seller, { title: 'Setem sahaja', product_ids: [bare.id] });
});

after(async () => {
  await srv?.stop();
  await apiOnly?.stop();
  rmSync(webDir, { recursive: true, force: true });
  rmSync(emptyDir, { recursive: true, force: true });
});

test('GET /p/{id}: the app page with the product’s tags, escaped, absolute URLs', async () => {
  const r = await get(srv, `/p/${product.id}`, { accept: 'text/html' });
  assert.equal(r.status, 200);
  assert.equal(r.headers['content-type'], 'text/html; charset=utf-8');
  const html = r.text;
  // The SPA is intact: its scripts, styles and mount point.
  assert.ok(html.includes('<script type="module" crossorigin src="/assets/index-3f2a1b.js"></script>'));
  assert.ok(html.includes('<link rel="stylesheet" href="/assets/index-9c8d7e.css" />'));
  assert.ok(html.includes('<div id="app"></div>'));
  assert.ok(html.includes('<meta charset="UTF-8" />'));
  // The template's own title and share tags are replaced, not duplicated.
  assert.deepEqual(titles(html), [`${HOSTILE} | Blytz`]);
  assert.ok(!html.includes('Template'));
  const head = html.slice(0, html.indexOf('</head>'));
  assert.ok(head.includes('<meta property="og:title"'), 'tags are inside <head>');
  // Hostile input never becomes markup.
  assert.ok(!html.includes('<script>alert'));
  assert.ok(!html.includes('"><script>'));
  assert.ok(html.includes('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.equal(one(html, 'og:title'), HOSTILE);
  assert.equal(one(html, 'og:type'), 'product');
  assert.equal(one(html, 'og:site_name'), 'Blytz');
  assert.equal(one(html, 'og:url'), `${srv.url}/p/${product.id}`);
  assert.ok(html.includes(`<link rel="canonical" href="${srv.url}/p/${product.id}">`));
  const large = product.images[0].urls.large;
  assert.equal(one(html, 'og:image'), large.startsWith('http') ? large : srv.url + large);
  assert.match(one(html, 'og:image'), /^http:\/\/127\.0\.0\.1:\d+\/media\/products\/\d+\/\d+-large\.webp$/);
  assert.equal(one(html, 'og:image:width'), String(product.images[0].width));
  assert.equal(one(html, 'product:price:amount'), '123.45');
  assert.equal(one(html, 'product:price:currency'), 'MYR');
  assert.equal(one(html, 'twitter:card'), 'summary_large_image');
  // The description: price first, whitespace tidied, at most 200 code points, cut with "…".
  const desc = one(html, 'description');
  assert.equal(one(html, 'og:description'), desc);
  assert.ok(desc.startsWith('RM 123.45 · Kamera filem klasik, dijaga rapi. Lensa jernih'), desc);
  assert.ok([...desc].length <= 200, `${[...desc].length} code points`);
  assert.ok(desc.endsWith('…'));
  assert.ok(!desc.includes('\uFFFD'), 'never cut inside a character');
  // Security headers and caching for a page that changes.
  assert.equal(r.headers['x-content-type-options'], 'nosniff');
  assert.match(r.headers['content-security-policy'], /script-src 'self'/);
  assert.equal(r.headers['cache-control'], 'public, max-age=60');
  assert.match(r.headers.etag, /^"sh-[0-9a-f]{16}"$/);
  const again = await get(srv, `/p/${product.id}`, { 'if-none-match': r.headers.etag });
  assert.equal(again.status, 304);
  assert.equal(again.text, '');
  // HEAD answers the same headers without a body.
  const head2 = await api(srv, 'HEAD', `/p/${product.id}`);
  assert.equal(head2.status, 200);
  assert.equal(head2.headers.get('etag'), r.headers.etag);
});

test('crawlers get the same card whatever they accept', async () => {
  const a = await get(srv, `/p/${product.id}`, { accept: '*/*', 'user-agent': 'WhatsApp/2.23.20.0' });
  const b = await get(srv, `/p/${product.id}`, { 'user-agent': 'TelegramBot (like TwitterBot)' });
  assert.equal(a.status, 200);
  assert.equal(a.text, b.text);
  assert.equal(one(a.text, 'og:title'), HOSTILE);
});

test('a product without an image or price: no price tags, summary card', async () => {
  const r = await get(srv, `/p/${bare.id}`);
  assert.equal(r.status, 200);
  const m = metas(r.text);
  assert.equal(one(r.text, 'og:title'), 'Setem lama 1957');
  assert.equal(one(r.text, 'description'), 'Setem lama 1957 on Blytz.');
  assert.equal(m['og:image'], undefined);
  assert.equal(m['product:price:amount'], undefined);
  assert.equal(one(r.text, 'twitter:card'), 'summary');
});

test('GET /s/{id}: a show’s tags; the cover is the first lineup photo', async () => {
  const r = await get(srv, `/s/${show.id}`);
  assert.equal(r.status, 200);
  const html = r.text;
  assert.equal(one(html, 'og:type'), 'video.other');
  assert.equal(one(html, 'og:title'), show.title);
  assert.deepEqual(titles(html), [`${show.title} | Blytz`]);
  assert.equal(one(html, 'description'), 'Kamera & jam <b>antik</b>');
  assert.ok(html.includes('content="Kamera &amp; jam &lt;b&gt;antik&lt;/b&gt;"'));
  assert.ok(!html.includes('<b>antik'));
  assert.ok(!html.includes('<script>alert'));
  assert.equal(one(html, 'og:url'), `${srv.url}/s/${show.id}`);
  const large = product.images[0].urls.large; // the first lineup product has no photo
  assert.equal(one(html, 'og:image'), large.startsWith('http') ? large : srv.url + large);
  assert.equal(metas(html)['product:price:amount'], undefined);
  assert.ok(html.includes('<div id="app"></div>'));
});

test('a show without a photo and without a description: generated text, then the site image', async () => {
  let r = await get(srv, `/s/${bareShow.id}`);
  assert.equal(r.status, 200);
  assert.match(one(r.text, 'description'), new RegExp(`^A live show by ${seller.seller.shop_name} on Blytz, \\w{3} \\d{1,2} \\w{3} \\d{4}, \\d{1,2}:\\d{2} [ap]m MYT\\.$`));
  assert.equal(metas(r.text)['og:image'], undefined);
  assert.equal(one(r.text, 'twitter:card'), 'summary');
  // With og-image.png in the static dir it becomes the fallback image.
  writeFileSync(join(webDir, 'og-image.png'), TINY_PNG);
  try {
    r = await get(srv, `/s/${bareShow.id}`);
    assert.equal(one(r.text, 'og:image'), `${srv.url}/og-image.png`);
    assert.equal(one(r.text, 'twitter:card'), 'summary_large_image');
  } finally {
    unlinkSync(join(webDir, 'og-image.png'));
  }
});

test('unknown or invalid ids: 404 with the app page and generic tags only', async () => {
  for (const path of ['/p/999', '/s/999', '/s/abc', '/p/-1', `/s/${product.id}`, `/p/${show.id}`]) {
    const r = await get(srv, path, { accept: 'text/html' });
    assert.equal(r.status, 404, path);
    assert.equal(r.headers['content-type'], 'text/html; charset=utf-8');
    assert.equal(r.headers['cache-control'], 'no-cache');
    assert.ok(r.text.includes('<div id="app"></div>'), 'a human still gets the app');
    assert.deepEqual(titles(r.text), ['Not found | Blytz']);
    assert.equal(one(r.text, 'og:title'), 'Not found');
    assert.equal(one(r.text, 'robots'), 'noindex');
    const m = metas(r.text);
    assert.equal(m['og:url'], undefined);
    assert.equal(m['og:image'], undefined);
    assert.equal(m['product:price:amount'], undefined);
    for (const leak of ['Kamera', 'Setem', 'Malam Retro', 'media/products']) {
      assert.ok(!r.text.includes(leak), `${path} shows ${leak}`);
    }
  }
  assert.match(one((await get(srv, '/s/1')).text, 'description'), /show is not on Blytz/);
  assert.match(one((await get(srv, '/p/1')).text, 'description'), /product is not on Blytz/);
});

test('the base URL comes from a safe Host header, else localhost', async () => {
  let r = await get(srv, `/p/${product.id}`, { host: 'shop.example.my' });
  assert.equal(one(r.text, 'og:url'), `http://shop.example.my/p/${product.id}`);
  assert.match(one(r.text, 'og:image'), /^http:\/\/shop\.example\.my\/media\//);
  r = await get(srv, `/p/${product.id}`, { host: 'shop.example.my:8443', 'x-forwarded-proto': 'https' });
  assert.equal(one(r.text, 'og:url'), `https://shop.example.my:8443/p/${product.id}`);
  for (const host of ['evil.example"><script>x</script>', 'a b.example', 'x.example/path', 'user@x.example']) {
    r = await get(srv, `/p/${product.id}`, { host });
    assert.equal(r.status, 200, host);
    assert.equal(one(r.text, 'og:url'), `http://localhost:8080/p/${product.id}`, host);
    assert.ok(!r.text.includes('evil'));
  }
});

test('index.html is re-read when it changes; without it the server renders its own page', async () => {
  const path = join(webDir, 'index.html');
  try {
    writeFileSync(path, TEMPLATE.replace('<div id="app"></div>', '<div id="app" data-build="2"></div>'));
    let r = await get(srv, `/p/${product.id}`);
    assert.ok(r.text.includes('data-build="2"'), 'the new template is used');
    assert.deepEqual(titles(r.text), [`${HOSTILE} | Blytz`]);

    unlinkSync(path);
    r = await get(srv, `/p/${product.id}`);
    assert.equal(r.status, 200);
    assert.ok(r.text.startsWith('<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">'));
    assert.ok(!r.text.includes('id="app"'));
    assert.ok(!r.text.includes('<script'));
    assert.deepEqual(titles(r.text), [`${HOSTILE} | Blytz`]);
    assert.equal(one(r.text, 'og:title'), HOSTILE);
    assert.equal(one(r.text, 'og:url'), `${srv.url}/p/${product.id}`);
    assert.ok(r.text.includes(`<a href="${srv.url}/api/v1/products/${product.id}">`));
    assert.ok(r.text.trimEnd().endsWith('</html>'));
    const nf = await get(srv, '/s/999');
    assert.equal(nf.status, 404);
    assert.deepEqual(titles(nf.text), ['Not found | Blytz']);
  } finally {
    writeFileSync(path, TEMPLATE);
  }
  const r = await get(srv, `/p/${product.id}`);
  assert.ok(r.text.includes('<div id="app"></div>'), 'back to the template');
});

test('API-only deployment with BLYTZ_PUBLIC_URL: our own page, configured absolute URLs', async () => {
  apiOnly = await startServer({
    env: { BLYTZ_STATIC_DIR: emptyDir, BLYTZ_PUBLIC_URL: 'https://shop.example.my/' },
  });
  const s = await registerSeller(apiOnly);
  const r0 = await api(apiOnly, 'POST', '/api/v1/products', {
    token: s.access_token, body: { title: 'Jam tangan Seiko 5', condition: 'good', quantity: 1, shipping_weight_g: 200, buy_now_price: 25000 },
  });
  assert.equal(r0.status, 201, r0.text);
  const id = r0.json.product.id;
  const img = await api(apiOnly, 'POST', `/api/v1/products/${id}/images`, {
    token: s.access_token, body: TINY_PNG, headers: { 'content-type': 'image/png' },
  });
  assert.equal(img.status, 201, img.text);
  const r = await get(apiOnly, `/p/${id}`, { host: 'ignored.example' });
  assert.equal(r.status, 200);
  assert.ok(r.text.startsWith('<!doctype html>'));
  assert.equal(one(r.text, 'og:url'), `https://shop.example.my/p/${id}`);
  assert.equal(one(r.text, 'og:image'), `https://shop.example.my${img.json.image.urls.large}`);
  assert.equal(one(r.text, 'product:price:amount'), '250.00');
  assert.equal(one(r.text, 'description'), 'Jam tangan Seiko 5, RM 250.00 on Blytz.');
  assert.ok(r.text.includes(`<a href="https://shop.example.my/api/v1/products/${id}">`));
  assert.match(r.headers['content-security-policy'], /default-src 'self'/);
  const nf = await get(apiOnly, '/p/1');
  assert.equal(nf.status, 404);
  assert.ok(nf.text.startsWith('<!doctype html>'));
  assert.deepEqual(titles(nf.text), ['Not found | Blytz']);
});
