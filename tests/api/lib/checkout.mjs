// Paying for wins in the API suites (payments, refunds): an address, a buy-now win, a payment
// started and polled, as the web app does them.
import assert from 'node:assert/strict';
import { api, createShow, SLOW } from './harness.mjs';
import { startAuction } from './live.mjs';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Poll `fn` until `ok(value)`; the last value. */
export async function until(what, fn, ok, ms = 20000 * SLOW) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await sleep(100);
  }
}

export async function addAddress(server, buyer, over = {}) {
  const r = await api(server, 'POST', '/api/v1/users/me/addresses', {
    token: buyer.access_token,
    body: { name: 'Siti Aminah', phone: '019-876 5432', line1: '8 Jalan Bukit Bintang', city: 'Kuala Lumpur', state: 'Kuala Lumpur', postcode: '55100', ...over },
  });
  assert.equal(r.status, 201, r.text);
  return r.json.address;
}

/** `buyer` buys lot i of a fresh live show of `seller` now at `price` sen: the order. */
export async function buyNow(server, seller, buyer, price, weight = 500) {
  const { stream, productIds } = await createShow(server, seller, { products: 1, live: true, price, weight });
  const a = await startAuction(server, seller, stream.id, { product_id: productIds[0], starting_bid: 100, buy_now_price: price, duration_s: 60 });
  const r = await api(server, 'POST', `/api/v1/auctions/${a.id}/bids`, { token: buyer.access_token, body: { amount: price } });
  assert.equal(r.status, 201, r.text);
  const orders = await api(server, 'GET', '/api/v1/orders', { token: buyer.access_token });
  return orders.json.orders.find((o) => o.auction_id === a.id);
}

export const getOrder = async (server, who, id) => (await api(server, 'GET', `/api/v1/orders/${id}`, { token: who.access_token })).json.order;
export const getPayment = async (server, who, id) => (await api(server, 'GET', `/api/v1/payments/${id}`, { token: who.access_token })).json.payment;

export async function startPayment(server, buyer, orderId, body = {}) {
  const r = await api(server, 'POST', `/api/v1/orders/${orderId}/checkout`, { token: buyer.access_token, body });
  assert.equal(r.status, 202, r.text);
  assert.equal(r.headers.get('cache-control'), 'no-store');
  return until('the payment to open', () => getPayment(server, buyer, r.json.payment.id), (p) => p.status !== 'creating');
}
