// Idempotency-Key on POST mutations: replay of the first answer, conflict on another body.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, registerSeller } from './lib/harness.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

const body = { title: 'Songket Terengganu', condition: 'like_new', quantity: 1, buy_now_price: 120000, shipping_weight_g: 500 };

test('same key and body replays the first answer without a second product', async () => {
  const s = await registerSeller(srv);
  const headers = { 'idempotency-key': `k-${Date.now()}` };
  const a = await api(srv, 'POST', '/api/v1/products', { token: s.access_token, body, headers });
  assert.equal(a.status, 201, a.text);
  const b = await api(srv, 'POST', '/api/v1/products', { token: s.access_token, body, headers });
  assert.equal(b.status, 201);
  assert.equal(b.json.product.id, a.json.product.id);
  assert.equal(b.text, a.text, 'byte-identical replay');
  const list = await api(srv, 'GET', `/api/v1/products?seller=${s.user.id}`);
  assert.equal(list.json.products.length, 1);
});

test('same key with another body → 409 idempotency_conflict', async () => {
  const s = await registerSeller(srv);
  const headers = { 'idempotency-key': `k2-${Date.now()}` };
  const a = await api(srv, 'POST', '/api/v1/products', { token: s.access_token, body, headers });
  assert.equal(a.status, 201);
  const b = await api(srv, 'POST', '/api/v1/products', { token: s.access_token, body: { ...body, quantity: 2 }, headers });
  assert.equal(b.status, 409);
  assert.equal(b.json.error.code, 'idempotency_conflict');
});

test('keys are per user, and failures are not recorded', async () => {
  const s1 = await registerSeller(srv);
  const s2 = await registerSeller(srv);
  const headers = { 'idempotency-key': 'shared-key' };
  const a = await api(srv, 'POST', '/api/v1/products', { token: s1.access_token, body, headers });
  const b = await api(srv, 'POST', '/api/v1/products', { token: s2.access_token, body, headers });
  assert.equal(a.status, 201);
  assert.equal(b.status, 201);
  assert.notEqual(a.json.product.id, b.json.product.id);

  const h2 = { 'idempotency-key': `retry-${Date.now()}` };
  const bad = await api(srv, 'POST', '/api/v1/products', { token: s1.access_token, body: { ...body, condition: 'x' }, headers: h2 });
  assert.equal(bad.status, 422);
  const again = await api(srv, 'POST', '/api/v1/products', { token: s1.access_token, body: { ...body, condition: 'x' }, headers: h2 });
  assert.equal(again.status, 422, 'the failed attempt was not stored, so it runs again');
});

test('204 answers replay too (follow)', async () => {
  const s = await registerSeller(srv);
  const fan = await registerSeller(srv);
  const headers = { 'idempotency-key': `f-${Date.now()}` };
  const a = await api(srv, 'POST', `/api/v1/sellers/${s.user.id}/follow`, { token: fan.access_token, headers });
  const b = await api(srv, 'POST', `/api/v1/sellers/${s.user.id}/follow`, { token: fan.access_token, headers });
  assert.equal(a.status, 204);
  assert.equal(b.status, 204);
});

test('an over-long key is 422', async () => {
  const s = await registerSeller(srv);
  const r = await api(srv, 'POST', '/api/v1/products', { token: s.access_token, body, headers: { 'idempotency-key': 'k'.repeat(300) } });
  assert.equal(r.status, 422);
  assert.equal(r.json.error.details.field, 'Idempotency-Key');
});
