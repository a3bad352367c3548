// Bids are refused, inside the bid transaction, for a buyer banned from the
// show, a buyer in a cool-off they chose, and a bid that would take a buyer
// past their own spending cap; the same buyers bid normally otherwise.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, registerUser, registerSeller } from './lib/harness.mjs';

let srv, seller, streamId, auctionId;
const at = (ms) => new Date(Date.now() + ms).toISOString();

before(async () => {
  srv = await startServer();
  seller = await registerSeller(srv);
  const p = await api(srv, 'POST', '/api/v1/products', {
    token: seller.access_token,
    body: { title: 'Kamera filem lama', condition: 'good', quantity: 1, buy_now_price: 0, shipping_weight_g: 500 },
  });
  assert.equal(p.status, 201, p.text);
  const st = await api(srv, 'POST', '/api/v1/streams', {
    token: seller.access_token,
    body: { title: 'Lelong kamera', starts_at: at(3600e3), product_ids: [p.json.product.id] },
  });
  streamId = st.json.stream.id;
  assert.equal((await api(srv, 'POST', `/api/v1/streams/${streamId}/live`, { token: seller.access_token })).status, 200);
  const a = await api(srv, 'POST', `/api/v1/streams/${streamId}/auctions`, {
    token: seller.access_token,
    body: { product_id: p.json.product.id, starting_bid: 1000, duration_s: 120, mode: 'standard' },
  });
  assert.equal(a.status, 201, a.text);
  auctionId = a.json.auction.id;
});
after(async () => srv && srv.stop());

const bid = (who, amount) => api(srv, 'POST', `/api/v1/auctions/${auctionId}/bids`, { token: who.access_token, body: { amount } });
const current = async () => (await api(srv, 'GET', `/api/v1/auctions/${auctionId}`)).json.auction;

test('a buyer banned from the show cannot bid; unbanned, they can', async () => {
  const buyer = await registerUser(srv);
  const ban = await api(srv, 'POST', `/api/v1/streams/${streamId}/bans/${buyer.user.id}`, { token: seller.access_token });
  assert.ok([200, 201, 204].includes(ban.status), ban.text);
  const refused = await bid(buyer, (await current()).min_next_bid);
  assert.equal(refused.status, 403);
  assert.equal(refused.json.error.code, 'banned');
  const unban = await api(srv, 'DELETE', `/api/v1/streams/${streamId}/bans/${buyer.user.id}`, { token: seller.access_token });
  assert.ok([200, 204].includes(unban.status), unban.text);
  const ok = await bid(buyer, (await current()).min_next_bid);
  assert.equal(ok.status, 201, ok.text);
});

test('a buyer in a cool-off cannot bid', async () => {
  const buyer = await registerUser(srv);
  const set = await api(srv, 'PUT', '/api/v1/users/me/limits', { token: buyer.access_token, body: { cool_off_days: 3 } });
  assert.equal(set.status, 200, set.text);
  const refused = await bid(buyer, (await current()).min_next_bid);
  assert.equal(refused.status, 403);
  assert.equal(refused.json.error.code, 'cool_off');
});

test('a bid past the buyer\'s spending cap is refused; one within it is accepted', async () => {
  const buyer = await registerUser(srv);
  const next = (await current()).min_next_bid;
  const cap = next + 500; // room for this bid, not for one far above it
  const set = await api(srv, 'PUT', '/api/v1/users/me/limits', {
    token: buyer.access_token, body: { spending_cap: { amount: cap, period: 'day' } },
  });
  assert.equal(set.status, 200, set.text);
  const over = await bid(buyer, cap + 10000);
  assert.equal(over.status, 403);
  assert.equal(over.json.error.code, 'spending_cap');
  const within = await bid(buyer, next);
  assert.equal(within.status, 201, within.text);
});
