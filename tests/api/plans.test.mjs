// Sellers' plans through the real server and the local fake Stripe (tests/integration/
// stripe_fake.mjs; the official `stripe` SDK makes the plan's price and retrieves what the
// server made): the plans' list, a subscription made incomplete by the outbox and its first
// invoice paid as Stripe.js pays it, its webhooks applied once in any order, the plan's
// commission on the next sale, a failed renewal (past_due: the plan holds for the grace, then
// the free rate; the grace is a configuration knob, the server restarted with 0 instead of a
// long wait), a renewal paid again, a cancel at the period's end, and the refusals.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import Stripe from 'stripe';
import { startServer, api, registerUser, registerSeller, createShow, until } from './lib/harness.mjs';
import { startAuction } from './lib/live.mjs';
import { FakeStripe, TEST_SECRET_KEY, TEST_PUBLISHABLE_KEY } from '../integration/stripe_fake.mjs';

const WEBHOOK_SECRET = 'whsec_blytzPlansTest0123456789';
let fake;
let srv;
let price; // the pro plan's recurring price, made with the SDK
let admin; // the SDK with the secret key: what Stripe's dashboard would show
let browser; // Stripe.js's side: the publishable key only

const env = (grace) => ({
  STRIPE_SECRET_KEY: TEST_SECRET_KEY,
  STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
  STRIPE_API_BASE: fake.url,
  STRIPE_PUBLISHABLE_KEY: TEST_PUBLISHABLE_KEY,
  BLYTZ_OUTBOX_LEASE_S: '3',
  BLYTZ_PLANS: `free:0:1000,pro:${price.id}:500:4900`,
  BLYTZ_PLAN_GRACE_S: String(grace),
});

before(async () => {
  fake = await new FakeStripe().start();
  admin = new Stripe(TEST_SECRET_KEY, fake.sdkOptions());
  browser = new Stripe(TEST_PUBLISHABLE_KEY, fake.sdkOptions());
  price = await admin.prices.create({ currency: 'myr', unit_amount: 4900, recurring: { interval: 'month' }, product_data: { name: 'Blytz Pro' } });
  srv = await startServer({ env: env(86400) });
  fake.webhook = { url: `${srv.url}/webhooks/stripe`, secret: WEBHOOK_SECRET };
});
after(async () => {
  await srv?.stop();
  await fake?.stop();
});

const myPlan = async (who) => {
  const r = await api(srv, 'GET', '/api/v1/sellers/me/plan', { token: who.access_token });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.headers.get('cache-control'), 'no-store');
  return r.json.plan;
};

/** The subscription the fake holds for seller `s`. */
const subOf = (s) => [...fake.objects.values()].find((o) => o.object === 'subscription' && o.metadata.blytz_seller === s.user.id);

/** `buyer` buys a lot of `seller` for 10000 sen and pays it by card: the order as the seller sees it. */
async function sale(seller, buyer) {
  const { stream, productIds } = await createShow(srv, seller, { products: 1, live: true, price: 10000, weight: 500 });
  const a = await startAuction(srv, seller, stream.id, { product_id: productIds[0], starting_bid: 100, buy_now_price: 10000, duration_s: 60 });
  const bid = await api(srv, 'POST', `/api/v1/auctions/${a.id}/bids`, { token: buyer.access_token, body: { amount: 10000 } });
  assert.equal(bid.status, 201, bid.text);
  const order = (await api(srv, 'GET', '/api/v1/orders', { token: buyer.access_token })).json.orders.find((o) => o.auction_id === a.id);
  const r = await api(srv, 'POST', `/api/v1/orders/${order.id}/checkout`, { token: buyer.access_token, body: { methods: ['card'] } });
  assert.equal(r.status, 202, r.text);
  const p = await until('the payment to open', async () => (await api(srv, 'GET', `/api/v1/payments/${r.json.payment.id}`, { token: buyer.access_token })).json.payment, (x) => x.status === 'open');
  await browser.paymentIntents.confirm(p.client_secret.split('_secret_')[0], { payment_method: 'pm_card_visa', client_secret: p.client_secret });
  return until('the order to be paid', async () => (await api(srv, 'GET', `/api/v1/orders/${order.id}`, { token: seller.access_token })).json.order, (o) => o.status === 'paid');
}

async function buyerWithAddress() {
  const buyer = await registerUser(srv);
  const r = await api(srv, 'POST', '/api/v1/users/me/addresses', {
    token: buyer.access_token,
    body: { name: 'Siti Aminah', phone: '019-876 5432', line1: '8 Jalan Bukit Bintang', city: 'Kuala Lumpur', state: 'Kuala Lumpur', postcode: '55100' },
  });
  assert.equal(r.status, 201, r.text);
  return buyer;
}

test('the plans: the free one first, a month’s price in sen, the commission, the grace', async () => {
  const r = await api(srv, 'GET', '/api/v1/plans');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json, {
    plans: [
      { name: 'free', free: true, commission_bp: 1000, monthly_price: 0, currency: 'MYR' },
      { name: 'pro', free: false, commission_bp: 500, monthly_price: 4900, currency: 'MYR' },
    ],
    grace_s: 86400,
  });
});

test('subscribe, pay with Stripe.js, the plan’s rate on a sale; a failed renewal keeps it for the grace, then the free rate; paid again; cancelled at the period’s end', async () => {
  const seller = await registerSeller(srv);
  const buyer = await buyerWithAddress();
  let plan = await myPlan(seller);
  assert.equal(plan.status, 'none');
  assert.equal(plan.name, 'free');
  assert.equal(plan.commission_bp, 1000);
  assert.equal((await sale(seller, buyer)).commission, 1000, 'the free plan: 10 % of RM100.00');

  const r = await api(srv, 'POST', '/api/v1/sellers/me/plan', { token: seller.access_token, body: { plan: 'pro' } });
  assert.equal(r.status, 202, r.text);
  assert.equal(r.json.plan.status, 'creating');
  assert.equal(r.json.plan.chosen, 'pro');
  assert.equal(r.json.plan.name, 'free', 'nothing paid yet');
  plan = await until('the subscription to be made', () => myPlan(seller), (p) => p.status !== 'creating');
  assert.equal(plan.status, 'incomplete');
  assert.ok(plan.client_secret);
  assert.equal(plan.commission_bp, 1000);
  const again = await api(srv, 'POST', '/api/v1/sellers/me/plan', { token: seller.access_token, body: { plan: 'pro' } });
  assert.equal(again.status, 202, 'asked again while it is set up: the same one');
  assert.equal(again.json.plan.client_secret, plan.client_secret);

  // What the server made, as the SDK retrieves it.
  const sub = await admin.subscriptions.retrieve(subOf(seller).id, { expand: ['latest_invoice.confirmation_secret'] });
  assert.equal(sub.status, 'incomplete');
  assert.equal(sub.items.data[0].price.id, price.id);
  assert.equal(sub.metadata.blytz_seller, seller.user.id);
  assert.equal(sub.payment_settings.save_default_payment_method, 'on_subscription');
  assert.equal(sub.latest_invoice.confirmation_secret.client_secret, plan.client_secret);
  assert.equal(sub.latest_invoice.amount_due, 4900);
  const customer = await admin.customers.retrieve(sub.customer);
  assert.equal(customer.metadata.blytz_user, seller.user.id, 'the seller pays as the customer they are as a buyer');

  // The browser pays the first invoice; its webhooks come twice and newest first.
  fake.holdEvents = true;
  const piId = plan.client_secret.split('_secret_')[0];
  assert.equal((await browser.paymentIntents.confirm(piId, { payment_method: 'pm_card_visa', client_secret: plan.client_secret })).status, 'succeeded');
  fake.holdEvents = false;
  const sent = await fake.flush({ twice: true, reverse: true });
  assert.ok(sent.every((d) => d.status === 200), JSON.stringify(sent.map((d) => [d.type, d.status])));
  plan = await myPlan(seller);
  assert.equal(plan.status, 'active');
  assert.equal(plan.name, 'pro');
  assert.equal(plan.commission_bp, 500);
  assert.equal(plan.client_secret, null);
  const periodEnd = subOf(seller).items.data[0].current_period_end * 1000;
  assert.equal(Date.parse(plan.renews_at), periodEnd);
  assert.equal(Date.parse(plan.current_period_end), periodEnd);
  assert.equal((await sale(seller, buyer)).commission, 500, 'the pro plan: 5 %');

  // An invoice.paid delivered again, signed by the SDK: acknowledged, nothing changes.
  const paid = fake.deliveries.find((d) => d.type === 'invoice.paid' && JSON.parse(d.body).data.object.parent.subscription_details.subscription === sub.id);
  const header = Stripe.webhooks.generateTestHeaderString({ payload: paid.body, secret: WEBHOOK_SECRET });
  const dup = await fetch(`${srv.url}/webhooks/stripe`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': header }, body: paid.body });
  assert.equal(dup.status, 200);
  assert.equal((await myPlan(seller)).updated_at, plan.updated_at);

  // The renewal fails: past_due, the plan's rate for the grace (a day here).
  fake.renewal(sub.id, { fail: true });
  plan = await until('past_due', () => myPlan(seller), (p) => p.status === 'past_due');
  assert.equal(plan.name, 'pro');
  assert.equal(plan.commission_bp, 500);
  assert.equal(Date.parse(plan.grace_ends_at) - Date.parse(plan.past_due_since), 86400e3);
  assert.equal(plan.ends_at, plan.grace_ends_at);
  assert.equal(plan.renews_at, null);

  // The same server configured with no grace (restarted on its data): the free rate now.
  const exited = new Promise((r) => srv.child.once('exit', r)); // stop() would delete its data
  srv.child.kill('SIGTERM');
  await exited;
  srv = await startServer({ env: env(0), reuse: srv });
  fake.webhook.url = `${srv.url}/webhooks/stripe`;
  plan = await myPlan(seller);
  assert.equal(plan.status, 'past_due');
  assert.equal(plan.name, 'free');
  assert.equal(plan.commission_bp, 1000);
  assert.equal((await sale(seller, buyer)).commission, 1000, 'beyond the grace: the free rate');

  // Stripe retries and the card pays: active, the plan's rate again.
  fake.renewal(sub.id);
  plan = await until('active again', () => myPlan(seller), (p) => p.status === 'active');
  assert.equal(plan.commission_bp, 500);
  assert.equal(plan.past_due_since, null);

  // Cancelled: at the period's end (the seller keeps what they paid for), then over.
  const del = await api(srv, 'DELETE', '/api/v1/sellers/me/plan', { token: seller.access_token });
  assert.equal(del.status, 202, del.text);
  plan = await until('the cancel to be taken', () => myPlan(seller), (p) => p.cancel_at_period_end);
  assert.equal(plan.status, 'active');
  assert.equal(plan.commission_bp, 500);
  assert.equal(plan.renews_at, null);
  assert.equal(plan.ends_at, plan.current_period_end);
  assert.equal((await admin.subscriptions.retrieve(sub.id)).cancel_at_period_end, true);
  assert.equal((await api(srv, 'DELETE', '/api/v1/sellers/me/plan', { token: seller.access_token })).status, 202, 'asked again: as it is');
  fake.renewal(sub.id); // the period is over: Stripe ends it
  plan = await until('canceled', () => myPlan(seller), (p) => p.status === 'canceled');
  assert.equal(plan.name, 'free');
  assert.equal(plan.commission_bp, 1000);
  assert.deepEqual(fake.rejected, [], 'the fake refused nothing we sent');
});

test('refusals: not a seller, no such plan, the free plan, twice, nothing to cancel; a declined first invoice leaves it incomplete', async () => {
  const user = await registerUser(srv);
  const r = await api(srv, 'POST', '/api/v1/sellers/me/plan', { token: user.access_token, body: { plan: 'pro' } });
  assert.equal(r.status, 403);
  assert.equal(r.json.error.code, 'not_a_seller');
  assert.equal((await api(srv, 'GET', '/api/v1/sellers/me/plan', { token: user.access_token })).status, 403);
  assert.equal((await api(srv, 'GET', '/api/v1/sellers/me/plan')).status, 401);

  const seller = await registerSeller(srv);
  for (const [body, code] of [[{ plan: 'gold' }, 'validation_failed'], [{ plan: 'free' }, 'validation_failed'], [{}, 'validation_failed'], [{ plan: 7 }, 'validation_failed']]) {
    const x = await api(srv, 'POST', '/api/v1/sellers/me/plan', { token: seller.access_token, body });
    assert.equal(x.status, 422, JSON.stringify(body));
    assert.equal(x.json.error.code, code);
    assert.equal(x.json.error.details.field, 'plan');
  }
  const none = await api(srv, 'DELETE', '/api/v1/sellers/me/plan', { token: seller.access_token });
  assert.equal(none.status, 409);
  assert.equal(none.json.error.code, 'no_paid_plan');

  assert.equal((await api(srv, 'POST', '/api/v1/sellers/me/plan', { token: seller.access_token, body: { plan: 'pro' } })).status, 202);
  const plan = await until('made', () => myPlan(seller), (p) => p.status === 'incomplete');
  const piId = plan.client_secret.split('_secret_')[0];
  await assert.rejects(browser.paymentIntents.confirm(piId, { payment_method: 'pm_card_chargeDeclined', client_secret: plan.client_secret }), (e) => e.code === 'card_declined');
  await until('the failure to be delivered', async () => fake.deliveries.filter((d) => d.type === 'invoice.payment_failed' && d.status === 200).length, (n) => n > 0);
  const after = await myPlan(seller);
  assert.equal(after.status, 'incomplete', 'a first invoice refused: never paid, not past_due');
  assert.equal(after.commission_bp, 1000);

  // paid with another card: active; then a second subscription is refused
  await browser.paymentIntents.confirm(piId, { payment_method: 'pm_card_mastercard', client_secret: plan.client_secret });
  await until('active', () => myPlan(seller), (p) => p.status === 'active');
  const twice = await api(srv, 'POST', '/api/v1/sellers/me/plan', { token: seller.access_token, body: { plan: 'pro' } });
  assert.equal(twice.status, 409);
  assert.equal(twice.json.error.code, 'plan_active');
});
