// The C Stripe client (src/integrations/stripe/stripe_api) against the local fake Stripe
// (stripe_fake.mjs), with the official `stripe` package as the judge: what the C client
// creates, the SDK retrieves with the values sent; the fake sees the right headers (bearer
// key, pinned Stripe-Version, form body, the caller's Idempotency-Key, Stripe-Account) and
// refuses nothing it should not; Stripe's errors come back as Blytz codes with Stripe's
// code and decline_code kept; retries happen on 5xx, dropped connections, timeouts and
// 409 lock_timeout with the same key, never on another 4xx, as Stripe-Should-Retry says.
// The C side is tests/integration/stripe_drive (one call per run, JSON out).
//
// Run: node --test tests/integration/stripe_api.test.mjs  (BLYTZ_BUILD_DIR, default build/asan)
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import Stripe from 'stripe';
import { FakeStripe, PINNED_VERSION, TEST_SECRET_KEY, parseForm } from './stripe_fake.mjs';
import { runJson, driverPath } from './run_json.mjs';

const program = driverPath('stripe_drive');

let fake;
let stripe;

const drive = (args, env = {}) =>
  runJson(program, args, { env: { STRIPE_API_BASE: fake.url, STRIPE_SECRET_KEY: TEST_SECRET_KEY, STRIPE_BACKOFF_MS: '10', ...env } });

// A call: method, path, key, account, then params as an object of name → value.
const call = (method, p, key, params = {}, { account, env } = {}) =>
  drive([method, p, key ?? '-', account ?? '-', ...Object.entries(params).map(([k, v]) => `${k}=${v}`)], env);
const post = (p, key, params, opts) => call('POST', p, key, params, opts);

before(async () => {
  fake = await new FakeStripe().start();
  stripe = new Stripe(TEST_SECRET_KEY, fake.sdkOptions());
});
after(() => fake?.stop());
beforeEach(() => fake.reset());

const ours = () => fake.calls.filter((c) => /^Blytz\//.test(c.headers['user-agent'] || ''));
const noneRefused = () => assert.deepEqual(fake.rejected.filter((r) => !r.expected), []);

async function savedCard(card = 'pm_card_visa', tag = Math.random().toString(36).slice(2)) {
  const cus = await post('/v1/customers', `cus:${tag}`, { email: `${tag}@example.my` });
  const si = await post('/v1/setup_intents', `seti:${tag}`, { customer: cus.body.id, usage: 'off_session', 'payment_method_types[0]': 'card' });
  const done = await post(`/v1/setup_intents/${si.body.id}/confirm`, `seti-confirm:${tag}`, { payment_method: card });
  assert.equal(done.rc, 'ok');
  return { cus: cus.body.id, pm: done.body.payment_method };
}

test('form encoding: what the C builder writes is what Stripe reads, byte for byte what the SDK sends', async () => {
  const text = "Kuih · 珍珠!*()' ~&=+%";
  const r = await drive(['form', 'amount=2000', 'currency=myr', `description=${text}`, 'metadata[order_id]=42', 'payment_method_types[0]=card', 'payment_method_types[1]=fpx', 'receipt_email=a+b@x.my', 'statement_descriptor_suffix=']);
  assert.equal(r.rc, 'ok');
  assert.deepEqual(parseForm(r.form), { amount: '2000', currency: 'myr', description: text, metadata: { order_id: '42' }, payment_method_types: ['card', 'fpx'], receipt_email: 'a+b@x.my', statement_descriptor_suffix: '' });
  await stripe.paymentIntents.create({ amount: 2000, currency: 'myr', description: text, metadata: { order_id: '42' }, payment_method_types: ['card', 'fpx'], receipt_email: 'a+b@x.my', statement_descriptor_suffix: '' });
  assert.equal(r.form, fake.calls.at(-1).raw);
  for (const bad of ['Bad=1', 'a b=1', 'a[b=1', 'a]=1', '[a]=1', 'a[b]c=1', 'a[b-c]=1', '=1']) {
    assert.equal((await drive(['form', bad])).rc, 'validation_failed', bad);
  }
});

test('headers: bearer key, pinned Stripe-Version, form body, the caller\'s Idempotency-Key; the SDK retrieves what C created', async () => {
  const r = await post('/v1/customers', 'user:7:customer', { email: 'siti+shop@example.my', name: 'Siti & Co', 'metadata[user_id]': '7' });
  assert.equal(r.rc, 'ok');
  const [c] = ours();
  assert.equal(c.headers.authorization, `Bearer ${TEST_SECRET_KEY}`);
  assert.equal(c.headers['stripe-version'], PINNED_VERSION);
  assert.equal(c.headers['content-type'], 'application/x-www-form-urlencoded');
  assert.equal(c.headers['idempotency-key'], 'user:7:customer');
  assert.equal(c.headers['stripe-account'], undefined);
  assert.equal(c.headers.expect, undefined);
  assert.match(r.error.request_id, /^req_/);
  const cus = await stripe.customers.retrieve(r.body.id);
  assert.deepEqual([cus.email, cus.name, cus.metadata], ['siti+shop@example.my', 'Siti & Co', { user_id: '7' }]);
  // GET with a query, and no body, key or content type
  const got = await call('GET', `/v1/customers/${r.body.id}/payment_methods`, null, { type: 'card' });
  assert.deepEqual([got.rc, got.body.object, got.body.data], ['ok', 'list', []]);
  const g = ours().at(-1);
  assert.equal(g.method, 'GET');
  assert.equal(g.headers['idempotency-key'], undefined);
  assert.equal(g.headers['content-type'], undefined);
  assert.equal(g.headers['stripe-version'], PINNED_VERSION);
  // DELETE
  const del = await call('DELETE', `/v1/customers/${r.body.id}`);
  assert.deepEqual([del.rc, del.body.deleted], ['ok', true]);
  assert.equal((await stripe.customers.retrieve(r.body.id)).deleted, true);
  noneRefused();
});

test('a card saved through a SetupIntent and charged off-session at the win: the SDK sees the paid intent and its charge', async () => {
  const { cus, pm } = await savedCard();
  const r = await post('/v1/payment_intents', 'order:42:charge:1', {
    amount: 1250, currency: 'myr', customer: cus, payment_method: pm, 'payment_method_types[0]': 'card',
    confirm: 'true', off_session: 'true', transfer_group: 'order_42', 'metadata[order_id]': '42',
  });
  assert.equal(r.rc, 'ok');
  const pi = await stripe.paymentIntents.retrieve(r.body.id);
  assert.deepEqual([pi.status, pi.amount, pi.currency, pi.customer, pi.transfer_group, pi.metadata.order_id], ['succeeded', 1250, 'myr', cus, 'order_42', '42']);
  assert.equal((await stripe.charges.retrieve(pi.latest_charge)).amount, 1250);
  noneRefused();
});

test('declines and authentication_required: Blytz codes with Stripe\'s code, decline_code and the intent kept', async () => {
  for (const [card, rc, code, decline] of [
    ['pm_card_chargeDeclinedInsufficientFunds', 'card_declined', 'card_declined', 'insufficient_funds'],
    ['pm_card_authenticationRequired', 'authentication_required', 'authentication_required', 'authentication_required'],
  ]) {
    const { cus, pm } = await savedCard(card);
    const r = await post('/v1/payment_intents', `order:${card}`, { amount: 5000, currency: 'myr', customer: cus, payment_method: pm, confirm: 'true', off_session: 'true' });
    assert.equal(r.rc, rc);
    assert.equal(r.body, null);
    assert.deepEqual([r.error.http_status, r.error.type, r.error.code, r.error.decline_code, r.error.attempts], [402, 'card_error', code, decline, 1]);
    assert.match(r.error.payment_intent, /^pi_/);
    assert.equal((await stripe.paymentIntents.retrieve(r.error.payment_intent)).status, 'requires_payment_method');
  }
  const { cus, pm } = await savedCard();
  fake.nextCard = { code: 'expired_card' };
  const r = await post('/v1/payment_intents', 'order:expired', { amount: 5000, currency: 'myr', customer: cus, payment_method: pm, confirm: 'true', off_session: 'true' });
  assert.deepEqual([r.rc, r.error.code], ['payment_failed', 'expired_card']);
});

test('idempotency: the same key and body gives the same intent once; the same key with another body is payment_idempotency_error', async () => {
  const params = { amount: 2000, currency: 'myr', 'payment_method_types[0]': 'fpx', 'metadata[order_id]': '5' };
  const a = await post('/v1/payment_intents', 'order:5:pay:1', params);
  const b = await post('/v1/payment_intents', 'order:5:pay:1', params);
  assert.equal(b.body.id, a.body.id);
  assert.equal(ours().at(-1).replayed, true);
  assert.equal([...fake.objects.values()].filter((o) => o.object === 'payment_intent' && o.metadata.order_id === '5').length, 1);
  const c = await post('/v1/payment_intents', 'order:5:pay:1', { ...params, amount: 2001 });
  assert.deepEqual([c.rc, c.error.type, c.error.http_status, c.error.attempts], ['payment_idempotency_error', 'idempotency_error', 400, 1]);
});

test('retries with the same key: 5xx, dropped connections, a timeout and 409 lock_timeout, then success', async () => {
  for (const f of [{ status: 500, times: 2 }, { drop: true, times: 2 }, { status: 409, code: 'lock_timeout', times: 1 }, { status: 503, times: 1 }, { hang: 2000, times: 1 }]) {
    fake.reset();
    fake.fault({ ...f, path: /^\/v1\/refunds$/ });
    const { cus, pm } = await savedCard();
    const pi = await post('/v1/payment_intents', `p:${JSON.stringify(f)}`, { amount: 3000, currency: 'myr', customer: cus, payment_method: pm, confirm: 'true', off_session: 'true' });
    const r = await post('/v1/refunds', `refund:${pi.body.id}:1`, { payment_intent: pi.body.id, amount: 1000, reason: 'requested_by_customer' }, { env: { STRIPE_TIMEOUT_MS: '500' } });
    assert.equal(r.rc, 'ok', JSON.stringify(f));
    assert.equal(r.error.attempts, f.times + 1, JSON.stringify(f));
    const tries = ours().filter((c) => c.path === '/v1/refunds');
    assert.equal(tries.length, f.times + 1);
    assert.deepEqual(new Set(tries.map((c) => c.headers['idempotency-key'])), new Set([`refund:${pi.body.id}:1`]));
    const ch = await stripe.charges.retrieve(pi.body.latest_charge);
    assert.equal(ch.amount_refunded, 1000, 'refunded once');
  }
});

test('no retry on other 4xx, on Stripe-Should-Retry: false; a retry on Stripe-Should-Retry: true; unavailable once retries run out', async () => {
  const cases = [
    [{ status: 409, code: 'resource_already_exists' }, 'unavailable', 1],
    [{ status: 500, shouldRetry: false }, 'unavailable', 1],
    [{ status: 400, code: 'rate_limit', shouldRetry: true }, 'ok', 2],
    [{ status: 429 }, 'unavailable', 1],
    [{ status: 502, times: 3 }, 'unavailable', 3],
  ];
  for (const [f, rc, attempts] of cases) {
    fake.reset();
    fake.fault({ path: /^\/v1\/customers$/, ...f });
    const r = await post('/v1/customers', `c:${JSON.stringify(f)}`, { email: 'x@example.my' }, { env: { STRIPE_MAX_RETRIES: '2' } });
    assert.deepEqual([r.rc, r.error.attempts], [rc, attempts], JSON.stringify(f));
    assert.equal(ours().length, attempts);
  }
  // a plain 4xx from Stripe: refused at once
  fake.reset();
  const r = await post('/v1/refunds', 'r:x', { payment_intent: 'pi_nobody' });
  assert.deepEqual([r.rc, r.error.code, r.error.attempts], ['not_found', 'resource_missing', 1]);
  const bad = await post('/v1/payment_intents', 'p:small', { amount: 100, currency: 'myr' });
  assert.deepEqual([bad.rc, bad.error.code, bad.error.param, bad.error.attempts], ['payment_provider_refused', 'amount_too_small', 'amount', 1]);
  // the wrong key
  const auth = await post('/v1/customers', 'c:auth', {}, { env: { STRIPE_SECRET_KEY: 'sk_test_wrong' } });
  assert.deepEqual([auth.rc, auth.error.http_status, auth.error.attempts], ['payment_provider_unauthorized', 401, 1]);
  // nothing listening
  const gone = await drive(['GET', '/v1/customers/cus_x', '-', '-'], { STRIPE_API_BASE: 'http://127.0.0.1:1', STRIPE_MAX_RETRIES: '1' });
  assert.deepEqual([gone.rc, gone.error.attempts, gone.error.http_status], ['unavailable', 2, 0]);
});

test('Connect: the C client creates an account, its onboarding link, a transfer in the order\'s transfer_group and a reversal; acts for the account', async () => {
  const acct = await post('/v1/accounts', 'seller:3:account', { type: 'express', country: 'MY', email: 'seller@example.my', 'capabilities[transfers][requested]': 'true' });
  assert.equal(acct.rc, 'ok');
  const link = await post('/v1/account_links', 'seller:3:link:1', { account: acct.body.id, refresh_url: 'https://blytz.example/connect/again', return_url: 'https://blytz.example/connect/done', type: 'account_onboarding' });
  assert.equal(link.body.object, 'account_link');
  await fetch(link.body.url, { redirect: 'manual' });
  assert.equal((await stripe.accounts.retrieve(acct.body.id)).payouts_enabled, true);
  const { cus, pm } = await savedCard();
  const pi = await post('/v1/payment_intents', 'order:9:charge', { amount: 10000, currency: 'myr', customer: cus, payment_method: pm, confirm: 'true', off_session: 'true', transfer_group: 'order_9' });
  const tr = await post('/v1/transfers', 'order:9:transfer', { amount: 9000, currency: 'myr', destination: acct.body.id, transfer_group: 'order_9', source_transaction: pi.body.latest_charge });
  assert.equal(tr.rc, 'ok');
  const seen = await stripe.transfers.retrieve(tr.body.id);
  assert.deepEqual([seen.amount, seen.destination, seen.transfer_group], [9000, acct.body.id, 'order_9']);
  const rev = await post(`/v1/transfers/${tr.body.id}/reversals`, 'order:9:reversal:1', { amount: 9000 });
  assert.equal(rev.rc, 'ok');
  assert.equal((await stripe.transfers.retrieve(tr.body.id)).reversed, true);
  const own = await post('/v1/customers', 'acct-cus:1', { email: 'c@example.my' }, { account: acct.body.id });
  assert.equal(ours().at(-1).headers['stripe-account'], acct.body.id);
  assert.equal((await stripe.customers.retrieve(own.body.id, {}, { stripeAccount: acct.body.id })).email, 'c@example.my');
  noneRefused();
});
