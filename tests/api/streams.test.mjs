// /api/v1/streams: a seller schedules a show with a lineup of their own
// products; anyone lists scheduled shows (soonest first, cursor pages) and
// reads a show with its lineup as product summaries.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, api, registerUser, registerSeller } from './lib/harness.mjs';
import { at } from './lib/live.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
// Tests share one server, so each checks the shows of its own seller (?seller=).
// A small valid image from the image-intake fuzz corpus.
const TINY_PNG = readFileSync(new URL('../../fuzz/corpus/image_intake/tiny.png', import.meta.url));

async function makeProducts(seller, n) {
  const ids = [];
  for (let i = 0; i < n; i++) {
    const r = await api(srv, 'POST', '/api/v1/products', {
      token: seller.access_token,
      body: { title: `Lot ${i + 1} kamera lama`, condition: 'good', quantity: 1, buy_now_price: 10000 + i * 100, shipping_weight_g: 500 },
    });
    assert.equal(r.status, 201, r.text);
    ids.push(r.json.product.id);
  }
  return ids;
}

const show = (productIds, over = {}) => ({
  title: 'Retro Treasures Friday Night', description: 'Kamera, jam dan setem', starts_at: at(DAY), product_ids: productIds, ...over,
});

async function schedule(seller, body) {
  const r = await api(srv, 'POST', '/api/v1/streams', { token: seller.access_token, body });
  assert.equal(r.status, 201, r.text);
  return r.json.stream;
}

test('a seller schedules a show: 201 with status scheduled and the lineup in order', async () => {
  const s = await registerSeller(srv);
  const ids = await makeProducts(s, 3);
  const lineup = [ids[2], ids[0], ids[1]];
  const startsAt = new Date(Date.now() + 2 * DAY);
  startsAt.setUTCMilliseconds(0);
  const st = await schedule(s, show(lineup, { starts_at: startsAt.toISOString().replace('Z', '+00:00') }));
  assert.equal(typeof st.id, 'string');
  assert.equal(st.status, 'scheduled');
  assert.equal(st.seller_id, s.user.id);
  assert.equal(st.seller.username, s.user.username);
  assert.equal(st.seller.shop_name, s.seller.shop_name);
  assert.equal(st.title, 'Retro Treasures Friday Night');
  assert.equal(st.description, 'Kamera, jam dan setem');
  assert.equal(st.starts_at, startsAt.toISOString(), 'RFC 3339 UTC with milliseconds');
  assert.equal(st.started_at, null);
  assert.equal(st.ended_at, null);
  assert.deepEqual(st.product_ids, lineup);
  assert.deepEqual(st.products.map((p) => p.id), lineup);
  assert.match(st.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

  // a Malaysian (+08:00) time is accepted and answered in UTC
  const utc = new Date(Date.now() + 3 * DAY);
  utc.setUTCSeconds(0, 0);
  const myt = new Date(utc.getTime() + 8 * HOUR).toISOString().replace('.000Z', '+08:00');
  const st2 = await schedule(s, show([ids[0]], { starts_at: myt, title: 'Malam Tahun Baru' }));
  assert.equal(st2.starts_at, utc.toISOString());
});

test('GET /streams/{id} shows the lineup as product summaries with the first image', async () => {
  const s = await registerSeller(srv);
  const ids = await makeProducts(s, 2);
  const images = [];
  for (let i = 0; i < 2; i++) {
    const up = await api(srv, 'POST', `/api/v1/products/${ids[1]}/images`, {
      token: s.access_token, body: TINY_PNG, headers: { 'content-type': 'image/png' },
    });
    assert.equal(up.status, 201, up.text);
    images.push(up.json.image);
  }
  const st = await schedule(s, show(ids));
  const r = await api(srv, 'GET', `/api/v1/streams/${st.id}`);
  assert.equal(r.status, 200, r.text);
  const got = r.json.stream;
  assert.equal(got.id, st.id);
  assert.deepEqual(got.product_ids, ids);
  assert.equal(got.products.length, 2);
  for (const [i, p] of got.products.entries()) {
    assert.equal(p.id, ids[i]);
    assert.equal(p.title, `Lot ${i + 1} kamera lama`);
    assert.equal(p.buy_now_price, 10000 + i * 100);
    assert.equal(p.currency, 'MYR');
  }
  assert.equal(got.products[0].image, null, 'no image uploaded');
  assert.equal(got.products[1].image.id, images[0].id, 'the first image');
  assert.deepEqual(Object.keys(got.products[1].image.urls).sort(), ['large', 'medium', 'small']);
  const img = await fetch(srv.url + got.products[1].image.urls.small);
  assert.equal(img.status, 200);
  // a product deleted later drops out of the lineup
  const del = await api(srv, 'DELETE', `/api/v1/products/${ids[0]}`, { token: s.access_token });
  assert.equal(del.status, 204);
  const again = (await api(srv, 'GET', `/api/v1/streams/${st.id}`)).json.stream;
  assert.deepEqual(again.product_ids, [ids[1]]);
  assert.deepEqual(again.products.map((p) => p.id), [ids[1]]);
});

test('a seller sets a show cover; it shows on the show, in lists and replaces the old one', async () => {
  const s = await registerSeller(srv);
  const [id] = await makeProducts(s, 1);
  const st = await schedule(s, show([id], { starts_at: at(DAY + 7 * HOUR) }));
  assert.equal(st.cover, null, 'no cover until one is set');
  const put = (token, body = TINY_PNG, type = 'image/png') =>
    api(srv, 'POST', `/api/v1/streams/${st.id}/cover`, { token, body, headers: { 'content-type': type } });
  const first = await put(s.access_token);
  assert.equal(first.status, 201, first.text);
  const cover = first.json.image;
  assert.deepEqual(Object.keys(cover.urls).sort(), ['large', 'medium', 'small']);
  const got = (await api(srv, 'GET', `/api/v1/streams/${st.id}`)).json.stream;
  assert.equal(got.cover.id, cover.id);
  assert.equal((await fetch(srv.url + got.cover.urls.large)).status, 200);
  const listed = await api(srv, 'GET', `/api/v1/streams?seller_id=${s.user.id}`);
  assert.equal(listed.status, 200, listed.text);
  assert.equal(listed.json.streams.find((x) => x.id === st.id).cover.id, cover.id);

  const second = await put(s.access_token);
  assert.equal(second.status, 201, second.text);
  assert.notEqual(second.json.image.id, cover.id);
  assert.equal((await fetch(srv.url + cover.urls.large)).status, 404, 'the old cover is deleted');
  const after = (await api(srv, 'GET', `/api/v1/streams/${st.id}`)).json.stream;
  assert.equal(after.cover.id, second.json.image.id);

  const other = await registerSeller(srv);
  assert.equal((await put(other.access_token)).status, 403);
  assert.equal((await put(undefined)).status, 401);
  assert.equal((await api(srv, 'POST', '/api/v1/streams/123456789/cover', {
    token: s.access_token, body: TINY_PNG, headers: { 'content-type': 'image/png' },
  })).status, 404);
  const junk = await put(s.access_token, Buffer.from('not a picture'));
  assert.equal(junk.status, 422, junk.text);
  assert.equal((await put(s.access_token, '{}', 'application/json')).status, 415);
});

test('GET /streams lists scheduled shows soonest first, in cursor pages', async () => {
  const s = await registerSeller(srv);
  const [p] = await makeProducts(s, 1);
  const offsets = [5 * DAY, 1 * DAY, 3 * DAY, 3 * DAY, 2 * DAY];
  const base = Date.now();
  const created = [];
  for (const off of offsets) {
    created.push(await schedule(s, show([p], { starts_at: new Date(base + off).toISOString() })));
  }
  const expected = [...created].sort((a, b) => (a.starts_at < b.starts_at ? -1 : a.starts_at > b.starts_at ? 1
    : BigInt(a.id) < BigInt(b.id) ? -1 : 1)).map((x) => x.id);

  for (const limit of [1, 2, 3, 5, 10]) {
    const seen = [];
    let cursor = null;
    for (let pages = 0; pages < 10; pages++) {
      const qs = `status=scheduled&seller=${s.user.id}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const r = await api(srv, 'GET', `/api/v1/streams?${qs}`);
      assert.equal(r.status, 200, r.text);
      assert.ok(r.json.streams.length <= limit);
      for (const st of r.json.streams) {
        assert.equal(st.status, 'scheduled');
        assert.deepEqual(st.product_ids, [p]);
        assert.equal(st.products, undefined, 'lists carry ids, not summaries');
      }
      seen.push(...r.json.streams.map((x) => x.id));
      cursor = r.json.next_cursor;
      if (cursor === null) break;
      assert.equal(typeof cursor, 'string');
    }
    assert.deepEqual(seen, expected, `limit ${limit}`);
  }

  // status defaults to scheduled; everyone's shows include ours, still in order
  const r = await api(srv, 'GET', '/api/v1/streams?limit=100');
  assert.equal(r.status, 200);
  const all = r.json.streams.map((x) => x.starts_at);
  assert.deepEqual(all, [...all].sort());
  // nothing is live yet for this seller
  const live = await api(srv, 'GET', `/api/v1/streams?status=live&seller=${s.user.id}`);
  assert.deepEqual(live.json, { streams: [], next_cursor: null });
});

test('GET /streams: bad parameters are 422 naming them', async () => {
  for (const [qs, field] of [['status=ended', 'status'], ['status=bogus', 'status'], ['limit=0', 'limit'],
    ['limit=101', 'limit'], ['cursor=nope', 'cursor'], ['cursor=12.0', 'cursor'], ['seller=abc', 'seller']]) {
    const r = await api(srv, 'GET', `/api/v1/streams?${qs}`);
    assert.equal(r.status, 422, `${qs} → ${r.text}`);
    assert.equal(r.json.error.code, 'validation_failed');
    assert.equal(r.json.error.details.field, field, qs);
  }
});

test('scheduling needs a token (401) and a seller account (403 not_a_seller)', async () => {
  const s = await registerSeller(srv);
  const [p] = await makeProducts(s, 1);
  let r = await api(srv, 'POST', '/api/v1/streams', { body: show([p]) });
  assert.equal(r.status, 401);
  assert.equal(r.json.error.code, 'unauthorized');
  const buyer = await registerUser(srv);
  r = await api(srv, 'POST', '/api/v1/streams', { token: buyer.access_token, body: show([p]) });
  assert.equal(r.status, 403);
  assert.equal(r.json.error.code, 'not_a_seller');
});

test('another seller’s product in the lineup is 403 forbidden', async () => {
  const s = await registerSeller(srv);
  const other = await registerSeller(srv);
  const [mine] = await makeProducts(s, 1);
  const [theirs] = await makeProducts(other, 1);
  const r = await api(srv, 'POST', '/api/v1/streams', { token: s.access_token, body: show([mine, theirs]) });
  assert.equal(r.status, 403, r.text);
  assert.equal(r.json.error.code, 'forbidden');
  assert.equal(r.json.error.details.field, 'product_ids');
  const list = await api(srv, 'GET', `/api/v1/streams?seller=${s.user.id}`);
  assert.deepEqual(list.json.streams, [], 'nothing was scheduled');
});

test('invalid fields are 422 with the field', async () => {
  const s = await registerSeller(srv);
  const ids = await makeProducts(s, 2);
  const gone = (await makeProducts(s, 1))[0];
  await api(srv, 'DELETE', `/api/v1/products/${gone}`, { token: s.access_token });
  const cases = [
    [show(ids, { starts_at: at(-HOUR) }), 'starts_at'],
    [show(ids, { starts_at: at(91 * DAY) }), 'starts_at'],
    [show(ids, { starts_at: 'tomorrow at eight' }), 'starts_at'],
    [show(ids, { starts_at: undefined }), 'starts_at'],
    [show(ids, { title: '' }), 'title'],
    [show(ids, { title: 'ab' }), 'title'],
    [show(ids, { title: 'x'.repeat(121) }), 'title'],
    [show(ids, { title: undefined }), 'title'],
    [show(ids, { description: 'd'.repeat(5001) }), 'description'],
    [show(['999999999']), 'product_ids'],
    [show(['not-an-id']), 'product_ids'],
    [show([gone]), 'product_ids'],
    [show([ids[0], ids[1], ids[0]]), 'product_ids'],
    [show([]), 'product_ids'],
    [show(undefined), 'product_ids'],
    [show(ids[0]), 'product_ids'],
    [show(Array.from({ length: 51 }, () => ids[0])), 'product_ids'],
  ];
  for (const [body, field] of cases) {
    const r = await api(srv, 'POST', '/api/v1/streams', { token: s.access_token, body });
    assert.equal(r.status, 422, `${JSON.stringify(body).slice(0, 200)} → ${r.text}`);
    assert.equal(r.json.error.code, 'validation_failed');
    assert.equal(r.json.error.details.field, field, JSON.stringify(body).slice(0, 200));
  }
  const r = await api(srv, 'POST', '/api/v1/streams', {
    token: s.access_token, body: '{"title":', headers: { 'content-type': 'application/json' },
  });
  assert.equal(r.status, 400);
});

test('Idempotency-Key replays the first scheduling', async () => {
  const s = await registerSeller(srv);
  const [p] = await makeProducts(s, 1);
  const headers = { 'idempotency-key': `show-${Date.now()}` };
  const body = show([p]);
  const a = await api(srv, 'POST', '/api/v1/streams', { token: s.access_token, body, headers });
  const b = await api(srv, 'POST', '/api/v1/streams', { token: s.access_token, body, headers });
  assert.equal(a.status, 201);
  assert.equal(b.status, 201);
  assert.equal(b.json.stream.id, a.json.stream.id);
  const list = await api(srv, 'GET', `/api/v1/streams?seller=${s.user.id}`);
  assert.equal(list.json.streams.length, 1);
});

test('unknown stream ids are 404', async () => {
  for (const id of ['123456789', 'abc', '-1', '0']) {
    const r = await api(srv, 'GET', `/api/v1/streams/${id}`);
    assert.equal(r.status, 404, id);
    assert.equal(r.json.error.code, 'not_found');
  }
});
