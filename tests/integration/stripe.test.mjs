// The local fake Stripe (stripe_fake.mjs) judged by the official `stripe` package: the SDK,
// pointed at the fake with its host/port/protocol options, creates and retrieves every object
// kind the fake speaks and gets Stripe's error classes for the failures, so the fake speaks
// Stripe's shapes; the fake's webhooks verify with the SDK's constructEvent and its signature
// is the one generateTestHeaderString makes. The fake's own strictness (key, version, form
// encoding, idempotency) is checked with plain requests. The C client against the fake is
// stripe_api.test.mjs.
//
// Run: node --test tests/integration/stripe.test.mjs
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import Stripe from 'stripe';
import { FakeStripe, PINNED_VERSION, TEST_SECRET_KEY, TEST_PUBLISHABLE_KEY } from './stripe_fake.mjs';

const WHSEC = 'whsec_fake_endpoint_secret';
let fake;
let stripe;
let receiver; // a webhook endpoint on loopback that keeps what it receives
const received = [];

before(async () => {
  receiver = http.createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    received.push({ header: req.headers['stripe-signature'], body: Buffer.concat(chunks).toString('utf8') });
    res.writeHead(200).end();
  });
  await new Promise((r) => receiver.listen(0, '127.0.0.1', r));
  fake = await new FakeStripe({ webhook: { url: `http://127.0.0.1:${receiver.address().port}/webhooks/stripe`, secret: WHSEC } }).start();
  stripe = new Stripe(TEST_SECRET_KEY, fake.sdkOptions());
});
after(async () => {
  await fake?.stop();
  await new Promise((r) => (receiver ? receiver.close(r) : r()));
});
beforeEach(() => {
  fake.reset();
  fake.holdEvents = true; // a test flushes the events it wants to see
  received.length = 0;
});

const noneRefused = () => assert.deepEqual(fake.rejected.filter((r) => !r.expected), []);
// The refusals a test asked for, and no other: [status, path] each.
const refusedOnly = (want) => assert.deepEqual(fake.rejected.filter((r) => !r.expected).map((r) => [r.status, r.path]), want);

async function customerWithCard(pm = 'pm_card_visa') {
  const cus = await stripe.customers.create({ email: 'buyer@example.my', name: 'Siti', metadata: { user_id: '7' } });
  const si = await stripe.setupIntents.create({ customer: cus.id, usage: 'off_session', payment_method_types: ['card'] });
  const done = await stripe.setupIntents.confirm(si.id, { payment_method: pm });
  return { cus, si: done, pm: done.payment_method };
}

test('the SDK sends what the fake requires: bearer key, pinned Stripe-Version, form body, an Idempotency-Key on POST', async () => {
  const cus = await stripe.customers.create({ email: 'a@example.my', metadata: { order_id: '42' } });
  const [post] = fake.calls;
  assert.equal(post.headers.authorization, `Bearer ${TEST_SECRET_KEY}`);
  assert.equal(post.headers['stripe-version'], PINNED_VERSION);
  assert.match(post.headers['content-type'], /^application\/x-www-form-urlencoded/);
  assert.ok(post.headers['idempotency-key']);
  assert.equal(post.raw, 'email=a%40example.my&metadata[order_id]=42');
  assert.deepEqual(post.params, { email: 'a@example.my', metadata: { order_id: '42' } });
  assert.equal((await stripe.customers.retrieve(cus.id)).email, 'a@example.my');
  noneRefused();
});

test('customers, setup intents and payment methods: save a card, list, default, detach', async () => {
  const { cus, si, pm } = await customerWithCard();
  assert.match(cus.id, /^cus_/);
  assert.equal(si.status, 'succeeded');
  assert.match(si.client_secret, new RegExp(`^${si.id}_secret_`));
  assert.match(pm, /^pm_/);
  assert.notEqual(pm, 'pm_card_visa'); // a test id is cloned into a PaymentMethod of its own
  const got = await stripe.paymentMethods.retrieve(pm);
  assert.deepEqual([got.type, got.card.brand, got.card.last4, got.customer], ['card', 'visa', '4242', cus.id]);
  const attached = await stripe.paymentMethods.attach('pm_card_mastercard', { customer: cus.id });
  assert.equal(attached.card.last4, '4444');
  const listed = await stripe.customers.listPaymentMethods(cus.id, { type: 'card' });
  assert.equal(listed.object, 'list');
  assert.deepEqual(listed.data.map((p) => p.id).sort(), [pm, attached.id].sort());
  assert.equal((await stripe.paymentMethods.list({ customer: cus.id, type: 'card' })).data.length, 2);
  const upd = await stripe.customers.update(cus.id, { invoice_settings: { default_payment_method: pm } });
  assert.equal(upd.invoice_settings.default_payment_method, pm);
  const detached = await stripe.paymentMethods.detach(pm);
  assert.equal(detached.customer, null);
  assert.equal((await stripe.customers.retrieve(cus.id)).invoice_settings.default_payment_method, null);
  assert.equal((await stripe.setupIntents.retrieve(si.id)).payment_method, pm);
  noneRefused();
});

test('Stripe.js confirms a SetupIntent with the publishable key and the client secret only', async () => {
  const cus = await stripe.customers.create({});
  const si = await stripe.setupIntents.create({ customer: cus.id, payment_method_types: ['card'] });
  const browser = new Stripe(TEST_PUBLISHABLE_KEY, fake.sdkOptions());
  await assert.rejects(browser.setupIntents.confirm(si.id, { payment_method: 'pm_card_visa', client_secret: 'seti_x_secret_wrong' }), Stripe.errors.StripeInvalidRequestError);
  const done = await browser.setupIntents.confirm(si.id, { payment_method: 'pm_card_visa', client_secret: si.client_secret });
  assert.equal(done.status, 'succeeded');
  // the publishable key does nothing else
  await assert.rejects(browser.customers.retrieve(cus.id), Stripe.errors.StripeAuthenticationError);
});

test('an off-session charge of a saved card succeeds: intent, charge, events', async () => {
  const { cus, pm } = await customerWithCard();
  const pi = await stripe.paymentIntents.create({
    amount: 1250, currency: 'myr', customer: cus.id, payment_method: pm, payment_method_types: ['card'],
    confirm: true, off_session: true, transfer_group: 'order_42', metadata: { order_id: '42' },
  }, { idempotencyKey: 'charge:order:42' });
  assert.deepEqual([pi.object, pi.status, pi.amount, pi.amount_received, pi.currency], ['payment_intent', 'succeeded', 1250, 1250, 'myr']);
  const ch = await stripe.charges.retrieve(pi.latest_charge);
  assert.deepEqual([ch.object, ch.amount, ch.payment_intent, ch.transfer_group, ch.paid], ['charge', 1250, pi.id, 'order_42', true]);
  assert.equal((await stripe.paymentIntents.retrieve(pi.id)).latest_charge, ch.id);
  const ev = await stripe.events.list({ type: 'payment_intent.succeeded', limit: 1 });
  assert.equal(ev.data[0].data.object.id, pi.id);
  assert.equal(ev.data[0].request.idempotency_key, 'charge:order:42');
  assert.equal((await stripe.events.retrieve(ev.data[0].id)).type, 'payment_intent.succeeded');
  noneRefused();
});

test('declines and authentication_required come back as StripeCardError with the intent', async () => {
  for (const [card, code, decline] of [
    ['pm_card_chargeDeclined', 'card_declined', 'generic_decline'],
    ['pm_card_chargeDeclinedInsufficientFunds', 'card_declined', 'insufficient_funds'],
    ['pm_card_authenticationRequired', 'authentication_required', 'authentication_required'],
  ]) {
    const { cus, pm } = await customerWithCard(card);
    const e = await stripe.paymentIntents
      .create({ amount: 5000, currency: 'myr', customer: cus.id, payment_method: pm, confirm: true, off_session: true })
      .then(() => assert.fail('charged'), (err) => err);
    assert.ok(e instanceof Stripe.errors.StripeCardError, e.constructor.name);
    assert.deepEqual([e.statusCode, e.type, e.code, e.decline_code], [402, 'StripeCardError', code, decline]);
    assert.equal(e.raw.payment_intent.status, 'requires_payment_method');
    assert.equal(e.raw.payment_intent.last_payment_error.code, code);
  }
  // told to decline the next card, whatever it is
  const { cus, pm } = await customerWithCard();
  fake.nextCard = { code: 'card_declined', decline_code: 'do_not_honor' };
  await assert.rejects(
    stripe.paymentIntents.create({ amount: 5000, currency: 'myr', customer: cus.id, payment_method: pm, confirm: true, off_session: true }),
    (e) => e instanceof Stripe.errors.StripeCardError && e.decline_code === 'do_not_honor',
  );
});

test('a card needing authentication is charged on-session through 3DS, and retried on the same intent', async () => {
  const { cus, pm } = await customerWithCard('pm_card_authenticationRequired');
  const e = await stripe.paymentIntents
    .create({ amount: 5000, currency: 'myr', customer: cus.id, payment_method: pm, confirm: true, off_session: true }, { idempotencyKey: 'win:9' })
    .catch((err) => err);
  const piId = e.raw.payment_intent.id;
  const pi = await stripe.paymentIntents.confirm(piId, { payment_method: pm, return_url: 'http://127.0.0.1:1/back' });
  assert.equal(pi.status, 'requires_action');
  assert.equal(pi.next_action.type, 'redirect_to_url');
  const loc = fake.authorize(piId, 'succeed');
  assert.match(loc, /redirect_status=succeeded/);
  assert.equal((await stripe.paymentIntents.retrieve(piId)).status, 'succeeded');
});

for (const type of ['fpx', 'grabpay']) {
  test(`${type}: on-session only, requires_action with a redirect, then succeeds (or fails)`, async () => {
    const pmData = type === 'fpx' ? { type, fpx: { bank: 'maybank2u' } } : { type };
    for (const outcome of ['succeed', 'fail']) {
      const pi = await stripe.paymentIntents.create({ amount: 3000, currency: 'myr', payment_method_types: [type] });
      assert.equal(pi.status, 'requires_payment_method');
      const acted = await stripe.paymentIntents.confirm(pi.id, { payment_method_data: pmData, return_url: 'https://blytz.example/orders/42?paid=1' });
      assert.equal(acted.status, 'requires_action');
      assert.equal(acted.next_action.redirect_to_url.return_url, 'https://blytz.example/orders/42?paid=1');
      // the buyer follows the redirect; the bank sends them back
      const res = await fetch(`${acted.next_action.redirect_to_url.url}?outcome=${outcome}`, { redirect: 'manual' });
      assert.equal(res.status, 302);
      const back = new URL(res.headers.get('location'));
      assert.equal(back.searchParams.get('payment_intent'), pi.id);
      const after = await stripe.paymentIntents.retrieve(pi.id);
      assert.equal(after.status, outcome === 'succeed' ? 'succeeded' : 'requires_payment_method');
      if (outcome === 'succeed') assert.equal((await stripe.paymentMethods.retrieve(after.payment_method)).type, type);
    }
    // single-use: not off-session, not savable
    await assert.rejects(
      stripe.paymentIntents.create({ amount: 3000, currency: 'myr', payment_method_types: [type], payment_method_data: pmData, confirm: true, off_session: true }),
      Stripe.errors.StripeInvalidRequestError,
    );
    const cus = await stripe.customers.create({});
    const si = await stripe.setupIntents.create({ customer: cus.id, payment_method_types: ['card'] });
    await assert.rejects(stripe.setupIntents.confirm(si.id, { payment_method_data: pmData }), Stripe.errors.StripeInvalidRequestError);
  });
}

test('FPX refuses a bank not on the list', async () => {
  const pi = await stripe.paymentIntents.create({ amount: 3000, currency: 'myr', payment_method_types: ['fpx'] });
  await assert.rejects(
    stripe.paymentIntents.confirm(pi.id, { payment_method_data: { type: 'fpx', fpx: { bank: 'nobank' } }, return_url: 'https://x.example/' }),
    (e) => e instanceof Stripe.errors.StripeInvalidRequestError && e.param === 'payment_method_data[fpx][bank]',
  );
});

test('refunds: partial then the rest, never above the charge', async () => {
  const { cus, pm } = await customerWithCard();
  const pi = await stripe.paymentIntents.create({ amount: 10000, currency: 'myr', customer: cus.id, payment_method: pm, confirm: true, off_session: true });
  const r1 = await stripe.refunds.create({ payment_intent: pi.id, amount: 2500, reason: 'requested_by_customer' });
  assert.deepEqual([r1.object, r1.amount, r1.status, r1.charge], ['refund', 2500, 'succeeded', pi.latest_charge]);
  await assert.rejects(stripe.refunds.create({ payment_intent: pi.id, amount: 7501 }), (e) => e instanceof Stripe.errors.StripeInvalidRequestError && e.code === 'amount_too_large');
  const r2 = await stripe.refunds.create({ charge: pi.latest_charge });
  assert.equal(r2.amount, 7500);
  assert.equal((await stripe.refunds.retrieve(r2.id)).amount, 7500);
  const ch = await stripe.charges.retrieve(pi.latest_charge);
  assert.deepEqual([ch.amount_refunded, ch.refunded], [10000, true]);
  await assert.rejects(stripe.refunds.create({ payment_intent: pi.id, amount: 1 }), (e) => e.code === 'charge_already_refunded');
});

test('Connect: an Express account onboarded through an account link, a transfer in a transfer_group, reversed', async () => {
  const acct = await stripe.accounts.create({ type: 'express', country: 'MY', email: 'seller@example.my', capabilities: { transfers: { requested: true } } });
  assert.deepEqual([acct.object, acct.type, acct.payouts_enabled], ['account', 'express', false]);
  const std = await stripe.accounts.create({ type: 'standard', country: 'MY' });
  assert.equal(std.type, 'standard');
  const link = await stripe.accountLinks.create({ account: acct.id, refresh_url: 'https://blytz.example/connect/again', return_url: 'https://blytz.example/connect/done', type: 'account_onboarding' });
  assert.equal(link.object, 'account_link');
  const { cus, pm } = await customerWithCard();
  const pi = await stripe.paymentIntents.create({ amount: 10000, currency: 'myr', customer: cus.id, payment_method: pm, confirm: true, off_session: true, transfer_group: 'order_7' });
  // not before onboarding
  await assert.rejects(stripe.transfers.create({ amount: 9000, currency: 'myr', destination: acct.id, transfer_group: 'order_7' }), (e) => e.code === 'insufficient_capabilities_for_transfer');
  const res = await fetch(link.url, { redirect: 'manual' });
  assert.equal(res.headers.get('location'), 'https://blytz.example/connect/done');
  assert.equal((await stripe.accounts.retrieve(acct.id)).payouts_enabled, true);
  const tr = await stripe.transfers.create({ amount: 9000, currency: 'myr', destination: acct.id, transfer_group: 'order_7', source_transaction: pi.latest_charge });
  assert.deepEqual([tr.object, tr.amount, tr.destination, tr.transfer_group], ['transfer', 9000, acct.id, 'order_7']);
  await assert.rejects(stripe.transfers.create({ amount: 1001, currency: 'myr', destination: acct.id, source_transaction: pi.latest_charge }), Stripe.errors.StripeInvalidRequestError);
  const rev = await stripe.transfers.createReversal(tr.id, { amount: 4000 });
  assert.deepEqual([rev.object, rev.amount, rev.transfer], ['transfer_reversal', 4000, tr.id]);
  await assert.rejects(stripe.transfers.createReversal(tr.id, { amount: 5001 }), (e) => e.code === 'amount_too_large');
  const after = await stripe.transfers.retrieve(tr.id);
  assert.deepEqual([after.amount_reversed, after.reversed], [4000, false]);
  assert.equal((await stripe.transfers.listReversals(tr.id)).data[0].id, rev.id);
  // acting for the connected account: its objects are its own
  const own = await stripe.customers.create({ email: 'c@example.my' }, { stripeAccount: acct.id });
  assert.equal((await stripe.customers.retrieve(own.id, {}, { stripeAccount: acct.id })).id, own.id);
  await assert.rejects(stripe.customers.retrieve(own.id), (e) => e.code === 'resource_missing');
  await assert.rejects(stripe.customers.create({}, { stripeAccount: 'acct_nobody' }), Stripe.errors.StripePermissionError);
  // a dispute and its close reach the webhook
  fake.pending.length = 0;
  const dp = fake.dispute(pi.latest_charge);
  fake.closeDispute(dp.id, 'lost');
  assert.deepEqual(fake.pending.map((e) => [e.type, e.data.object.status, e.data.object.payment_intent]), [
    ['charge.dispute.created', 'needs_response', pi.id], ['charge.dispute.closed', 'lost', pi.id],
  ]);
});

test('idempotency: same key and body replays the stored answer; same key, other body is an idempotency_error', async () => {
  const cus = await stripe.customers.create({});
  const params = { amount: 2000, currency: 'myr', payment_method_types: ['card'], metadata: { order_id: '5' } };
  const a = await stripe.paymentIntents.create(params, { idempotencyKey: 'pay:5:1' });
  const b = await stripe.paymentIntents.create(params, { idempotencyKey: 'pay:5:1' });
  assert.equal(b.id, a.id);
  assert.equal(b.lastResponse.headers['idempotent-replayed'], 'true');
  await assert.rejects(stripe.paymentIntents.create({ ...params, amount: 2001 }, { idempotencyKey: 'pay:5:1' }), Stripe.errors.StripeIdempotencyError);
  // a stored failure is replayed too: the decline is not tried again
  const { pm } = await customerWithCard('pm_card_chargeDeclined');
  const pmCus = (await stripe.paymentMethods.retrieve(pm)).customer;
  const decl = { amount: 2000, currency: 'myr', customer: pmCus, payment_method: pm, confirm: true, off_session: true };
  const e1 = await stripe.paymentIntents.create(decl, { idempotencyKey: 'pay:6:1' }).catch((e) => e);
  const e2 = await stripe.paymentIntents.create(decl, { idempotencyKey: 'pay:6:1' }).catch((e) => e);
  assert.ok(e2 instanceof Stripe.errors.StripeCardError);
  assert.equal(e2.raw.payment_intent.id, e1.raw.payment_intent.id);
  assert.equal(e2.headers['idempotent-replayed'], 'true');
  assert.ok(cus.id);
});

test('failures told to the fake: 500, dropped connections, 409 lock_timeout, Stripe-Should-Retry', async () => {
  fake.fault({ status: 500 });
  await assert.rejects(stripe.customers.create({}), Stripe.errors.StripeAPIError);
  fake.fault({ drop: true, times: 2 }); // the SDK retries a closed connection once on its own
  await assert.rejects(stripe.customers.create({}), Stripe.errors.StripeConnectionError);
  // with retries, the SDK gets through after the faults, reusing its key
  const retrying = new Stripe(TEST_SECRET_KEY, fake.sdkOptions({ maxNetworkRetries: 3 }));
  fake.calls.length = 0;
  fake.fault({ status: 503, times: 1 });
  fake.fault({ status: 409, code: 'lock_timeout', times: 1 });
  const cus = await retrying.customers.create({ email: 'r@example.my' });
  assert.equal(fake.calls.length, 3);
  assert.equal(new Set(fake.calls.map((c) => c.headers['idempotency-key'])).size, 1);
  assert.match(cus.id, /^cus_/);
  fake.calls.length = 0;
  fake.fault({ status: 500, shouldRetry: false });
  await assert.rejects(retrying.customers.create({}), Stripe.errors.StripeAPIError);
  assert.equal(fake.calls.length, 1);
  fake.fault({ hang: 3000 });
  const impatient = new Stripe(TEST_SECRET_KEY, fake.sdkOptions({ timeout: 300 }));
  await assert.rejects(impatient.customers.retrieve(cus.id), Stripe.errors.StripeConnectionError);
});

test('webhooks: signed as generateTestHeaderString signs, verified by constructEvent, twice and out of order', async () => {
  const { cus, pm } = await customerWithCard();
  fake.pending.length = 0;
  await stripe.paymentIntents.create({ amount: 1500, currency: 'myr', customer: cus.id, payment_method: pm, confirm: true, off_session: true });
  const types = fake.pending.map((e) => e.type);
  assert.deepEqual(types, ['payment_intent.created', 'charge.succeeded', 'payment_intent.succeeded']);
  const deliveries = await fake.flush({ twice: true, reverse: true });
  assert.deepEqual(deliveries.map((d) => [d.type, d.status]), [
    ['payment_intent.succeeded', 200], ['payment_intent.succeeded', 200],
    ['charge.succeeded', 200], ['charge.succeeded', 200],
    ['payment_intent.created', 200], ['payment_intent.created', 200],
  ]);
  assert.equal(received.length, 6);
  for (const r of received) {
    const ev = stripe.webhooks.constructEvent(r.body, r.header, WHSEC);
    assert.equal(ev.object, 'event');
    const t = Number(/t=(\d+)/.exec(r.header)[1]);
    assert.equal(r.header, stripe.webhooks.generateTestHeaderString({ payload: r.body, secret: WHSEC, timestamp: t }));
    assert.throws(() => stripe.webhooks.constructEvent(r.body, r.header, 'whsec_other'), Stripe.errors.StripeSignatureVerificationError);
  }
  assert.equal(received[0].body, received[1].body);
  // the reference vector
  const body = '{"id":"evt_test_webhook","object":"event"}';
  assert.equal(fake.signature(body, 1700000000, 'whsec_test_secret'), 't=1700000000,v1=d95c6b7477fbd7e9f90b1b0ef5f9c7ac25abca5382460e0d988c2b2a5b71b990');
  // delivered as they happen when not held
  fake.holdEvents = false;
  received.length = 0;
  const acct = await stripe.accounts.create({ type: 'express', country: 'MY', capabilities: { transfers: { requested: true } } });
  fake.completeOnboarding(acct.id);
  await fake.flush();
  const ev = stripe.webhooks.constructEvent(received.at(-1).body, received.at(-1).header, WHSEC);
  assert.deepEqual([ev.type, ev.data.object.id, ev.data.object.payouts_enabled], ['account.updated', acct.id, true]);
});

// ---- billing, payouts, expansion, answers lost after the request ran ---------------------

async function monthlyPlan(amount = 4900) {
  const product = await stripe.products.create({ name: 'Blytz Pro' });
  assert.deepEqual([product.object, (await stripe.products.retrieve(product.id)).name], ['product', 'Blytz Pro']);
  const price = await stripe.prices.create({ currency: 'myr', unit_amount: amount, recurring: { interval: 'month' }, product: product.id, nickname: 'pro-monthly' });
  return price;
}

test('prices: recurring and one-time, with a product or product_data; retrieved as sent', async () => {
  const price = await monthlyPlan();
  assert.deepEqual([price.object, price.type, price.unit_amount, price.currency, price.recurring.interval, price.recurring.interval_count], ['price', 'recurring', 4900, 'myr', 'month', 1]);
  const got = await stripe.prices.retrieve(price.id);
  assert.deepEqual([got.id, got.product, got.nickname], [price.id, price.product, 'pro-monthly']);
  const once = await stripe.prices.create({ currency: 'myr', unit_amount: 1000, product_data: { name: 'Listing boost' } });
  assert.deepEqual([once.type, once.recurring], ['one_time', null]);
  assert.equal((await stripe.products.retrieve(once.product)).name, 'Listing boost');
  await assert.rejects(stripe.prices.create({ currency: 'myr', unit_amount: 100, recurring: { interval: 'fortnight' }, product: price.product }), (e) => e.param === 'recurring[interval]');
  await assert.rejects(stripe.prices.create({ currency: 'myr', unit_amount: 100 }), Stripe.errors.StripeInvalidRequestError);
  refusedOnly([[400, '/v1/prices'], [400, '/v1/prices']]);
});

test('subscriptions: created paid from the default card, the first invoice in this version\'s shape, renewed, failed, cancelled', async () => {
  const price = await monthlyPlan();
  const { cus, pm } = await customerWithCard();
  fake.pending.length = 0;
  const sub = await stripe.subscriptions.create({
    customer: cus.id, items: [{ price: price.id }], default_payment_method: pm, payment_behavior: 'error_if_incomplete', off_session: true,
    metadata: { blytz_seller: '12' }, expand: ['latest_invoice.confirmation_secret'],
  }, { idempotencyKey: 'plan:12:1' });
  assert.deepEqual([sub.object, sub.status, sub.customer, sub.default_payment_method, sub.metadata.blytz_seller], ['subscription', 'active', cus.id, pm, '12']);
  const [item] = sub.items.data;
  assert.deepEqual([item.object, item.price.id, item.quantity], ['subscription_item', price.id, 1]);
  assert.ok(item.current_period_end > item.current_period_start);
  const inv = sub.latest_invoice;
  assert.deepEqual([inv.object, inv.status, inv.amount_paid, inv.billing_reason], ['invoice', 'paid', 4900, 'subscription_create']);
  assert.equal(inv.parent.subscription_details.subscription, sub.id);
  assert.deepEqual(inv.lines.data[0].period, { start: item.current_period_start, end: item.current_period_end });
  assert.match(inv.confirmation_secret.client_secret, /^pi_\w+_secret_/);
  const again = await stripe.subscriptions.retrieve(sub.id);
  assert.deepEqual([again.status, typeof again.latest_invoice], ['active', 'string']);
  assert.equal((await stripe.invoices.retrieve(again.latest_invoice)).confirmation_secret, undefined, 'includable only when expanded');
  assert.deepEqual(fake.pending.map((e) => e.type).filter((t) => /^(customer\.subscription|invoice)\./.test(t)), [
    'customer.subscription.created', 'invoice.created', 'invoice.finalized', 'invoice.paid', 'invoice.payment_succeeded', 'customer.subscription.updated',
  ]);
  // a renewal paid: the line covers the next period
  fake.pending.length = 0;
  const renewed = fake.renewal(sub.id);
  const paid = fake.pending.find((e) => e.type === 'invoice.paid').data.object;
  assert.deepEqual([paid.id, paid.billing_reason, paid.lines.data[0].period.start], [renewed.id, 'subscription_cycle', item.current_period_end]);
  assert.equal(paid.period_end, item.current_period_end, 'the invoice\'s own period is the one that ended');
  const after = await stripe.subscriptions.retrieve(sub.id);
  assert.deepEqual([after.status, after.items.data[0].current_period_end, after.latest_invoice], ['active', paid.lines.data[0].period.end, renewed.id]);
  // a renewal that fails: past_due, invoice.payment_failed
  fake.pending.length = 0;
  const unpaid = fake.renewal(sub.id, { fail: true });
  assert.deepEqual(fake.pending.map((e) => e.type).filter((t) => /^(customer\.subscription|invoice)\./.test(t)), [
    'invoice.created', 'invoice.finalized', 'invoice.payment_failed', 'customer.subscription.updated',
  ]);
  assert.deepEqual(fake.pending.at(-1).data.previous_attributes.status, 'active');
  assert.deepEqual([(await stripe.invoices.retrieve(unpaid.id)).status, (await stripe.subscriptions.retrieve(sub.id)).status], ['open', 'past_due']);
  // Stripe gives up: deleted
  fake.pending.length = 0;
  fake.cancel(sub.id);
  assert.deepEqual(fake.pending.map((e) => [e.type, e.data.object.status]), [['customer.subscription.deleted', 'canceled']]);
  await assert.rejects(stripe.subscriptions.cancel(sub.id), (e) => e.statusCode === 404 && e.code === 'resource_missing');
  assert.equal((await stripe.subscriptions.retrieve(sub.id)).status, 'canceled');
  refusedOnly([[404, `/v1/subscriptions/${sub.id}`]]);
});

test('subscriptions: cancelled through the API; a card that fails: error_if_incomplete creates nothing, allow_incomplete leaves it incomplete; default_incomplete waits for the browser', async () => {
  const price = await monthlyPlan(2900);
  const { cus, pm } = await customerWithCard();
  const sub = await stripe.subscriptions.create({ customer: cus.id, items: [{ price: price.id }], default_payment_method: pm });
  const ended = await stripe.subscriptions.cancel(sub.id);
  assert.deepEqual([ended.status, typeof ended.canceled_at], ['canceled', 'number']);
  const declined = await customerWithCard('pm_card_chargeDeclined');
  const before = fake.objects.size;
  const e = await stripe.subscriptions
    .create({ customer: declined.cus.id, items: [{ price: price.id }], default_payment_method: declined.pm, payment_behavior: 'error_if_incomplete', off_session: true })
    .catch((err) => err);
  assert.ok(e instanceof Stripe.errors.StripeCardError, e.constructor.name);
  assert.deepEqual([e.code, e.decline_code], ['card_declined', 'generic_decline']);
  assert.equal(fake.objects.size, before, 'nothing created');
  // the customer's default card is used when the subscription names none
  await stripe.customers.update(declined.cus.id, { invoice_settings: { default_payment_method: declined.pm } });
  const incomplete = await stripe.subscriptions.create({ customer: declined.cus.id, items: [{ price: price.id }], expand: ['latest_invoice'] });
  assert.deepEqual([incomplete.status, incomplete.latest_invoice.status, incomplete.latest_invoice.attempt_count], ['incomplete', 'open', 1]);
  const waiting = await stripe.subscriptions.create({ customer: cus.id, items: [{ price: price.id }], payment_behavior: 'default_incomplete', expand: ['latest_invoice.confirmation_secret'] });
  assert.deepEqual([waiting.status, waiting.latest_invoice.attempt_count], ['incomplete', 0]);
  const secret = waiting.latest_invoice.confirmation_secret;
  assert.equal(secret.type, 'payment_intent');
  const pi = await stripe.paymentIntents.retrieve(secret.client_secret.split('_secret_')[0]);
  assert.deepEqual([pi.amount, pi.status, pi.customer], [2900, 'requires_payment_method', cus.id]);
  // an expansion this version does not have is refused, as Stripe refuses it
  await assert.rejects(stripe.subscriptions.retrieve(sub.id, { expand: ['latest_invoice.payment_intent'] }), (err) => err instanceof Stripe.errors.StripeInvalidRequestError && err.param === 'expand');
  const noCard = await stripe.customers.create({});
  await assert.rejects(stripe.subscriptions.create({ customer: noCard.id, items: [{ price: price.id }], payment_behavior: 'error_if_incomplete' }), Stripe.errors.StripeInvalidRequestError);
  await assert.rejects(stripe.subscriptions.create({ customer: cus.id, items: [{ price: price.id }], payment_behavior: 'whenever' }), (err) => err.param === 'payment_behavior');
});

test('expand[]: an intent\'s payment method and charge, a setup intent\'s customer', async () => {
  const { cus, pm, si } = await customerWithCard();
  const pi = await stripe.paymentIntents.create({ amount: 1500, currency: 'myr', customer: cus.id, payment_method: pm, confirm: true, off_session: true, expand: ['payment_method'] });
  assert.deepEqual([pi.payment_method.object, pi.payment_method.card.last4], ['payment_method', '4242']);
  const got = await stripe.paymentIntents.retrieve(pi.id, { expand: ['latest_charge', 'customer'] });
  assert.deepEqual([got.latest_charge.object, got.latest_charge.amount, got.customer.id, typeof got.payment_method], ['charge', 1500, cus.id, 'string']);
  assert.equal((await stripe.setupIntents.retrieve(si.id, { expand: ['customer'] })).customer.email, 'buyer@example.my');
  await assert.rejects(stripe.paymentIntents.retrieve(pi.id, { expand: ['amount'] }), (e) => e.param === 'expand');
});

test('setup_intent.succeeded, account.updated and payout.paid reach the webhook and verify', async () => {
  const { si } = await customerWithCard();
  const acct = await stripe.accounts.create({ type: 'express', country: 'MY', capabilities: { card_payments: { requested: true }, transfers: { requested: true } } });
  await assert.rejects(async () => fake.payout(acct.id, 100), /no account with payouts/);
  fake.completeOnboarding(acct.id);
  const po = fake.payout(acct.id, 8800);
  await assert.rejects(stripe.payouts.retrieve(po.id), (e) => e.code === 'resource_missing');
  const got = await stripe.payouts.retrieve(po.id, {}, { stripeAccount: acct.id });
  assert.deepEqual([got.object, got.amount, got.status, got.currency], ['payout', 8800, 'paid', 'myr']);
  await fake.flush();
  const events = received.map((r) => stripe.webhooks.constructEvent(r.body, r.header, WHSEC));
  const of = (type) => events.filter((e) => e.type === type);
  assert.equal(of('setup_intent.succeeded').at(-1).data.object.id, si.id);
  assert.deepEqual(of('account.updated').map((e) => [e.data.object.id, e.data.object.payouts_enabled, e.data.object.capabilities.card_payments]), [[acct.id, true, 'active']]);
  assert.deepEqual(of('payout.paid').map((e) => [e.account, e.data.object.id, e.data.object.amount]), [[acct.id, po.id, 8800]]);
});

test('an answer lost after Stripe ran the request: the same key replays it and the charge is made once', async () => {
  const { cus, pm } = await customerWithCard();
  const params = { amount: 2500, currency: 'myr', customer: cus.id, payment_method: pm, confirm: true, off_session: true, metadata: { blytz_payment: '77' } };
  fake.fault({ after: true, hang: 1500, path: /^\/v1\/payment_intents$/ });
  const impatient = new Stripe(TEST_SECRET_KEY, fake.sdkOptions({ timeout: 300 }));
  await assert.rejects(impatient.paymentIntents.create(params, { idempotencyKey: 'blytz-charge-77' }), Stripe.errors.StripeConnectionError);
  const pi = await stripe.paymentIntents.create(params, { idempotencyKey: 'blytz-charge-77' });
  assert.equal(pi.lastResponse.headers['idempotent-replayed'], 'true');
  assert.equal(pi.status, 'succeeded');
  const charges = [...fake.objects.values()].filter((o) => o.object === 'charge' && o.metadata.blytz_payment === '77');
  assert.deepEqual(charges.map((c) => c.payment_intent), [pi.id]);
});

// ---- the fake's own strictness, with requests the SDK would never make --------------------

const raw = (path, { method = 'POST', headers = {}, body } = {}) =>
  fetch(`${fake.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${TEST_SECRET_KEY}`, 'Stripe-Version': PINNED_VERSION, 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body,
  }).then(async (r) => ({ status: r.status, body: await r.json() }));

test('the fake refuses what Stripe would: wrong key, missing or other version, JSON body, unknown or malformed parameters', async () => {
  let r = await raw('/v1/customers', { headers: { Authorization: 'Bearer sk_test_wrong' }, body: 'email=a' });
  assert.deepEqual([r.status, r.body.error.type], [401, 'invalid_request_error']);
  r = await raw('/v1/customers', { headers: { 'Stripe-Version': '2020-08-27' }, body: 'email=a' });
  assert.equal(r.status, 400);
  r = await raw('/v1/customers', { headers: { 'Stripe-Version': '' }, body: 'email=a' });
  assert.equal(r.status, 400);
  r = await raw('/v1/customers', { headers: { 'Content-Type': 'application/json' }, body: '{"email":"a"}' });
  assert.equal(r.status, 400);
  r = await raw('/v1/customers', { body: 'emial=a' });
  assert.deepEqual([r.status, r.body.error.param], [400, 'emial']);
  r = await raw('/v1/customers', { body: 'metadata[a=1' });
  assert.equal(r.status, 400);
  r = await raw('/v1/customers/cus_nobody', { method: 'GET', headers: { 'Content-Type': '' } });
  assert.deepEqual([r.status, r.body.error.code], [404, 'resource_missing']);
  r = await raw('/v1/payment_intents', { body: 'amount=199&currency=myr' });
  assert.deepEqual([r.status, r.body.error.code], [400, 'amount_too_small']);
  r = await raw('/v1/payment_intents', { body: 'amount=200&currency=myr&payment_method_types[0]=card&payment_method_types[1]=fpx' });
  assert.deepEqual([r.status, r.body.payment_method_types], [200, ['card', 'fpx']]);
  assert.equal(fake.rejected.length, 8);
});

test('the C unit tests\' signature vectors are what the SDK prints now (stripe_vectors.mjs)', async () => {
  const { execFileSync } = await import('node:child_process');
  const { readFileSync } = await import('node:fs');
  const dir = new URL('../unit/integrations/', import.meta.url);
  const printed = execFileSync(process.execPath, [new URL('stripe_vectors.mjs', dir).pathname], { cwd: new URL('..', dir).pathname, encoding: 'utf8' });
  assert.equal(printed, readFileSync(new URL('stripe_vectors.h', dir), 'utf8'));
});
