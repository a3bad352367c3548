// Paying for a win through the real server and a local fake Stripe (tests/integration/
// stripe_fake.mjs, strict about what it receives, its shapes judged by the official SDK):
// the quote, an on-session payment confirmed as Stripe.js would (the official SDK with the
// publishable key and the client secret only), FPX's redirect and the sync after it, signed
// webhooks applied once and refused when the signature is wrong, a card saved through a
// SetupIntent and charged off-session at the next win, a decline marked on the order, and a
// worker killed in the middle of a charge (kill -9) that neither loses nor doubles it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import Stripe from 'stripe';
import { startServer, api, registerUser, registerSeller, createShow, until, SLOW } from './lib/harness.mjs';
import { startAuction } from './lib/live.mjs';
import { FakeStripe, TEST_SECRET_KEY, TEST_PUBLISHABLE_KEY } from '../integration/stripe_fake.mjs';

const WEBHOOK_SECRET = 'whsec_blytzApiTest0123456789';
let fake;
let srv;
let browser; // Stripe.js's side: the publishable key only

function serverEnv() {
  return {
    STRIPE_SECRET_KEY: TEST_SECRET_KEY,
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    STRIPE_API_BASE: fake.url,
    STRIPE_PUBLISHABLE_KEY: TEST_PUBLISHABLE_KEY,
    BLYTZ_OUTBOX_LEASE_S: '3',
  };
}

before(async () => {
  fake = await new FakeStripe().start();
  srv = await startServer({ env: serverEnv() });
  fake.webhook = { url: `${srv.url}/webhooks/stripe`, secret: WEBHOOK_SECRET };
  browser = new Stripe(TEST_PUBLISHABLE_KEY, fake.sdkOptions());
});
after(async () => {
  await srv?.stop();
  await fake?.stop();
});

async function addAddress(server, buyer, over = {}) {
  const r = await api(server, 'POST', '/api/v1/users/me/addresses', {
    token: buyer.access_token,
    body: { name: 'Siti Aminah', phone: '019-876 5432', line1: '8 Jalan Bukit Bintang', city: 'Kuala Lumpur', state: 'Kuala Lumpur', postcode: '55100', ...over },
  });
  assert.equal(r.status, 201, r.text);
  return r.json.address;
}

/** `buyer` buys lot i of a fresh live show of `seller` now at `price` sen: the order. */
async function buyNow(server, seller, buyer, price, weight = 500) {
  const { stream, productIds } = await createShow(server, seller, { products: 1, live: true, price, weight });
  const a = await startAuction(server, seller, stream.id, { product_id: productIds[0], starting_bid: 100, buy_now_price: price, duration_s: 60 });
  const r = await api(server, 'POST', `/api/v1/auctions/${a.id}/bids`, { token: buyer.access_token, body: { amount: price } });
  assert.equal(r.status, 201, r.text);
  const orders = await api(server, 'GET', '/api/v1/orders', { token: buyer.access_token });
  return orders.json.orders.find((o) => o.auction_id === a.id);
}

const getOrder = async (server, who, id) => (await api(server, 'GET', `/api/v1/orders/${id}`, { token: who.access_token })).json.order;
const getPayment = async (server, who, id) => (await api(server, 'GET', `/api/v1/payments/${id}`, { token: who.access_token })).json.payment;

async function startPayment(server, buyer, orderId, body = {}) {
  const r = await api(server, 'POST', `/api/v1/orders/${orderId}/checkout`, { token: buyer.access_token, body });
  assert.equal(r.status, 202, r.text);
  assert.equal(r.headers.get('cache-control'), 'no-store');
  return until('the payment to open', () => getPayment(server, buyer, r.json.payment.id), (p) => p.status !== 'creating');
}

test('a buy-now win paid by card on-session: the quote, Stripe.js confirms, the webhook pays it once', async () => {
  const seller = await registerSeller(srv);
  const buyer = await registerUser(srv);
  await addAddress(srv, buyer);
  const order = await buyNow(srv, seller, buyer, 12000, 700);
  assert.equal(order.status, 'awaiting_payment');
  assert.ok(Date.parse(order.pay_by) > Date.now() + 23 * 3600e3, 'a day to pay');

  const q = await api(srv, 'GET', `/api/v1/orders/${order.id}/checkout`, { token: buyer.access_token });
  assert.equal(q.status, 200, q.text);
  assert.deepEqual(q.json.checkout.sums, { items: 12000, shipping: 700, tax: 0, total: 12700, currency: 'MYR' });
  assert.equal(q.json.checkout.shipping.from_zone, 'W');
  assert.equal(q.json.checkout.ship_to.name, 'Siti Aminah');

  const p = await startPayment(srv, buyer, order.id, { methods: ['card'] });
  assert.equal(p.status, 'open');
  assert.ok(p.client_secret);
  const pi = fake.get(p.client_secret.split('_secret_')[0]);
  assert.equal(pi.amount, 12700, 'Stripe is asked for the order’s total, in sen');
  assert.equal(pi.currency, 'myr');
  assert.deepEqual(pi.payment_method_types, ['card']);
  assert.equal(pi.metadata.blytz_payment, p.id);
  assert.equal((await getOrder(srv, buyer, order.id)).status, 'awaiting_payment', 'not paid before Stripe says so');

  const confirmed = await browser.paymentIntents.confirm(pi.id, { payment_method: 'pm_card_visa', client_secret: p.client_secret });
  assert.equal(confirmed.status, 'succeeded');
  const paid = await until('the order to be paid', () => getOrder(srv, buyer, order.id), (o) => o.status === 'paid');
  assert.equal(paid.paid, 12700);
  assert.equal(paid.shipping, 700);
  assert.equal(paid.people.ship_to.line1, '8 Jalan Bukit Bintang');
  assert.deepEqual(paid.timeline.map((s) => s.kind), ['payment_started', 'paid']);
  const sale = await getOrder(srv, seller, order.id);
  assert.equal(sale.people.buyer.username, buyer.user.username, 'the seller sees who bought it');
  assert.equal(sale.people.ship_to.name, 'Siti Aminah', 'and where it goes');

  // The same delivery again (Stripe retries): 200, nothing changes.
  const d = fake.deliveries.find((x) => x.type === 'payment_intent.succeeded' && JSON.parse(x.body).data.object.id === pi.id);
  assert.ok(d, 'the fake delivered the event');
  const again = await fetch(`${srv.url}/webhooks/stripe`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': d.header }, body: d.body });
  assert.equal(again.status, 200);
  assert.equal((await getOrder(srv, buyer, order.id)).timeline.length, 2);
  assert.deepEqual(fake.rejected, [], 'the fake refused nothing we sent');
});

test('FPX: the bank list, a redirect to the bank, and back: the sync pays the order before any webhook', async () => {
  const seller = await registerSeller(srv);
  const buyer = await registerUser(srv);
  await addAddress(srv, buyer, { state: 'Sabah', city: 'Kota Kinabalu', postcode: '88000' });
  const order = await buyNow(srv, seller, buyer, 5000, 400);
  fake.holdEvents = true;
  try {
    const p = await startPayment(srv, buyer, order.id, { methods: ['fpx'] });
    assert.equal(p.sums.shipping, 1500, 'West to East Malaysia');
    const piId = p.client_secret.split('_secret_')[0];
    assert.deepEqual(fake.get(piId).payment_method_types, ['fpx']);
    const acted = await browser.paymentIntents.confirm(piId, { client_secret: p.client_secret, payment_method_data: { type: 'fpx', fpx: { bank: 'maybank2u' } }, return_url: `${srv.url}/checkout/${order.id}?payment=${p.id}` });
    assert.equal(acted.status, 'requires_action');
    const bank = await fetch(acted.next_action.redirect_to_url.url + '?outcome=succeed', { redirect: 'manual' });
    assert.equal(bank.status, 302);
    assert.match(bank.headers.get('location'), new RegExp(`/checkout/${order.id}`));
    const s = await api(srv, 'POST', `/api/v1/payments/${p.id}/sync`, { token: buyer.access_token });
    assert.equal(s.status, 202, s.text);
    const done = await until('the sync', () => getPayment(srv, buyer, p.id), (x) => x.status === 'succeeded');
    assert.equal(done.method_used, 'fpx');
    assert.equal(done.client_secret, null, 'no secret once it is over');
    assert.equal((await getOrder(srv, buyer, order.id)).status, 'paid');
    await fake.flush({ twice: true, reverse: true }); // the webhooks, late, twice, out of order
    const o = await getOrder(srv, buyer, order.id);
    assert.equal(o.status, 'paid');
    assert.equal(o.timeline.filter((x) => x.kind === 'paid').length, 1);
  } finally {
    fake.holdEvents = false;
  }
});

test('webhook signatures: made by the SDK, accepted; a byte changed, an old timestamp or another secret: 400', async () => {
  const stripe = new Stripe(TEST_SECRET_KEY, fake.sdkOptions());
  const body = JSON.stringify({ id: 'evt_sigtest_1', object: 'event', type: 'customer.created', created: Math.floor(Date.now() / 1000), data: { object: { id: 'cus_x', object: 'customer' } }, livemode: false, api_version: fake.version });
  const post = (b, header) => fetch(`${srv.url}/webhooks/stripe`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': header }, body: b });
  const good = stripe.webhooks.generateTestHeaderString({ payload: body, secret: WEBHOOK_SECRET });
  assert.equal((await post(body, good)).status, 200, 'an event about nothing of ours is acknowledged');
  const bad = [
    [body.replace('customer.created', 'customer.createe'), good],
    [body, stripe.webhooks.generateTestHeaderString({ payload: body, secret: WEBHOOK_SECRET, timestamp: Math.floor(Date.now() / 1000) - 301 })],
    [body, stripe.webhooks.generateTestHeaderString({ payload: body, secret: 'whsec_someoneElse' })],
    [body, ''],
  ];
  for (const [b, h] of bad) {
    const r = await post(b, h);
    assert.equal(r.status, 400);
    assert.equal((await r.json()).error.code, 'invalid_signature');
  }
});

/** Save a card as the account page does: a SetupIntent, Stripe.js confirms it, sync. */
async function saveCard(server, buyer, pm) {
  const r = await api(server, 'POST', '/api/v1/users/me/cards', { token: buyer.access_token });
  assert.equal(r.status, 202, r.text);
  const get = async () => (await api(server, 'GET', `/api/v1/users/me/cards/setups/${r.json.setup.id}`, { token: buyer.access_token })).json.setup;
  const open = await until('the setup to open', get, (s) => s.status === 'open');
  const seti = open.client_secret.split('_secret_')[0];
  const done = await browser.setupIntents.confirm(seti, { payment_method: pm, client_secret: open.client_secret });
  assert.equal(done.status, 'succeeded');
  assert.equal((await api(server, 'POST', `/api/v1/users/me/cards/setups/${r.json.setup.id}/sync`, { token: buyer.access_token })).status, 202);
  await until('the card to be kept', get, (s) => s.status === 'succeeded');
  return (await api(server, 'GET', '/api/v1/users/me/cards', { token: buyer.access_token })).json.cards;
}

test('a card saved through a SetupIntent is charged off-session at the next win; a declined one marks the order', async () => {
  const seller = await registerSeller(srv);
  const buyer = await registerUser(srv);
  await addAddress(srv, buyer);
  const cards = await saveCard(srv, buyer, 'pm_card_visa');
  assert.equal(cards.length, 1);
  assert.equal(cards[0].last4, '4242');
  assert.equal(cards[0].is_default, true, 'the first card is the default');
  assert.equal(cards[0].method_id, undefined, 'the provider’s id stays on the server');

  const order = await buyNow(srv, seller, buyer, 3000);
  const paid = await until('the win to be charged', () => getOrder(srv, buyer, order.id), (o) => o.status === 'paid');
  assert.equal(paid.paid, 3700);
  const pi = [...fake.objects.values()].find((o) => o.object === 'payment_intent' && o.metadata?.blytz_payment === paid.payment_id);
  assert.equal(pi.amount, 3700);
  assert.ok(pi.customer, 'charged to the buyer’s customer');

  const other = await registerUser(srv);
  await addAddress(srv, other);
  await saveCard(srv, other, 'pm_card_chargeDeclinedInsufficientFunds');
  const declined = await buyNow(srv, seller, other, 3000);
  const failed = await until('the charge to fail', () => getOrder(srv, other, declined.id), (o) => o.payment_failed);
  assert.equal(failed.status, 'awaiting_payment', 'still payable before the deadline');
  assert.equal(failed.failure_code, 'card_declined');
  const p = await startPayment(srv, other, declined.id, { methods: ['grabpay'] });
  const acted = await browser.paymentIntents.confirm(p.client_secret.split('_secret_')[0], { client_secret: p.client_secret, payment_method_data: { type: 'grabpay' }, return_url: `${srv.url}/back` });
  await fetch(acted.next_action.redirect_to_url.url + '?outcome=succeed', { redirect: 'manual' });
  const fixed = await until('GrabPay to pay it', () => getOrder(srv, other, declined.id), (o) => o.status === 'paid');
  assert.equal(fixed.payment_failed, false);
});

test('kill -9 while Stripe charges the win: after a restart the same key finds the same charge, never a second', async () => {
  const seller = await registerSeller(srv);
  const buyer = await registerUser(srv);
  await addAddress(srv, buyer);
  await saveCard(srv, buyer, 'pm_card_mastercard');
  // The charge runs at Stripe, then its answer is held (as if the network lost it) while we
  // kill the server. Webhooks wait too: the restarted worker alone must finish it.
  fake.holdEvents = true;
  fake.fault({ after: true, hang: 60000, path: /^\/v1\/payment_intents$/ });
  const callsBefore = fake.calls.length;
  const order = await buyNow(srv, seller, buyer, 4200);
  await until('the charge to reach Stripe', () => fake.calls.slice(callsBefore).filter((c) => c.method === 'POST' && c.path === '/v1/payment_intents').length, (n) => n === 1);
  srv.child.kill('SIGKILL');
  await new Promise((r) => (srv.child.exitCode !== null || srv.child.signalCode !== null ? r() : srv.child.once('exit', r)));
  srv = await startServer({ env: serverEnv(), reuse: srv });
  fake.webhook.url = `${srv.url}/webhooks/stripe`;
  const paid = await until('the restarted worker to finish the charge', () => getOrder(srv, buyer, order.id), (o) => o.status === 'paid', 60000 * SLOW);
  const intents = [...fake.objects.values()].filter((o) => o.object === 'payment_intent' && o.metadata?.blytz_payment === paid.payment_id);
  assert.equal(intents.length, 1, 'one charge');
  const creates = fake.calls.slice(callsBefore).filter((c) => c.method === 'POST' && c.path === '/v1/payment_intents');
  assert.ok(creates.length >= 2, 'asked again after the restart');
  assert.equal(new Set(creates.map((c) => c.headers['idempotency-key'])).size, 1, 'with the same key');
  assert.equal(paid.paid, 4200 + 700);
  fake.holdEvents = false;
  await fake.flush({ twice: true });
  const after = await getOrder(srv, buyer, order.id);
  assert.equal(after.timeline.filter((x) => x.kind === 'paid').length, 1, 'the late webhooks change nothing');
});

test('a seller may ask bidders for a card on file: 403 card_required says how to fix it, and a card lets the bid in', async () => {
  const seller = await registerSeller(srv);
  const buyer = await registerUser(srv);
  const set = await api(srv, 'PATCH', '/api/v1/sellers/me', { token: seller.access_token, body: { require_card: true } });
  assert.equal(set.status, 200, set.text);
  assert.equal(set.json.seller.require_card, true);
  const { stream, productIds } = await createShow(srv, seller, { products: 1, live: true, price: 9000 });
  const a = await startAuction(srv, seller, stream.id, { product_id: productIds[0], starting_bid: 1000, duration_s: 60 });
  const refused = await api(srv, 'POST', `/api/v1/auctions/${a.id}/bids`, { token: buyer.access_token, body: { amount: 1000 } });
  assert.equal(refused.status, 403);
  assert.equal(refused.json.error.code, 'card_required');
  assert.match(refused.json.error.message, /card on file/);
  await saveCard(srv, buyer, 'pm_card_visa');
  const ok = await api(srv, 'POST', `/api/v1/auctions/${a.id}/bids`, { token: buyer.access_token, body: { amount: 1000 } });
  assert.equal(ok.status, 201, ok.text);
});
