// /api/v1/categories and /api/v1/products: CRUD by the seller only, search and pagination.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, registerUser, registerSeller } from './lib/harness.mjs';

let srv;
let categories;
before(async () => {
  srv = await startServer();
  categories = (await api(srv, 'GET', '/api/v1/categories')).json.categories;
});
after(async () => { await srv.stop(); });

const product = (over = {}) => ({
  title: 'Jam tangan Seiko 5', description: 'Automatik, 1970-an', condition: 'good',
  quantity: 2, buy_now_price: 45000, shipping_weight_g: 300, ...over,
});

test('GET /categories is a flat list with parent_id', async () => {
  assert.ok(categories.length > 0);
  for (const c of categories) {
    assert.equal(typeof c.id, 'string');
    assert.ok(c.parent_id === null || typeof c.parent_id === 'string');
    assert.equal(typeof c.slug, 'string');
    assert.equal(typeof c.name, 'string');
  }
  const ids = new Set(categories.map((c) => c.id));
  for (const c of categories) if (c.parent_id) assert.ok(ids.has(c.parent_id), 'parents exist');
  assert.ok(categories.some((c) => c.parent_id === null));
});

test('a seller creates, reads, patches and deletes a product', async () => {
  const s = await registerSeller(srv);
  const cat = categories.find((c) => c.parent_id !== null) ?? categories[0];
  let r = await api(srv, 'POST', '/api/v1/products', { token: s.access_token, body: product({ category_id: cat.id }) });
  assert.equal(r.status, 201, r.text);
  const p = r.json.product;
  assert.equal(typeof p.id, 'string');
  assert.equal(p.seller_id, s.user.id);
  assert.equal(p.category_id, cat.id);
  assert.equal(p.buy_now_price, 45000);
  assert.equal(p.currency, 'MYR');
  assert.equal(p.quantity, 2);
  assert.deepEqual(p.images, []);
  assert.match(p.created_at, /Z$/);

  r = await api(srv, 'GET', `/api/v1/products/${p.id}`);
  assert.equal(r.status, 200);
  assert.equal(r.json.product.title, 'Jam tangan Seiko 5');

  r = await api(srv, 'PATCH', `/api/v1/products/${p.id}`, { token: s.access_token, body: { quantity: 0, title: 'Seiko 5 Sports' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.product.quantity, 0);
  assert.equal(r.json.product.title, 'Seiko 5 Sports');
  assert.equal(r.json.product.description, 'Automatik, 1970-an', 'untouched fields stay');

  r = await api(srv, 'DELETE', `/api/v1/products/${p.id}`, { token: s.access_token });
  assert.equal(r.status, 204);
  r = await api(srv, 'GET', `/api/v1/products/${p.id}`);
  assert.equal(r.status, 404);
  r = await api(srv, 'DELETE', `/api/v1/products/${p.id}`, { token: s.access_token });
  assert.equal(r.status, 404);
});

test('only the product’s seller may change it (403), non-sellers cannot create (403 not_a_seller)', async () => {
  const owner = await registerSeller(srv);
  const other = await registerSeller(srv);
  const buyer = await registerUser(srv);
  const p = (await api(srv, 'POST', '/api/v1/products', { token: owner.access_token, body: product() })).json.product;
  let r = await api(srv, 'PATCH', `/api/v1/products/${p.id}`, { token: other.access_token, body: { title: 'mine now' } });
  assert.equal(r.status, 403);
  assert.equal(r.json.error.code, 'forbidden');
  r = await api(srv, 'DELETE', `/api/v1/products/${p.id}`, { token: other.access_token });
  assert.equal(r.status, 403);
  r = await api(srv, 'DELETE', `/api/v1/products/${p.id}`, { token: buyer.access_token });
  assert.equal(r.status, 403);
  r = await api(srv, 'PATCH', `/api/v1/products/${p.id}`, { body: { title: 'anon' } });
  assert.equal(r.status, 401);
  r = await api(srv, 'GET', `/api/v1/products/${p.id}`);
  assert.equal(r.json.product.title, p.title);
  r = await api(srv, 'POST', '/api/v1/products', { token: buyer.access_token, body: product() });
  assert.equal(r.status, 403);
  assert.equal(r.json.error.code, 'not_a_seller');
  r = await api(srv, 'POST', '/api/v1/products', { body: product() });
  assert.equal(r.status, 401);
});

test('product validation: 422 with the field', async () => {
  const s = await registerSeller(srv);
  const cases = [
    [product({ title: undefined }), 'title'],
    [product({ title: '' }), 'title'],
    [product({ condition: 'broken' }), 'condition'],
    [product({ quantity: -1 }), 'quantity'],
    [product({ quantity: '2' }), 'quantity'],
    [product({ quantity: 1.5 }), 'quantity'],
    [product({ buy_now_price: -100 }), 'buy_now_price'],
    [product({ buy_now_price: 10.5 }), 'buy_now_price'],
    [product({ category_id: '999999' }), 'category_id'],
    [product({ category_id: true }), 'category_id'],
    [product({ title: 7 }), 'title'],
  ];
  for (const [body, field] of cases) {
    const r = await api(srv, 'POST', '/api/v1/products', { token: s.access_token, body });
    assert.equal(r.status, 422, `${JSON.stringify(body)} → ${r.text}`);
    assert.equal(r.json.error.code, 'validation_failed');
    assert.equal(r.json.error.details.field, field, JSON.stringify(body));
  }
  const r = await api(srv, 'POST', '/api/v1/products', {
    token: s.access_token, body: '{"title":"x",', headers: { 'content-type': 'application/json' },
  });
  assert.equal(r.status, 400);
});

test('unknown product ids are 404', async () => {
  for (const id of ['123456789', 'abc', '-1']) {
    const r = await api(srv, 'GET', `/api/v1/products/${id}`);
    assert.equal(r.status, 404, id);
  }
});

test('search filters and paginates with an opaque cursor', async () => {
  const s = await registerSeller(srv);
  const other = await registerSeller(srv);
  const tag = `zq${Date.now().toString(36)}`;
  const made = [];
  for (let i = 0; i < 5; i++) {
    const r = await api(srv, 'POST', '/api/v1/products', {
      token: s.access_token,
      body: product({ title: `Kad Pokemon ${tag} nombor ${i}`, buy_now_price: 1000 * (i + 1), quantity: i % 2 }),
    });
    assert.equal(r.status, 201, r.text);
    made.push(r.json.product);
  }
  await api(srv, 'POST', '/api/v1/products', { token: other.access_token, body: product({ title: 'Lain-lain barang' }) });

  let r = await api(srv, 'GET', `/api/v1/products?seller=${s.user.id}`);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.products.map((p) => p.id), made.map((p) => p.id).reverse(), 'newest first');
  assert.equal(r.json.next_cursor, null);

  const seen = [];
  let cursor = null;
  for (let guard = 0; guard < 10; guard++) {
    const q = `/api/v1/products?seller=${s.user.id}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    r = await api(srv, 'GET', q);
    assert.equal(r.status, 200);
    assert.ok(r.json.products.length <= 2);
    seen.push(...r.json.products.map((p) => p.id));
    cursor = r.json.next_cursor;
    if (cursor === null) break;
    assert.equal(typeof cursor, 'string');
  }
  assert.deepEqual(seen, made.map((p) => p.id).reverse());

  r = await api(srv, 'GET', `/api/v1/products?seller=${s.user.id}&min_price=2000&max_price=4000`);
  assert.deepEqual(r.json.products.map((p) => p.buy_now_price).sort(), [2000, 3000, 4000]);
  r = await api(srv, 'GET', `/api/v1/products?seller=${s.user.id}&in_stock=true`);
  assert.ok(r.json.products.every((p) => p.quantity > 0));
  assert.equal(r.json.products.length, 2);
  r = await api(srv, 'GET', `/api/v1/products?q=${tag}`);
  assert.equal(r.json.products.length, 5, r.text);
});

test('search by category includes its descendants', async () => {
  const s = await registerSeller(srv);
  const child = categories.find((c) => c.parent_id !== null);
  const parent = categories.find((c) => c.id === child.parent_id);
  const r0 = await api(srv, 'POST', '/api/v1/products', { token: s.access_token, body: product({ category_id: child.id }) });
  assert.equal(r0.status, 201);
  for (const key of [child.id, parent.id, parent.slug]) {
    const r = await api(srv, 'GET', `/api/v1/products?seller=${s.user.id}&category=${encodeURIComponent(key)}`);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.products.map((p) => p.id), [r0.json.product.id], key);
  }
});

test('bad search parameters are 422 naming the parameter', async () => {
  const cases = [
    ['limit=0', 'limit'], ['limit=101', 'limit'], ['limit=ten', 'limit'],
    ['min_price=-5', 'min_price'], ['max_price=abc', 'max_price'],
    ['min_price=500&max_price=100', 'max_price'], ['in_stock=maybe', 'in_stock'],
    ['cursor=-5', 'cursor'], ['cursor=notacursor', 'cursor'], ['seller=x', 'seller'],
    ['category=no-such-category', 'category'],
  ];
  for (const [qs, field] of cases) {
    const r = await api(srv, 'GET', `/api/v1/products?${qs}`);
    assert.equal(r.status, 422, `${qs} → ${r.text}`);
    assert.equal(r.json.error.details.field, field, qs);
  }
});
