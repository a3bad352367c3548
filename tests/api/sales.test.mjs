// Telling the truth later: an ended show's lineup and a sold product's page give the final
// price ("Sold RM 12.00", not the asking price), and the winner's username only when that
// buyer allows it (show_win_name on their profile, off by default).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, registerUser, registerSeller, createShow } from './lib/harness.mjs';
import { startAuction } from './lib/live.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

const bid = (who, auctionId, amount) =>
  api(srv, 'POST', `/api/v1/auctions/${auctionId}/bids`, { token: who.access_token, body: { amount } });

test('show_win_name: off by default, only on one\'s own user, a boolean', async () => {
  const u = await registerUser(srv);
  const me = await api(srv, 'GET', '/api/v1/users/me', { token: u.access_token });
  assert.equal(me.json.user.show_win_name, false);
  const on = await api(srv, 'PATCH', '/api/v1/users/me', { token: u.access_token, body: { show_win_name: true } });
  assert.equal(on.status, 200, on.text);
  assert.equal(on.json.user.show_win_name, true);
  const bio = await api(srv, 'PATCH', '/api/v1/users/me', { token: u.access_token, body: { bio: 'Suka kamera lama' } });
  assert.equal(bio.json.user.show_win_name, true, 'other edits keep it');
  const bad = await api(srv, 'PATCH', '/api/v1/users/me', { token: u.access_token, body: { show_win_name: 'yes' } });
  assert.equal(bad.status, 422);
  assert.equal(bad.json.error.code, 'validation_failed');
  assert.equal(bad.json.error.details.field, 'show_win_name');
  const other = await registerUser(srv);
  const pub = await api(srv, 'GET', `/api/v1/users/${u.user.id}`, { token: other.access_token });
  assert.equal(pub.json.user.show_win_name, undefined, 'nobody else sees the setting');
});

test('an ended show and a sold product show the final price, and the winner only if they allow it', async () => {
  const seller = await registerSeller(srv);
  const named = await registerUser(srv);
  const quiet = await registerUser(srv);
  await api(srv, 'PATCH', '/api/v1/users/me', { token: named.access_token, body: { show_win_name: true } });
  const { stream, productIds } = await createShow(srv, seller, { products: 3, quantity: 1, live: true, title: 'Malam Jualan', lot: 'Kamera', price: 50000, weight: 300 });

  const a = await startAuction(srv, seller, stream.id, { product_id: productIds[0], starting_bid: 1000, buy_now_price: 1200, duration_s: 60 });
  assert.equal((await bid(named, a.id, 1200)).json.auction.status, 'ended');
  const b = await startAuction(srv, seller, stream.id, { product_id: productIds[1], starting_bid: 1000, buy_now_price: 3400, duration_s: 60 });
  assert.equal((await bid(quiet, b.id, 3400)).json.auction.status, 'ended');
  assert.equal((await api(srv, 'POST', `/api/v1/streams/${stream.id}/end`, { token: seller.access_token })).status, 200);

  const show = (await api(srv, 'GET', `/api/v1/streams/${stream.id}`)).json.stream;
  assert.equal(show.status, 'ended');
  const [p0, p1, p2] = show.products;
  assert.equal(p0.sales.length, 1);
  assert.deepEqual({ ...p0.sales[0], sold_at: undefined }, {
    auction_id: a.id, stream_id: stream.id, price: 1200, currency: 'MYR', sold_at: undefined,
    winner: { id: named.user.id, username: named.user.username },
  });
  assert.match(p0.sales[0].sold_at, /Z$/);
  assert.equal(p0.buy_now_price, 50000, 'the asking price stays what it was; the sale says what it sold for');
  assert.equal(p1.sales[0].price, 3400);
  assert.equal(p1.sales[0].winner, null, 'a buyer who keeps their name to themselves is not named');
  assert.deepEqual(p2.sales, [], 'an unsold lot has no sale');

  const prod = (await api(srv, 'GET', `/api/v1/products/${productIds[0]}`)).json.product;
  assert.equal(prod.last_sale.price, 1200);
  assert.equal(prod.last_sale.winner.username, named.user.username);
  assert.equal(prod.quantity, 0);
  const quietProd = (await api(srv, 'GET', `/api/v1/products/${productIds[1]}`)).json.product;
  assert.equal(quietProd.last_sale.winner, null);
  assert.equal((await api(srv, 'GET', `/api/v1/products/${productIds[2]}`)).json.product.last_sale, null);

  // Turning it off later hides the name from then on.
  await api(srv, 'PATCH', '/api/v1/users/me', { token: named.access_token, body: { show_win_name: false } });
  const again = (await api(srv, 'GET', `/api/v1/streams/${stream.id}`)).json.stream;
  assert.equal(again.products[0].sales[0].winner, null);
});
