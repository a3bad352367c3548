// /api/v1/sellers: becoming a seller, shop pages, edits, follows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, registerUser, registerSeller } from './lib/harness.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

const address = { line1: '3 Lorong Batu Nilam', line2: 'Bandar Bukit Tinggi', city: 'Klang', state: 'Selangor', postcode: '41200' };

test('POST /sellers makes the caller a seller (201), twice → 409 already_seller', async () => {
  const u = await registerUser(srv);
  const body = { shop_name: 'Kedai Siti', description: 'Vintage batik', pickup_address: address };
  let r = await api(srv, 'POST', '/api/v1/sellers', { token: u.access_token, body });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.seller.id, u.user.id);
  assert.equal(r.json.seller.shop_name, 'Kedai Siti');
  assert.equal(r.json.seller.follower_count, 0);
  assert.equal(r.json.seller.pickup_address.postcode, '41200');
  r = await api(srv, 'POST', '/api/v1/sellers', { token: u.access_token, body });
  assert.equal(r.status, 409);
  assert.equal(r.json.error.code, 'already_seller');
  const me = await api(srv, 'GET', '/api/v1/users/me', { token: u.access_token });
  assert.equal(me.json.user.is_seller, true);
});

test('POST /sellers validates a Malaysian pickup address', async () => {
  const u = await registerUser(srv);
  const bad = [
    [{ ...address, postcode: '4120' }, 'pickup_address.postcode'],
    [{ ...address, postcode: 'ABCDE' }, 'pickup_address.postcode'],
    [{ ...address, state: 'California' }, 'pickup_address.state'],
    [{ ...address, line1: '' }, 'pickup_address.line1'],
    [{ ...address, city: 7 }, 'pickup_address.city'],
  ];
  for (const [pickup, field] of bad) {
    const r = await api(srv, 'POST', '/api/v1/sellers', { token: u.access_token, body: { shop_name: 'Kedai', pickup_address: pickup } });
    assert.equal(r.status, 422, `${JSON.stringify(pickup)} → ${r.text}`);
    assert.equal(r.json.error.code, 'validation_failed');
    assert.equal(r.json.error.details.field, field);
  }
  let r = await api(srv, 'POST', '/api/v1/sellers', { token: u.access_token, body: { pickup_address: address } });
  assert.equal(r.status, 422);
  assert.equal(r.json.error.details.field, 'shop_name');
  r = await api(srv, 'POST', '/api/v1/sellers', { token: u.access_token, body: { shop_name: 'K', pickup_address: 'Klang' } });
  assert.equal(r.status, 422);
  assert.equal(r.json.error.details.field, 'pickup_address');
  r = await api(srv, 'POST', '/api/v1/sellers', { body: { shop_name: 'K', pickup_address: address } });
  assert.equal(r.status, 401);
});

test('seller page: public, full address only for the owner, products listed', async () => {
  const s = await registerSeller(srv);
  const p = await api(srv, 'POST', '/api/v1/products', {
    token: s.access_token, body: { title: 'Kamera filem Pentax', condition: 'good', quantity: 1, buy_now_price: 25000, shipping_weight_g: 800 },
  });
  assert.equal(p.status, 201, p.text);
  let r = await api(srv, 'GET', `/api/v1/sellers/${s.user.id}`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.seller.id, s.user.id);
  assert.equal(r.json.seller.username, s.user.username);
  assert.equal(r.json.seller.is_following, false);
  assert.equal(r.json.seller.pickup_address.line1, undefined, 'street hidden from the public');
  assert.ok(r.json.seller.pickup_address.city);
  assert.deepEqual(r.json.products.map((x) => x.id), [p.json.product.id]);
  r = await api(srv, 'GET', `/api/v1/sellers/${s.user.id}`, { token: s.access_token });
  assert.ok(r.json.seller.pickup_address.line1, 'owner sees the full address');
  r = await api(srv, 'GET', `/api/v1/sellers/${s.user.username}`);
  assert.equal(r.status, 200);
  r = await api(srv, 'GET', '/api/v1/sellers/123456789');
  assert.equal(r.status, 404);
  const buyer = await registerUser(srv);
  r = await api(srv, 'GET', `/api/v1/sellers/${buyer.user.id}`);
  assert.equal(r.status, 404, 'a user who is not a seller has no shop page');
});

test('PATCH /sellers/me edits only the caller’s shop; non-sellers get 403 not_a_seller', async () => {
  const s = await registerSeller(srv);
  let r = await api(srv, 'PATCH', '/api/v1/sellers/me', { token: s.access_token, body: { shop_name: 'Kedai Baru' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.seller.shop_name, 'Kedai Baru');
  assert.equal(r.json.seller.description, s.seller.description);
  r = await api(srv, 'PATCH', '/api/v1/sellers/me', { token: s.access_token, body: { pickup_address: { ...address, state: 'Penang' } } });
  assert.equal(r.status, 422);
  const u = await registerUser(srv);
  r = await api(srv, 'PATCH', '/api/v1/sellers/me', { token: u.access_token, body: { shop_name: 'X' } });
  assert.equal(r.status, 403);
  assert.equal(r.json.error.code, 'not_a_seller');
});

test('follow / unfollow: 204, counted, listed in /users/me/following, idempotent', async () => {
  const s1 = await registerSeller(srv);
  const s2 = await registerSeller(srv);
  const u = await registerUser(srv);
  for (const s of [s1, s2]) {
    const r = await api(srv, 'POST', `/api/v1/sellers/${s.user.id}/follow`, { token: u.access_token });
    assert.equal(r.status, 204, r.text);
  }
  let r = await api(srv, 'POST', `/api/v1/sellers/${s1.user.id}/follow`, { token: u.access_token });
  assert.equal(r.status, 204, 'following twice is fine');
  r = await api(srv, 'GET', `/api/v1/sellers/${s1.user.id}`, { token: u.access_token });
  assert.equal(r.json.seller.follower_count, 1);
  assert.equal(r.json.seller.is_following, true);

  r = await api(srv, 'GET', '/api/v1/users/me/following?limit=1', { token: u.access_token });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.sellers.length, 1);
  assert.equal(r.json.sellers[0].id, s2.user.id, 'most recent first');
  assert.equal(typeof r.json.next_cursor, 'string');
  const page2 = await api(srv, 'GET', `/api/v1/users/me/following?limit=1&cursor=${encodeURIComponent(r.json.next_cursor)}`, { token: u.access_token });
  assert.equal(page2.json.sellers.length, 1);
  assert.equal(page2.json.sellers[0].id, s1.user.id);
  const page3 = page2.json.next_cursor
    ? await api(srv, 'GET', `/api/v1/users/me/following?limit=1&cursor=${encodeURIComponent(page2.json.next_cursor)}`, { token: u.access_token })
    : { json: { sellers: [], next_cursor: null } };
  assert.equal(page3.json.sellers.length, 0);
  assert.equal(page3.json.next_cursor, null);

  r = await api(srv, 'DELETE', `/api/v1/sellers/${s1.user.id}/follow`, { token: u.access_token });
  assert.equal(r.status, 204);
  r = await api(srv, 'DELETE', `/api/v1/sellers/${s1.user.id}/follow`, { token: u.access_token });
  assert.equal(r.status, 204);
  r = await api(srv, 'GET', `/api/v1/sellers/${s1.user.id}`);
  assert.equal(r.json.seller.follower_count, 0);
});

test('follow errors: self → 422 cannot_follow_self, unknown → 404, anonymous → 401, bad cursor → 422', async () => {
  const s = await registerSeller(srv);
  let r = await api(srv, 'POST', `/api/v1/sellers/${s.user.id}/follow`, { token: s.access_token });
  assert.equal(r.status, 422);
  assert.equal(r.json.error.code, 'cannot_follow_self');
  r = await api(srv, 'POST', '/api/v1/sellers/987654321/follow', { token: s.access_token });
  assert.equal(r.status, 404);
  const plain = await registerUser(srv);
  r = await api(srv, 'POST', `/api/v1/sellers/${plain.user.id}/follow`, { token: s.access_token });
  assert.equal(r.status, 404, 'a user who is not a seller cannot be followed');
  r = await api(srv, 'DELETE', '/api/v1/sellers/987654321/follow', { token: s.access_token });
  assert.equal(r.status, 404);
  r = await api(srv, 'POST', `/api/v1/sellers/${s.user.id}/follow`);
  assert.equal(r.status, 401);
  r = await api(srv, 'GET', '/api/v1/users/me/following?cursor=zzz', { token: s.access_token });
  assert.equal(r.status, 422);
  assert.equal(r.json.error.details.field, 'cursor');
  r = await api(srv, 'GET', '/api/v1/users/me/following?limit=0', { token: s.access_token });
  assert.equal(r.status, 422);
  assert.equal(r.json.error.details.field, 'limit');
});
