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
