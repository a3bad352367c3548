// Nothing is sold twice (docs/auctions.md "Stock"): a product of quantity 1 once got four
// orders, because an auction could start on a sold-out lot and buy-now again after the sale.
// Here: a sold-out lot does not start (409 out_of_stock), a running auction holds its unit
// (another show cannot start the same last unit, the seller cannot take it away), a close
// with a winner and a buy-now each take one unit that GET /products/{id} then shows gone, and
// many starts and buy-nows at once, on lots of quantity 1 and 2, never make more orders than
// units. Run with BLYTZ_TEST_DB=sqlite and BLYTZ_TEST_DB=pg (the races differ).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, registerUser, registerSeller } from './lib/harness.mjs';
import { sleep, at } from './lib/live.mjs';

let srv;
// More workers than the default two: more starts and buy-nows truly at once.
before(async () => { srv = await startServer({ env: { BLYTZ_WORKERS: '4' } }); });
after(async () => { await srv?.stop(); });

async function product(seller, quantity) {
  const r = await api(srv, 'POST', '/api/v1/products', {
    token: seller.access_token,
    body: { title: 'Kamera Pentax K1000', condition: 'good', quantity, buy_now_price: 50000, shipping_weight_g: 600 },
  });
  assert.equal(r.status, 201, r.text);
  return r.json.product.id;
}

// A show with `productId` in its lineup, live unless `scheduled`.
async function show(seller, productId, { scheduled = false } = {}) {
  const st = await api(srv, 'POST', '/api/v1/streams', {
    token: seller.access_token,
    body: { title: 'Lelong kamera filem', starts_at: at(3600e3), product_ids: [productId] },
  });
  assert.equal(st.status, 201, st.text);
  if (scheduled) return st.json.stream.id;
  const live = await api(srv, 'POST', `/api/v1/streams/${st.json.stream.id}/live`, { token: seller.access_token });
  assert.equal(live.status, 200, live.text);
  return st.json.stream.id;
}

const start = (seller, streamId, productId, extra = {}) =>
  api(srv, 'POST', `/api/v1/streams/${streamId}/auctions`, {
    token: seller.access_token,
    body: { product_id: productId, starting_bid: 1000, buy_now_price: 5000, duration_s: 300, mode: 'sudden_death', ...extra },
  });

const bid = (who, auctionId, amount) =>
  api(srv, 'POST', `/api/v1/auctions/${auctionId}/bids`, { token: who.access_token, body: { amount } });

async function quantityOf(productId) {
  const r = await api(srv, 'GET', `/api/v1/products/${productId}`);
  assert.equal(r.status, 200, r.text);
  return r.json.product.quantity;
}

async function salesOf(seller, productId) {
  const r = await api(srv, 'GET', '/api/v1/orders?role=seller&limit=100', { token: seller.access_token });
  assert.equal(r.status, 200, r.text);
  return r.json.orders.filter((o) => o.product_id === productId);
}

function assertOutOfStock(r) {
  assert.equal(r.status, 409, r.text);
  assert.equal(r.json.error.code, 'out_of_stock', r.text);
}

async function waitEnded(auctionId, limitMs = 60000) {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const r = await api(srv, 'GET', `/api/v1/auctions/${auctionId}`);
    assert.equal(r.status, 200, r.text);
    if (r.json.auction.status !== 'running') return r.json.auction;
    if (Date.now() > deadline) throw new Error(`auction ${auctionId} still running`);
    await sleep(Math.max(20, Math.min(500, Date.parse(r.json.auction.ends_at) - Date.now() + 20)));
  }
}

test('a sold-out lot is not auctioned or bought again (the four orders of quantity 1)', async () => {
  const seller = await registerSeller(srv);
  const [buyer, late] = [await registerUser(srv), await registerUser(srv)];
  const lot = await product(seller, 1);
  const [showA, showB] = [await show(seller, lot), await show(seller, lot)];
  const later = await show(seller, lot, { scheduled: true });

  const a = await start(seller, showA, lot);
  assert.equal(a.status, 201, a.text);
  const bought = await bid(buyer, a.json.auction.id, 5000);
  assert.equal(bought.status, 201, bought.text);
  assert.equal(bought.json.auction.status, 'ended');
  assert.equal(bought.json.auction.winner_id, buyer.user.id);
  assert.equal(await quantityOf(lot), 0, 'GET product shows the unit gone');

  assertOutOfStock(await start(seller, showA, lot));
  assertOutOfStock(await start(seller, showB, lot));
  const again = await bid(late, a.json.auction.id, 6000);
  assert.equal(again.status, 409, again.text);
  assert.equal(again.json.error.code, 'auction_ended');
  assertOutOfStock(await api(srv, 'POST', `/api/v1/streams/${later}/prebids`, {
    token: late.access_token, body: { product_id: lot, max_amount: 9000 },
  }));
  assert.equal((await salesOf(seller, lot)).length, 1);
});

test('a running auction holds its unit: not started elsewhere, not taken by the seller, freed when unsold', async () => {
  const seller = await registerSeller(srv);
  const lot = await product(seller, 1);
  const [showA, showB] = [await show(seller, lot), await show(seller, lot)];
  const a = await start(seller, showA, lot, { duration_s: 5 });
  assert.equal(a.status, 201, a.text);
  const b = await start(seller, showB, lot);
  assertOutOfStock(b);
  assert.equal(b.json.error.details.field, 'product_id');
  assert.equal(await quantityOf(lot), 1, 'held, not sold');

  const zero = await api(srv, 'PATCH', `/api/v1/products/${lot}`, { token: seller.access_token, body: { quantity: 0 } });
  assert.equal(zero.status, 409, zero.text);
  assert.equal(zero.json.error.code, 'auction_running');
  const del = await api(srv, 'DELETE', `/api/v1/products/${lot}`, { token: seller.access_token });
  assert.equal(del.status, 409, del.text);
  assert.equal(del.json.error.code, 'auction_running');
  const retitle = await api(srv, 'PATCH', `/api/v1/products/${lot}`, { token: seller.access_token, body: { title: 'Kamera Pentax K1000 SE' } });
  assert.equal(retitle.status, 200, retitle.text);
  assert.equal(retitle.json.product.quantity, 1);

  const ended = await waitEnded(a.json.auction.id);
  assert.equal(ended.winner_id, null, 'no bids: unsold');
  assert.equal(await quantityOf(lot), 1);
  const again = await start(seller, showB, lot);
  assert.equal(again.status, 201, again.text);
});

test('a close with a winner and a buy-now each take a unit; the next start is refused', async () => {
  const seller = await registerSeller(srv);
  const [ali, bee] = [await registerUser(srv), await registerUser(srv)];
  const lot = await product(seller, 2);
  const [s1, s2, s3] = [await show(seller, lot), await show(seller, lot), await show(seller, lot)];
  const closing = await start(seller, s1, lot, { duration_s: 5, buy_now_price: undefined });
  assert.equal(closing.status, 201, closing.text);
  const buying = await start(seller, s2, lot);
  assert.equal(buying.status, 201, buying.text);
  assertOutOfStock(await start(seller, s3, lot)); // both units are held
  assert.equal((await bid(ali, closing.json.auction.id, 1000)).status, 201);
  assert.equal((await bid(bee, buying.json.auction.id, 5000)).status, 201);
  assert.equal(await quantityOf(lot), 1, 'the buy-now took one');
  const ended = await waitEnded(closing.json.auction.id);
  assert.equal(ended.winner_id, ali.user.id);
  assert.equal(await quantityOf(lot), 0, 'the close took the other');
  assertOutOfStock(await start(seller, s3, lot));
  const sales = await salesOf(seller, lot);
  assert.deepEqual(sales.map((o) => o.buyer_id).sort(), [ali.user.id, bee.user.id].sort());
});

// SHOWS live shows of one product race to start it, and every auction that starts gets
// BUYERS buy-now bids at once, while the other starts are still in flight; three rounds.
const SHOWS = 8;
const BUYERS = 5;
const ROUNDS = 3;

for (const quantity of [1, 2]) {
  test(`concurrent starts and buy-nows on a lot of quantity ${quantity}: orders never exceed it`, async () => {
    const seller = await registerSeller(srv);
    const buyers = [];
    for (let i = 0; i < BUYERS; i++) buyers.push(await registerUser(srv));
    const lot = await product(seller, quantity);
    const shows = [];
    for (let i = 0; i < SHOWS; i++) shows.push(await show(seller, lot));

    let started = 0;
    let accepted = 0;
    for (let round = 0; round < ROUNDS; round++) {
      await Promise.all(shows.map(async (streamId) => {
        const s = await start(seller, streamId, lot);
        if (s.status !== 201) {
          assertOutOfStock(s);
          return;
        }
        started++;
        const tries = await Promise.all(buyers.map((b) => bid(b, s.json.auction.id, 5000)));
        const won = tries.filter((t) => t.status === 201);
        assert.equal(won.length, 1, `one buy-now per auction: ${tries.map((t) => t.status)}`);
        assert.equal(won[0].json.auction.status, 'ended');
        accepted++;
        for (const t of tries.filter((x) => x.status !== 201)) {
          assert.equal(t.status, 409, t.text);
          assert.equal(t.json.error.code, 'auction_ended', t.text);
        }
      }));
    }
    assert.equal(started, quantity, 'as many auctions started as there were units');
    assert.equal(accepted, quantity);
    assert.equal((await salesOf(seller, lot)).length, quantity, 'orders never exceed the quantity');
    assert.equal(await quantityOf(lot), 0);
  });
}
