// Pre-bids (DESIGN §4): maximums placed on a scheduled show's lots, applied
// in creation order when the seller starts that lot's auction — inside the
// same transaction, as hash-chained steps like any proxy bid.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, registerUser, registerSeller } from './lib/harness.mjs';
import { at, verifyChain } from './lib/live.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

async function product(seller, title) {
  const r = await api(srv, 'POST', '/api/v1/products', {
    token: seller.access_token,
    body: { title, condition: 'good', quantity: 1, buy_now_price: 50000, shipping_weight_g: 300 },
  });
  assert.equal(r.status, 201, r.text);
  return r.json.product.id;
}

// A show of the seller an hour from now with these lots; its id.
async function scheduledShow(seller, title, productIds) {
  const st = await api(srv, 'POST', '/api/v1/streams', {
    token: seller.access_token,
    body: { title, starts_at: at(3600e3), product_ids: productIds },
  });
  assert.equal(st.status, 201, st.text);
  return st.json.stream.id;
}

const prebid = (who, streamId, body) =>
  api(srv, 'POST', `/api/v1/streams/${streamId}/prebids`, { token: who.access_token, body });
const mine = async (who, streamId) => {
  const r = await api(srv, 'GET', `/api/v1/streams/${streamId}/prebids/me`, { token: who.access_token });
  assert.equal(r.status, 200, r.text);
  return r.json.prebids;
};

test('pre-bids on a scheduled lot open its auction as maximums, in creation order', async () => {
  const seller = await registerSeller(srv);
  const ali = await registerUser(srv);
  const bee = await registerUser(srv);
  const lot = await product(seller, 'Jam tangan antik');
  const elsewhere = await product(seller, 'Bukan dalam senarai');
  const sid = await scheduledShow(seller, 'Lelong Pra-bida', [lot]);

  // Placing again replaces the maximum: one pre-bid per lot and bidder.
  const first = await prebid(ali, sid, { product_id: lot, max_amount: 3000 });
  assert.equal(first.status, 201, first.text);
  assert.equal(first.json.prebid.max_amount, 3000);
  const again = await prebid(ali, sid, { product_id: lot, max_amount: 5000 });
  assert.equal(again.status, 201, again.text);
  assert.equal(again.json.prebid.id, first.json.prebid.id);
  const aliMine = await mine(ali, sid);
  assert.deepEqual(aliMine.map((p) => [p.product_id, p.max_amount]), [[String(lot), 5000]]);

  const b = await prebid(bee, sid, { product_id: lot, max_amount: 8000 });
  assert.equal(b.status, 201, b.text);

  const own = await prebid(seller, sid, { product_id: lot, max_amount: 9000 });
  assert.equal(own.status, 403, own.text);
  const off = await prebid(ali, sid, { product_id: elsewhere, max_amount: 9000 });
  assert.equal(off.status, 422, off.text);
  const low = await prebid(ali, sid, { product_id: lot, max_amount: 99 });
  assert.equal(low.status, 422, low.text);

  const live = await api(srv, 'POST', `/api/v1/streams/${sid}/live`, { token: seller.access_token });
  assert.equal(live.status, 200, live.text);
  const r = await api(srv, 'POST', `/api/v1/streams/${sid}/auctions`, {
    token: seller.access_token,
    body: { product_id: lot, starting_bid: 1000, duration_s: 60 },
  });
  assert.equal(r.status, 201, r.text);
  const a = r.json.auction;
  // ali's 5000 opens at the starting bid; bee's 8000 beats it at 5000 + increment(RM50) = RM5
  // (the RM50–RM100 band of docs/auctions.md): 5500, led by bee.
  assert.equal(a.current_bid, 5500);
  assert.equal(a.leader_id, bee.user.id);
  assert.equal(a.status, 'running');

  // A running lot takes bids, not pre-bids.
  const late = await prebid(ali, sid, { product_id: lot, max_amount: 9000 });
  assert.equal(late.status, 409, late.text);

  const log = await api(srv, 'GET', `/api/v1/auctions/${a.id}/log`);
  assert.equal(log.status, 200, log.text);
  const amounts = log.json.entries.map((e) => e.amount);
  // ali's opening step, then bee's one step over ali's maximum (the domain records no proxy
  // step for a leader who is outbid outright).
  assert.deepEqual(amounts, [1000, 5500]);
  assert.equal(log.json.entries[0].bidder.id, ali.user.id);
  assert.equal(log.json.entries.at(-1).bidder.id, bee.user.id);
  assert.equal(verifyChain(a.id, log.json.entries), log.json.head_hash);
  const v = await api(srv, 'GET', `/api/v1/auctions/${a.id}/log/verify`);
  assert.deepEqual([v.json.valid, v.json.entries, v.json.head_hash], [true, 2, log.json.head_hash]);
  assert.equal(log.json.entries.at(-1).sig, log.json.head_sig, 'the pre-bids\' batch ends signed');
});

test('withdrawing a pre-bid: only one\'s own, then it is gone', async () => {
  const seller = await registerSeller(srv);
  const ali = await registerUser(srv);
  const lot = await product(seller, 'Kamera lama');
  const sid = await scheduledShow(seller, 'Lelong Kamera', [lot]);
  assert.equal((await prebid(ali, sid, { product_id: lot, max_amount: 2000 })).status, 201);
  const anon = await api(srv, 'POST', `/api/v1/streams/${sid}/prebids`, { body: { product_id: lot, max_amount: 2000 } });
  assert.equal(anon.status, 401, anon.text);
  const del = await api(srv, 'DELETE', `/api/v1/streams/${sid}/prebids/${lot}`, { token: ali.access_token });
  assert.equal(del.status, 204, del.text);
  assert.deepEqual(await mine(ali, sid), []);
  const again = await api(srv, 'DELETE', `/api/v1/streams/${sid}/prebids/${lot}`, { token: ali.access_token });
  assert.equal(again.status, 404, again.text);
});
