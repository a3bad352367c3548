// What the payment suites share: a server wired to the local fake Stripe, Stripe.js's side
// (the official SDK with the publishable key only), and the steps of paying for a win.
import assert from 'node:assert/strict';
import Stripe from 'stripe';
import { startServer, api, createShow, until } from './harness.mjs';
import { startAuction } from './live.mjs';
import { FakeStripe, TEST_SECRET_KEY, TEST_PUBLISHABLE_KEY } from '../../integration/stripe_fake.mjs';

export const WEBHOOK_SECRET = 'whsec_blytzApiTest0123456789';

/** The fake Stripe, a server paying through it (extra `env` on top) and Stripe.js's side. */
/* `args`: the server's command-line flags (--demo). `restart()` kills nothing: it starts the server again on the same data (after a test
 * killed it) and points the fake's webhooks at it; `stop()` stops whichever runs. */
export async function startPaying(extra = {}, { args = [] } = {}) {
  const fake = await new FakeStripe().start();
  const env = {
    STRIPE_SECRET_KEY: TEST_SECRET_KEY,
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    STRIPE_API_BASE: fake.url,
    STRIPE_PUBLISHABLE_KEY: TEST_PUBLISHABLE_KEY,
    BLYTZ_OUTBOX_LEASE_S: '3',
    ...extra,
  };
  const p = { fake, srv: null, browser: new Stripe(TEST_PUBLISHABLE_KEY, fake.sdkOptions()) };
  p.stop = async () => {
    await p.srv?.stop();
    await fake.stop();
  };
  p.restart = async () => {
    p.srv = await startServer({ env, args, reuse: p.srv });
    fake.webhook = { url: `${p.srv.url}/webhooks/stripe`, secret: WEBHOOK_SECRET };
    return p.srv;
  };
  try {
    await p.restart();
  } catch (e) {
    await fake.stop();
    throw e;
  }
  return p;
}


export { until };

export async function addAddress(server, buyer, over = {}) {
  const r = await api(server, 'POST', '/api/v1/users/me/addresses', {
    token: buyer.access_token,
    body: { name: 'Siti Aminah', phone: '019-876 5432', line1: '8 Jalan Bukit Bintang', city: 'Kuala Lumpur', state: 'Kuala Lumpur', postcode: '55100', ...over },
  });
  assert.equal(r.status, 201, r.text);
  return r.json.address;
}

/** `buyer` buys the lot of a fresh live show of `seller` now at `price` sen: the order. */
export async function buyNow(server, seller, buyer, price, weight = 500, show = {}) {
  const { stream, productIds } = await createShow(server, seller, { products: 1, live: true, price, weight, ...show });
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

/** Pay order `orderId` by card on-session as the checkout page does; the paid order. */
export async function payByCard(server, browser, buyer, orderId) {
  const p = await startPayment(server, buyer, orderId, { methods: ['card'] });
  const pi = p.client_secret.split('_secret_')[0];
  const confirmed = await browser.paymentIntents.confirm(pi, { payment_method: 'pm_card_visa', client_secret: p.client_secret });
  assert.equal(confirmed.status, 'succeeded');
  return until('the order to be paid', () => getOrder(server, buyer, orderId), (o) => o.status === 'paid');
}
