// Bids are refused, inside the bid transaction, for a buyer banned from the
// show, a buyer in a cool-off they chose, and a bid that would take a buyer
// past their own spending cap; the same buyers bid normally otherwise.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, registerUser, registerSeller, createShow } from './lib/harness.mjs';
import { startAuction } from './lib/live.mjs';

let srv, seller, streamId, auctionId;

before(async () => {
  srv = await startServer();
  seller = await registerSeller(srv);
  const show = await createShow(srv, seller, { live: true, title: 'Lelong kamera', lot: 'Kamera filem lama', price: 0 });
  streamId = show.stream.id;
  assert.equal(show.stream.status, 'live');
  auctionId = (await startAuction(srv, seller, streamId,
    { product_id: show.productId, starting_bid: 1000, duration_s: 120, mode: 'standard' })).id;
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
