// `blytz serve --demo` on an empty database loads the demo catalog through
// the real use cases: three shops, thirty products with photos in several
// categories, and two scheduled shows. A second start loads nothing more.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api } from './lib/harness.mjs';

async function allProducts(srv) {
  const out = [];
  let cursor = '';
  for (;;) {
    const r = await api(srv, 'GET', `/api/v1/products?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    assert.equal(r.status, 200);
    out.push(...r.json.products);
    if (!r.json.next_cursor) return out;
    cursor = encodeURIComponent(r.json.next_cursor);
  }
}

test('demo data: 3 sellers, 30 products with images across categories, 2 scheduled shows', async () => {
  const srv = await startServer({ args: ['--demo'] });
  try {
    const products = await allProducts(srv);
    assert.equal(products.length, 30);
    const sellers = new Set(products.map((p) => p.seller_id));
    assert.equal(sellers.size, 3);
    assert.ok(new Set(products.map((p) => p.category_id)).size >= 8, 'several categories');
    for (const p of products) {
      assert.equal(p.images.length, 1, `${p.title} has a photo`);
      assert.equal(p.currency, 'MYR');
    }
    const img = await fetch(srv.url + products[0].images[0].urls.medium);
    assert.equal(img.status, 200);
    assert.equal(img.headers.get('content-type'), 'image/webp');
    const bytes = Buffer.from(await img.arrayBuffer());
    assert.equal(bytes.subarray(0, 4).toString(), 'RIFF');
    assert.equal(bytes.subarray(8, 12).toString(), 'WEBP');

    for (const id of sellers) {
      const s = await api(srv, 'GET', `/api/v1/sellers/${id}`);
      assert.equal(s.status, 200);
      assert.ok(s.json.seller.shop_name.length > 3);
    }
    const shows = await api(srv, 'GET', '/api/v1/streams?status=scheduled');
    assert.equal(shows.status, 200);
    assert.equal(shows.json.streams.length, 2);
    for (const s of shows.json.streams) {
      assert.equal(s.status, 'scheduled');
      assert.ok(Date.parse(s.starts_at) > Date.now());
      assert.ok((s.products ?? s.product_ids).length >= 3, 'a show has a lineup');
      assert.ok(s.cover, 'a show has a cover picture');
      assert.ok(s.cover.width > s.cover.height, 'a wide one');
      assert.equal((await fetch(srv.url + s.cover.urls.medium)).status, 200);
    }
  } finally {
    await srv.stop();
  }
});
