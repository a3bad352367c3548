// The payments port on Stripe (src/integrations/stripe/stripe_payments) against the local fake
// Stripe (stripe_fake.mjs), with the official `stripe` package as the judge: every operation of
// the port runs through tests/integration/stripe_pay_drive (one per run, JSON out); what the C
// adapter creates the SDK retrieves with the values sent (amounts in sen, metadata[blytz_*],
// Idempotency-Key = the caller's key on every POST), what the SDK creates (and what the buyer's
// browser confirms, as Stripe.js does with the publishable key) the C adapter reads. Off-session
// charges succeed, decline (code and decline_code kept, the failed intent read from the error)
// or need authentication; FPX and GrabPay are on-session redirects; refunds, Connect transfers
// and reversals, accounts and their onboarding, plan subscriptions with their renewals. A
// worker killed mid-call sends the same key again and the charge is made once. Webhooks: every
// event kind the port reads is read from what the fake sends, signed with the SDK's
// generateTestHeaderString (both secrets of a rotation); one changed byte, a stale timestamp,
// a wrong secret are refused (the verifier's own cases are in tests/unit/integrations).
//
// Run: node --test tests/integration/stripe_payments.test.mjs (BLYTZ_BUILD_DIR, default build/asan)
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import Stripe from 'stripe';
import { FakeStripe, PINNED_VERSION, TEST_SECRET_KEY, TEST_PUBLISHABLE_KEY } from './stripe_fake.mjs';
import { runJson, driverPath } from './run_json.mjs';

const program = driverPath('stripe_pay_drive');
const WHSEC = 'whsec_blytz_endpoint_new';
const WHSEC_OLD = 'whsec_blytz_endpoint_old';

let fake;
let stripe; // the server's SDK
let browser; // Stripe.js's part: the publishable key and a client secret

const env = () => ({ STRIPE_API_BASE: fake.url, STRIPE_SECRET_KEY: TEST_SECRET_KEY, STRIPE_WEBHOOK_SECRET: `${WHSEC}, ${WHSEC_OLD}`, STRIPE_BACKOFF_MS: '10' });
const drive = (args, { extra = {}, stdin = '' } = {}) => runJson(program, args, { env: { ...env(), ...extra }, stdin });
// An operation that must succeed: its out.
const ok = async (args, opts) => {
  const r = await drive(args, opts);
  assert.equal(r.rc, 'ok', `${args[0]}: ${JSON.stringify(r)}`);
  return r.out;
};

before(async () => {
  fake = await new FakeStripe().start(); // no webhook URL: events stay in eventsList
  stripe = new Stripe(TEST_SECRET_KEY, fake.sdkOptions());
  browser = new Stripe(TEST_PUBLISHABLE_KEY, fake.sdkOptions());
});
after(() => fake?.stop());
beforeEach(() => fake.reset());

const ours = () => fake.calls.filter((c) => /^Blytz\//.test(c.headers['user-agent'] || ''));
const noneRefused = () => assert.deepEqual(fake.rejected.filter((r) => !r.expected), []);
const tag = () => Math.random().toString(36).slice(2, 10);

// Every POST of ours carried the key given and the pinned version.
function keysWere(...keys) {
  const posts = ours().filter((c) => c.method === 'POST');
  assert.deepEqual(posts.map((c) => c.headers['idempotency-key']), keys);
  for (const c of ours()) assert.equal(c.headers['stripe-version'], PINNED_VERSION);
}

// A buyer's customer and a card saved the way the app does it: the adapter makes the
// customer and the SetupIntent, the browser confirms it with Stripe.js.
async function savedCard(card = 'pm_card_visa') {
  const t = tag();
  const { id: cus } = await ok(['customer_create', `blytz-customer-${t}`, '7', `${t}@example.my`, 'Siti Aminah']);
  const si = await ok(['setup_create', `blytz-setup-${t}`, cus]);
  await browser.setupIntents.confirm(si.id, { payment_method: card, client_secret: si.client_secret });
  const done = await ok(['setup_get', si.id]);
  assert.deepEqual([done.status, done.customer], ['succeeded', cus]);
  return { cus, pm: done.payment_method, si: si.id };
}

// ---- webhooks as the port reads them ---------------------------------------------------

const seen = new Set(); // the kinds read so far, checked at the end

// The newest event of `type` (or the one `pick` chooses), delivered as the fake delivers it,
// signed as generateTestHeaderString signs, and read by the adapter.
async function readEvent(type, { pick = (e) => true, secret = WHSEC } = {}) {
  const event = fake.eventsList.find((e) => e.type === type && pick(e));
  assert.ok(event, `an event ${type}`);
  const body = JSON.stringify(event, null, 2);
  const header = stripe.webhooks.generateTestHeaderString({ payload: body, secret });
  const r = await drive(['event', String(Date.now()), header], { stdin: body });
  assert.equal(r.rc, 'ok', JSON.stringify(r));
  assert.deepEqual([r.out.id, r.out.type, r.out.created, r.out.account], [event.id, type, event.created * 1000, event.account ?? '']);
  seen.add(r.out.kind);
  return { ev: r.out, event, obj: event.data.object };
}

// ---- buyers -------------------------------------------------------------------------------

test('customers and saved cards: the adapter creates, Stripe.js confirms, both sides read the same objects', async () => {
  const { cus, pm, si } = await savedCard();
  const c = await stripe.customers.retrieve(cus);
  assert.deepEqual([c.name, c.metadata], ['Siti Aminah', { blytz_user: '7' }]);
  const setup = await stripe.setupIntents.retrieve(si);
  assert.deepEqual([setup.usage, setup.payment_method_types, setup.payment_method], ['off_session', ['card'], pm]);
  const m = await ok(['method_get', pm]);
  assert.deepEqual([m.kind, m.brand, m.last4, m.customer, m.exp_month], ['card', 'visa', '4242', cus, 12]);
  assert.ok(m.exp_year > 2025);
  const posts = ours().filter((x) => x.method === 'POST').map((x) => x.headers['idempotency-key']);
  assert.equal(posts.length, 2);
  assert.ok(posts.every((k) => /^blytz-(customer|setup)-/.test(k)));
  // what the SDK made, the adapter reads
  const other = await stripe.customers.create({ email: 'x@example.my' });
  const made = await stripe.setupIntents.create({ customer: other.id, payment_method_types: ['card'] });
  assert.deepEqual(await ok(['setup_get', made.id]), { id: made.id, client_secret: made.client_secret, status: 'open', payment_method: '', customer: other.id, failure_code: '' });
  // detached, then detached again: both fine
  fake.reset();
  await ok(['method_detach', pm, 'blytz-detach-1']);
  await ok(['method_detach', pm, 'blytz-detach-2']);
  assert.equal((await stripe.paymentMethods.retrieve(pm)).customer, null);
  assert.equal((await ok(['method_get', pm])).customer, '');
  assert.equal((await drive(['method_get', 'pm_nobody'])).rc, 'not_found');
  assert.equal((await drive(['method_get', 'pm_x/../../v1/customers'])).rc, 'validation_failed');
  await readEvent('setup_intent.succeeded', { pick: (e) => e.data.object.id === si }).then(({ ev }) => {
    assert.deepEqual([ev.kind, ev.setup.id, ev.setup.status, ev.setup.payment_method, ev.setup.customer], ['setup_succeeded', si, 'succeeded', pm, cus]);
  });
});

test('a test card confirmed by the server (the demo buyer\'s): one call, succeeded, the card on the customer', async () => {
  const t = tag();
  const { id: cus } = await ok(['customer_create', `blytz-customer-${t}`, '8', `${t}@example.my`, 'Demo Buyer']);
  const si = await ok(['setup_create', `blytz-setup-${t}`, cus, 'pm_card_visa']);
  assert.equal(si.status, 'succeeded');
  const call = ours().filter((x) => x.method === 'POST' && x.path === '/v1/setup_intents').at(-1);
  assert.deepEqual([call.params.confirm, call.params.payment_method], ['true', 'pm_card_visa']);
  const setup = await stripe.setupIntents.retrieve(si.id);
  assert.equal(setup.status, 'succeeded');
  const m = await ok(['method_get', setup.payment_method]);
  assert.deepEqual([m.brand, m.last4, m.customer], ['visa', '4242', cus]);
});

// ---- charges ------------------------------------------------------------------------------

test('off-session at the win: a saved card charged in one call, in sen, with the payment row and the transfer group', async () => {
  const { cus, pm } = await savedCard();
  fake.reset();
  const pi = await ok(['intent_create', 'blytz-charge-101', '12550', cus, 'card', pm, 'order-101', '101', 'Kuih lapis (lot 3)']);
  assert.deepEqual([pi.status, pi.amount, pi.amount_received, pi.method_kind, pi.payment_id, pi.payment_method], ['succeeded', 12550, 12550, 'card', 101, pm]);
  assert.match(pi.charge, /^ch_/);
  const [call] = ours();
  assert.deepEqual(call.params, {
    amount: '12550', currency: 'myr', customer: cus, payment_method_types: ['card'], payment_method: pm, confirm: 'true', off_session: 'true',
    transfer_group: 'order-101', description: 'Kuih lapis (lot 3)', metadata: { blytz_payment: '101' },
  });
  keysWere('blytz-charge-101');
  const seenBySdk = await stripe.paymentIntents.retrieve(pi.id);
  assert.deepEqual([seenBySdk.status, seenBySdk.latest_charge, seenBySdk.metadata.blytz_payment], ['succeeded', pi.charge, '101']);
  const got = await ok(['intent_get', pi.id]);
  assert.deepEqual(got, pi);
  const { ev } = await readEvent('payment_intent.succeeded', { pick: (e) => e.data.object.id === pi.id });
  assert.deepEqual([ev.kind, ev.intent.id, ev.intent.status, ev.intent.charge, ev.intent.payment_id, ev.intent.method_kind], ['intent_succeeded', pi.id, 'succeeded', pi.charge, 101, 'card']);
  noneRefused();
});

test('off-session declines and authentication_required: the code, decline_code and the failed intent recorded', async () => {
  for (const [card, rc, code, decline] of [
    ['pm_card_chargeDeclined', 'card_declined', 'card_declined', 'generic_decline'],
    ['pm_card_chargeDeclinedInsufficientFunds', 'card_declined', 'card_declined', 'insufficient_funds'],
    ['pm_card_authenticationRequired', 'authentication_required', 'authentication_required', 'authentication_required'],
  ]) {
    const { cus, pm } = await savedCard(card);
    const r = await drive(['intent_create', `blytz-charge-${card}`, '5000', cus, 'card', pm, 'order-7', '7', '-']);
    assert.equal(r.rc, rc, card);
    assert.match(r.out.id, /^pi_/);
    assert.deepEqual([r.out.status, r.out.failure_code, r.out.decline_code, r.out.payment_method, r.out.method_kind, r.out.payment_id, r.out.amount],
      ['requires_payment_method', code, decline, pm, 'card', 7, 5000], card);
    assert.ok(r.out.failure_message);
    const pi = await stripe.paymentIntents.retrieve(r.out.id);
    assert.deepEqual([pi.status, pi.last_payment_error.decline_code], ['requires_payment_method', decline]);
    const read = await ok(['intent_get', r.out.id]);
    assert.deepEqual([read.status, read.failure_code, read.decline_code, read.method_kind], ['requires_payment_method', code, decline, 'card']);
    // the same key again: the stored decline, the same intent, not a second try
    const again = await drive(['intent_create', `blytz-charge-${card}`, '5000', cus, 'card', pm, 'order-7', '7', '-']);
    assert.deepEqual([again.rc, again.out.id], [rc, r.out.id]);
    assert.equal(ours().at(-1).replayed, true);
  }
  const { ev } = await readEvent('payment_intent.payment_failed');
  assert.deepEqual([ev.kind, ev.intent.status, ev.intent.failure_code], ['intent_failed', 'requires_payment_method', 'authentication_required']);
  // a bank that says "declined" with decline_code authentication_required: the buyer must authenticate
  const { cus, pm } = await savedCard();
  fake.nextCard = { code: 'card_declined', decline_code: 'authentication_required' };
  const r = await drive(['intent_create', 'blytz-charge-sca', '5000', cus, 'card', pm, '-', '8', '-']);
  assert.deepEqual([r.rc, r.out.failure_code, r.out.decline_code], ['authentication_required', 'card_declined', 'authentication_required']);
  fake.nextCard = { code: 'expired_card' };
  assert.equal((await drive(['intent_create', 'blytz-charge-expired', '5000', cus, 'card', pm, '-', '9', '-'])).rc, 'payment_failed');
  // only a saved card of a customer is charged off-session: refused before any call
  fake.reset();
  for (const args of [['card,fpx', pm, cus], ['card', pm, '-'], ['-', '-', cus]]) {
    assert.equal((await drive(['intent_create', 'blytz-charge-bad', '5000', args[2], args[0], args[1], '-', '9', '-'])).rc, 'validation_failed', args.join(' '));
  }
  assert.deepEqual(ours(), []);
});

for (const [method, data] of [['fpx', { type: 'fpx', fpx: { bank: 'maybank2u' } }], ['grabpay', { type: 'grabpay' }]]) {
  test(`${method} on-session: created unconfirmed with its method, confirmed by the browser, requires_action, then paid after the redirect`, async () => {
    const pi = await ok(['intent_create', `blytz-pay-${method}`, '3000', '-', method, '-', 'checkout-5', '55', 'Blytz order 5']);
    assert.deepEqual([pi.status, pi.method_kind, pi.charge], ['requires_payment_method', method, '']);
    assert.match(pi.client_secret, new RegExp(`^${pi.id}_secret_`));
    assert.deepEqual(ours()[0].params.payment_method_types, [method]);
    assert.equal(ours()[0].params.confirm, undefined);
    const acted = await browser.paymentIntents.confirm(pi.id, { payment_method_data: data, return_url: 'https://blytz.example/orders/5', client_secret: pi.client_secret });
    assert.equal(acted.status, 'requires_action');
    const waiting = await ok(['intent_get', pi.id]);
    assert.deepEqual([waiting.status, waiting.method_kind], ['requires_action', method]);
    assert.match(waiting.payment_method, /^pm_/);
    const res = await fetch(`${acted.next_action.redirect_to_url.url}?outcome=succeed`, { redirect: 'manual' });
    assert.equal(new URL(res.headers.get('location')).searchParams.get('redirect_status'), 'succeeded');
    const paid = await ok(['intent_get', pi.id]);
    assert.deepEqual([paid.status, paid.amount_received, paid.method_kind, paid.payment_id], ['succeeded', 3000, method, 55]);
    assert.match(paid.charge, /^ch_/);
    noneRefused();
  });
}

test('on-session with every method; cancelled once, twice, and a paid intent is a conflict', async () => {
  const { cus, pm } = await savedCard();
  const pi = await ok(['intent_create', 'blytz-pay-all', '4200', cus, 'card,fpx,grabpay', '-', '-', '60', '-']);
  assert.deepEqual(ours().at(-1).params.payment_method_types, ['card', 'fpx', 'grabpay']);
  assert.equal(pi.method_kind, ''); // not chosen yet
  await ok(['intent_cancel', pi.id, 'blytz-cancel-60']);
  assert.equal((await stripe.paymentIntents.retrieve(pi.id)).status, 'canceled');
  await ok(['intent_cancel', pi.id, 'blytz-cancel-60-again']);
  assert.equal((await ok(['intent_get', pi.id])).status, 'canceled');
  const paid = await ok(['intent_create', 'blytz-charge-61', '4200', cus, 'card', pm, '-', '61', '-']);
  assert.equal((await drive(['intent_cancel', paid.id, 'blytz-cancel-61'])).rc, 'conflict');
  assert.equal((await drive(['intent_get', 'pi_nobody'])).rc, 'not_found');
  // what the SDK made, the adapter reads
  const made = await stripe.paymentIntents.create({ amount: 2000, currency: 'myr', payment_method_types: ['grabpay'], metadata: { blytz_payment: '99' } });
  const read = await ok(['intent_get', made.id]);
  assert.deepEqual([read.status, read.amount, read.method_kind, read.payment_id, read.client_secret], ['requires_payment_method', 2000, 'grabpay', 99, made.client_secret]);
  const acct = await stripe.accounts.create({ type: 'standard', country: 'MY' });
  assert.deepEqual(await ok(['account_get', acct.id]), { id: acct.id, charges_enabled: false, payouts_enabled: false, details_submitted: false });
});

test('refunds: in part, then the rest, never above what was paid; the SDK sees reason and refund row', async () => {
  const { cus, pm } = await savedCard();
  const pi = await ok(['intent_create', 'blytz-charge-70', '10000', cus, 'card', pm, 'order-70', '70', '-']);
  fake.reset();
  const part = await ok(['refund_create', 'blytz-refund-1', pi.id, '2500', 'requested', '1']);
  assert.deepEqual([part.amount, part.status], [2500, 'succeeded']);
  const re = await stripe.refunds.retrieve(part.id);
  assert.deepEqual([re.payment_intent, re.reason, re.metadata], [pi.id, 'requested_by_customer', { blytz_refund: '1' }]);
  const { ev } = await readEvent('charge.refunded', { pick: (e) => e.data.object.payment_intent === pi.id });
  assert.deepEqual([ev.kind, ev.object_id, ev.charge, ev.intent_id, ev.amount, ev.amount_refunded], ['charge_refunded', pi.charge, pi.charge, pi.id, 10000, 2500]);
  const over = await drive(['refund_create', 'blytz-refund-2', pi.id, '7501', 'requested', '2']);
  assert.equal(over.rc, 'payment_provider_refused');
  const rest = await ok(['refund_create', 'blytz-refund-3', pi.id, '7500', 'duplicate', '3']);
  assert.equal(rest.amount, 7500);
  assert.equal((await stripe.refunds.retrieve(rest.id)).reason, 'duplicate');
  const ch = await stripe.charges.retrieve(pi.charge);
  assert.deepEqual([ch.amount_refunded, ch.refunded], [10000, true]);
  // the same key again: the same refund, not another
  assert.equal((await ok(['refund_create', 'blytz-refund-3', pi.id, '7500', 'duplicate', '3'])).id, rest.id);
  assert.equal((await drive(['refund_create', 'blytz-refund-4', pi.id, '0', 'requested', '4'])).rc, 'validation_failed');
  keysWere('blytz-refund-1', 'blytz-refund-2', 'blytz-refund-3', 'blytz-refund-3');
  // the first refund comes back from the bank: both of Stripe's reports read as one kind
  fake.failRefund(part.id);
  for (const type of ['refund.failed', 'charge.refund.updated']) {
    const failed = (await readEvent(type, { pick: (e) => e.data.object.id === part.id })).ev;
    assert.deepEqual([failed.kind, failed.object_id, failed.intent_id, failed.amount, failed.status, failed.refund_id], ['refund_updated', part.id, pi.id, 2500, 'failed', 1]);
  }
  assert.equal((await stripe.charges.retrieve(pi.charge)).amount_refunded, 7500);
});

// ---- disputes (the fake's knobs; the port only reads them) --------------------------------

test('disputes: created and closed, read with their charge, intent, amount and outcome', async () => {
  const { cus, pm } = await savedCard();
  const pi = await ok(['intent_create', 'blytz-charge-80', '9900', cus, 'card', pm, '-', '80', '-']);
  const dp = fake.dispute(pi.charge);
  const opened = await readEvent('charge.dispute.created', { pick: (e) => e.data.object.id === dp.id });
  assert.deepEqual([opened.ev.kind, opened.ev.object_id, opened.ev.charge, opened.ev.intent_id, opened.ev.amount, opened.ev.status],
    ['dispute_created', dp.id, pi.charge, pi.id, 9900, 'needs_response']);
  fake.closeDispute(dp.id, 'lost');
  const closed = await readEvent('charge.dispute.closed', { pick: (e) => e.data.object.id === dp.id });
  assert.deepEqual([closed.ev.kind, closed.ev.status, closed.ev.intent_id], ['dispute_closed', 'lost', pi.id]);
});

// ---- sellers --------------------------------------------------------------------------------

// The demo seller's account: a Custom account onboarded through the API with Stripe's test-mode
// identity and Malaysia's test bank account, verified at once (account.updated, payouts on), a
// transfer reaching it; on a live key the adapter refuses before any request. The SDK, sending
// the same parameters, gets the same account: the fake is Stripe's shape, not ours.
test('Connect: the demo seller\'s test-mode account is onboarded through the API and paid out at once; never on a live key', async () => {
  const accepted = Date.now() - 5000;
  const args = ['account_create_test', 'blytz-account-seller-8', '8', 'aminah@retro.example.my', 'Aminah', 'Hassan', '+60123456789', 'Kuala Lumpur', String(accepted)];
  const { id: acct } = await ok(args);
  const call = ours().at(-1);
  assert.equal(call.headers['idempotency-key'], 'blytz-account-seller-8');
  const p = call.params;
  assert.deepEqual([p.type, p.country, p.business_type, p.email], ['custom', 'MY', 'individual', 'aminah@retro.example.my']);
  assert.deepEqual(p.individual, {
    first_name: 'Aminah', last_name: 'Hassan', email: 'aminah@retro.example.my', phone: '+60123456789',
    dob: { day: '1', month: '1', year: '1901' }, id_number: '000000000',
    address: { line1: 'address_full_match', line2: '23 Jalan Tun H.S. Lee', city: 'Kuala Lumpur', state: 'W.P. Kuala Lumpur', postal_code: '50000', country: 'MY' },
  });
  assert.deepEqual(p.business_profile, { mcc: '5999', product_description: 'Vintage cameras and watches' });
  assert.deepEqual(p.tos_acceptance, { date: String(Math.floor(accepted / 1000)), ip: '127.0.0.1' });
  assert.deepEqual(p.external_account, { object: 'bank_account', country: 'MY', currency: 'myr', routing_number: 'HSBCMYKLXXX', account_number: '000123456000', account_holder_type: 'individual', account_holder_name: 'Aminah Hassan' });
  assert.deepEqual([p.capabilities, p.metadata], [{ card_payments: { requested: 'true' }, transfers: { requested: 'true' } }, { blytz_seller: '8' }]);
  noneRefused();

  assert.deepEqual(await ok(['account_get', acct]), { id: acct, charges_enabled: true, payouts_enabled: true, details_submitted: true });
  const { ev } = await readEvent('account.updated', { pick: (e) => e.data.object.id === acct });
  assert.deepEqual(ev.acct, { id: acct, charges_enabled: true, payouts_enabled: true, details_submitted: true });
  const a = await stripe.accounts.retrieve(acct);
  assert.deepEqual([a.type, a.tos_acceptance.ip, a.external_accounts.data[0].last4, a.capabilities.transfers], ['custom', '127.0.0.1', '6000', 'active']);
  const { cus, pm } = await savedCard();
  const pi = await ok(['intent_create', 'blytz-charge-91', '10000', cus, 'card', pm, 'order-91', '91', '-']);
  assert.equal((await ok(['transfer_create', 'blytz-transfer-91', '9000', acct, 'order-91', pi.charge, '91'])).amount, 9000);

  // the same parameters through the SDK: the same verified account
  const viaSdk = await stripe.accounts.create({
    type: 'custom', country: 'MY', email: p.email, business_type: 'individual', individual: p.individual,
    business_profile: p.business_profile, tos_acceptance: { date: Math.floor(accepted / 1000), ip: '127.0.0.1' },
    external_account: p.external_account, capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
  });
  assert.deepEqual([viaSdk.payouts_enabled, viaSdk.requirements.currently_due], [true, []]);
  // an Express account cannot have the terms accepted for it (Stripe's refusal)
  await assert.rejects(stripe.accounts.create({ type: 'express', country: 'MY', tos_acceptance: { date: 1, ip: '127.0.0.1' } }), /Terms of Service/);

  fake.reset();
  const live = await drive(args, { extra: { STRIPE_SECRET_KEY: 'sk_live_blytzNever0123456789' } });
  assert.equal(live.rc, 'validation_failed', JSON.stringify(live));
  assert.deepEqual(fake.calls, [], 'no request at all');
});

test('Connect: an Express account in Malaysia, its onboarding link, account.updated, a transfer from the charge and its reversals, a payout', async () => {
  const { id: acct } = await ok(['account_create', 'blytz-account-3', '3', 'seller3@example.my']);
  const a = await stripe.accounts.retrieve(acct);
  assert.deepEqual([a.type, a.country, a.email, a.metadata, Object.keys(a.capabilities).sort()], ['express', 'MY', 'seller3@example.my', { blytz_seller: '3' }, ['card_payments', 'transfers']]);
  assert.deepEqual(await ok(['account_get', acct]), { id: acct, charges_enabled: false, payouts_enabled: false, details_submitted: false });
  const before = Date.now();
  const link = await ok(['account_link', acct, 'https://blytz.example/seller/connect?again=1', 'https://blytz.example/seller/connect/done']);
  assert.ok(link.expires_at > before && link.expires_at <= before + 301000, String(link.expires_at));
  const linkCall = ours().at(-1);
  assert.deepEqual(linkCall.params, { account: acct, refresh_url: 'https://blytz.example/seller/connect?again=1', return_url: 'https://blytz.example/seller/connect/done', type: 'account_onboarding' });
  assert.match(linkCall.headers['idempotency-key'], /^blytz-link-[0-9a-f]{24}$/);
  const second = await ok(['account_link', acct, 'https://blytz.example/a', 'https://blytz.example/b']);
  assert.notEqual(ours().at(-1).headers['idempotency-key'], linkCall.headers['idempotency-key']);
  assert.ok(second.url);
  // the seller finishes onboarding
  const res = await fetch(link.url, { redirect: 'manual' });
  assert.equal(res.headers.get('location'), 'https://blytz.example/seller/connect/done');
  assert.equal((await fetch(link.url, { redirect: 'manual' })).headers.get('location'), 'https://blytz.example/seller/connect?again=1', 'used once');
  assert.deepEqual(await ok(['account_get', acct]), { id: acct, charges_enabled: true, payouts_enabled: true, details_submitted: true });
  const { ev } = await readEvent('account.updated', { pick: (e) => e.data.object.id === acct });
  assert.deepEqual([ev.kind, ev.acct], ['account_updated', { id: acct, charges_enabled: true, payouts_enabled: true, details_submitted: true }]);
  // the seller's share of a paid order
  const { cus, pm } = await savedCard();
  const pi = await ok(['intent_create', 'blytz-charge-90', '10000', cus, 'card', pm, 'order-90', '90', '-']);
  fake.reset();
  const tr = await ok(['transfer_create', 'blytz-transfer-90', '9000', acct, 'order-90', pi.charge, '90']);
  assert.match(tr.id, /^tr_/);
  const t = await stripe.transfers.retrieve(tr.id);
  assert.deepEqual([t.amount, t.currency, t.destination, t.transfer_group, t.source_transaction, t.metadata], [9000, 'myr', acct, 'order-90', pi.charge, { blytz_order: '90' }]);
  const rev = await ok(['transfer_reverse', 'blytz-reversal-90-1', tr.id, '4000', '90']);
  assert.deepEqual([rev.amount, /^trr_/.test(rev.id)], [4000, true]);
  const r = (await stripe.transfers.listReversals(tr.id)).data[0];
  assert.deepEqual([r.id, r.metadata], [rev.id, { blytz_order: '90' }]);
  assert.equal((await drive(['transfer_reverse', 'blytz-reversal-90-2', tr.id, '5001', '90'])).rc, 'payment_provider_refused');
  await ok(['transfer_reverse', 'blytz-reversal-90-3', tr.id, '5000', '90']);
  assert.equal((await stripe.transfers.retrieve(tr.id)).reversed, true);
  keysWere('blytz-transfer-90', 'blytz-reversal-90-1', 'blytz-reversal-90-2', 'blytz-reversal-90-3');
  // Stripe pays the seller's balance out
  const po = fake.payout(acct, 5000);
  const paid = await readEvent('payout.paid', { pick: (e) => e.data.object.id === po.id });
  assert.deepEqual([paid.ev.kind, paid.ev.account, paid.ev.object_id, paid.ev.amount, paid.ev.status], ['payout_paid', acct, po.id, 5000, 'paid']);
});

test('plans: a subscription billed to the seller\'s card, renewed, failed, ended by Stripe, and cancelled by the seller', async () => {
  const price = await stripe.prices.create({ currency: 'myr', unit_amount: 4900, recurring: { interval: 'month' }, product_data: { name: 'Blytz Pro' } });
  const { cus, pm } = await savedCard();
  fake.reset();
  const sub = await ok(['sub_create', 'blytz-plan-3-1', cus, price.id, pm, '3']);
  const s = await stripe.subscriptions.retrieve(sub.id);
  assert.deepEqual(sub, { id: s.id, status: 'active', price: price.id, customer: cus, current_period_end: s.items.data[0].current_period_end * 1000, seller_id: 3, client_secret: '', cancel_at_period_end: false });
  assert.deepEqual(ours()[0].params, {
    customer: cus, items: [{ price: price.id }], default_payment_method: pm, payment_behavior: 'error_if_incomplete', off_session: 'true',
    metadata: { blytz_seller: '3' }, expand: ['latest_invoice.confirmation_secret'],
  });
  keysWere('blytz-plan-3-1');
  const created = await readEvent('customer.subscription.created', { pick: (e) => e.data.object.id === sub.id });
  assert.deepEqual([created.ev.kind, created.ev.sub.id, created.ev.sub.status, created.ev.sub.seller_id, created.ev.sub.price], ['subscription', sub.id, 'incomplete', 3, price.id]);
  const first = await readEvent('invoice.paid', { pick: (e) => e.data.object.parent.subscription_details.subscription === sub.id });
  assert.deepEqual([first.ev.kind, first.ev.sub.id, first.ev.sub.customer, first.ev.sub.seller_id, first.ev.sub.current_period_end, first.ev.amount, first.ev.status],
    ['invoice_paid', sub.id, cus, 3, sub.current_period_end, 4900, 'paid']);
  // the next month, paid: the period the invoice paid for is the new one
  const renewed = fake.renewal(sub.id);
  const paid = await readEvent('invoice.paid', { pick: (e) => e.data.object.id === renewed.id });
  const next = renewed.lines.data[0].period.end * 1000;
  assert.ok(next > sub.current_period_end);
  assert.deepEqual([paid.ev.object_id, paid.ev.sub.id, paid.ev.sub.current_period_end], [renewed.id, sub.id, next]);
  // the month after, the card fails: past_due
  const unpaid = fake.renewal(sub.id, { fail: true });
  const failed = await readEvent('invoice.payment_failed', { pick: (e) => e.data.object.id === unpaid.id });
  assert.deepEqual([failed.ev.kind, failed.ev.sub.id, failed.ev.amount, failed.ev.status], ['invoice_failed', sub.id, 4900, 'open']);
  const pastDue = await readEvent('customer.subscription.updated', { pick: (e) => e.data.object.id === sub.id && e.data.object.status === 'past_due' });
  assert.equal(pastDue.ev.sub.status, 'past_due');
  // Stripe gives up after its retries
  fake.cancel(sub.id);
  const deleted = await readEvent('customer.subscription.deleted', { pick: (e) => e.data.object.id === sub.id });
  assert.equal(deleted.ev.sub.status, 'canceled');
  // a cancel of what is over is fine (Stripe answers 404; the adapter looks)
  const again = await ok(['sub_cancel', sub.id, 'blytz-plan-3-cancel']);
  assert.deepEqual([again.id, again.status], [sub.id, 'canceled']);
  // billed to the customer's default card when none is named; then back to the free plan
  await stripe.customers.update(cus, { invoice_settings: { default_payment_method: pm } });
  const other = await ok(['sub_create', 'blytz-plan-3-2', cus, price.id, '-', '3']);
  assert.equal(other.status, 'active');
  assert.equal(ours().at(-1).params.default_payment_method, undefined);
  const ended = await ok(['sub_cancel', other.id, 'blytz-plan-3-2-cancel']);
  assert.equal(ended.status, 'canceled');
  assert.equal((await stripe.subscriptions.retrieve(other.id)).status, 'canceled');
  assert.equal((await drive(['sub_cancel', 'sub_nobody', 'k'])).rc, 'not_found');
});

test('plans on-session: made incomplete for Stripe.js, paid there (the card becomes the subscription\'s), ended at the period\'s end', async () => {
  const price = await stripe.prices.create({ currency: 'myr', unit_amount: 4900, recurring: { interval: 'month' }, product_data: { name: 'Blytz Pro' } });
  const t = tag();
  const { id: cus } = await ok(['customer_create', `blytz-customer-${t}`, '6', `${t}@example.my`, 'Kedai Siti']);
  fake.reset();
  const sub = await ok(['sub_create', 'blytz-plan-6-1', cus, price.id, '-', '6', 'on_session']);
  assert.equal(sub.status, 'incomplete');
  assert.deepEqual(ours()[0].params, {
    customer: cus, items: [{ price: price.id }], payment_behavior: 'default_incomplete', payment_settings: { save_default_payment_method: 'on_subscription' },
    metadata: { blytz_seller: '6' }, expand: ['latest_invoice.confirmation_secret'],
  });
  const s = await stripe.subscriptions.retrieve(sub.id, { expand: ['latest_invoice.confirmation_secret'] });
  assert.deepEqual([s.status, s.latest_invoice.confirmation_secret.client_secret, s.payment_settings.save_default_payment_method], ['incomplete', sub.client_secret, 'on_subscription']);
  // the seller's browser pays the first invoice
  const pi = sub.client_secret.split('_secret_')[0];
  assert.equal((await browser.paymentIntents.confirm(pi, { payment_method: 'pm_card_visa', client_secret: sub.client_secret })).status, 'succeeded');
  const active = await readEvent('customer.subscription.updated', { pick: (e) => e.data.object.id === sub.id && e.data.object.status === 'active' });
  assert.deepEqual([active.ev.sub.status, active.ev.sub.cancel_at_period_end], ['active', false]);
  await readEvent('invoice.paid', { pick: (e) => e.data.object.parent.subscription_details.subscription === sub.id });
  const paidSub = await stripe.subscriptions.retrieve(sub.id);
  assert.equal(paidSub.status, 'active');
  assert.ok(paidSub.default_payment_method, 'the card paid with renews it');
  assert.equal((await stripe.paymentMethods.retrieve(paidSub.default_payment_method)).customer, cus);
  // ended when the period does: an update with the caller's key
  const c = await ok(['sub_cancel', sub.id, 'blytz-plan-6-cancel', 'at_period_end']);
  assert.deepEqual([c.status, c.cancel_at_period_end, c.current_period_end], ['active', true, paidSub.items.data[0].current_period_end * 1000]);
  keysWere('blytz-plan-6-1', 'blytz-plan-6-cancel');
  assert.deepEqual(ours().at(-1).params, { cancel_at_period_end: 'true' });
  const flagged = await readEvent('customer.subscription.updated', { pick: (e) => e.data.object.id === sub.id && e.data.object.cancel_at_period_end });
  assert.equal(flagged.ev.sub.cancel_at_period_end, true);
  assert.equal((await stripe.subscriptions.retrieve(sub.id)).cancel_at_period_end, true);
  assert.equal(fake.renewal(sub.id), null, 'the period over: it ends instead');
  assert.equal((await readEvent('customer.subscription.deleted', { pick: (e) => e.data.object.id === sub.id })).ev.sub.status, 'canceled');
  assert.equal((await drive(['sub_cancel', sub.id, 'blytz-plan-6-cancel-2', 'at_period_end'])).rc, 'payment_provider_refused', 'an ended one cannot be updated');
});

test('plans: a card that fails leaves no subscription; the same key replays the refusal', async () => {
  const price = await stripe.prices.create({ currency: 'myr', unit_amount: 2900, recurring: { interval: 'month' }, product_data: { name: 'Blytz Plus' } });
  const { cus, pm } = await savedCard('pm_card_chargeDeclinedInsufficientFunds');
  const subsBefore = [...fake.objects.values()].filter((o) => o.object === 'subscription').length;
  const r = await drive(['sub_create', 'blytz-plan-4-1', cus, price.id, pm, '4']);
  assert.deepEqual([r.rc, r.out.id], ['card_declined', '']);
  const again = await drive(['sub_create', 'blytz-plan-4-1', cus, price.id, pm, '4']);
  assert.equal(again.rc, 'card_declined');
  assert.equal([...fake.objects.values()].filter((o) => o.object === 'subscription').length, subsBefore);
  const sca = await savedCard('pm_card_authenticationRequired');
  assert.equal((await drive(['sub_create', 'blytz-plan-5-1', sca.cus, price.id, sca.pm, '5'])).rc, 'authentication_required');
});

// ---- a worker killed mid-call --------------------------------------------------------------

// Runs the driver and kills it (SIGKILL) once the fake has run its call with `key`.
function killDuring(args, key) {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { env: { ...process.env, ...env(), STRIPE_TIMEOUT_MS: '20000' }, stdio: 'ignore' });
    const poll = setInterval(() => {
      if (ours().some((c) => c.headers['idempotency-key'] === key && c.status === 200)) {
        clearInterval(poll);
        child.kill('SIGKILL');
      }
    }, 10);
    const stop = setTimeout(() => child.kill('SIGKILL'), 15000);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearInterval(poll);
      clearTimeout(stop);
      resolve(signal);
    });
  });
}

test('a worker killed mid-call: run again with the same key, it gets the same intent and the buyer is charged once', async () => {
  const { cus, pm } = await savedCard();
  fake.reset();
  const args = ['intent_create', 'blytz-charge-42', '8800', cus, 'card', pm, 'order-42', '42', '-'];
  fake.fault({ after: true, hang: 10000, path: /^\/v1\/payment_intents$/ });
  assert.equal(await killDuring(args, 'blytz-charge-42'), 'SIGKILL');
  const pi = await ok(args);
  assert.equal(ours().at(-1).replayed, true);
  const intents = [...fake.objects.values()].filter((o) => o.object === 'payment_intent' && o.metadata.blytz_payment === '42');
  const charges = [...fake.objects.values()].filter((o) => o.object === 'charge' && o.metadata.blytz_payment === '42');
  assert.deepEqual([intents.map((o) => o.id), charges.map((o) => o.id)], [[pi.id], [pi.charge]]);
  assert.equal(pi.status, 'succeeded');
  // the answer lost inside one call: the adapter's own retry replays it
  fake.reset();
  fake.fault({ after: true, drop: true, path: /^\/v1\/refunds$/ });
  const re = await ok(['refund_create', 'blytz-refund-42', pi.id, '800', 'requested', '42']);
  assert.deepEqual(ours().map((c) => [c.headers['idempotency-key'], !!c.replayed]), [['blytz-refund-42', false], ['blytz-refund-42', true]]);
  assert.equal((await stripe.charges.retrieve(pi.charge)).amount_refunded, 800);
  assert.equal(re.amount, 800);
});

// ---- webhooks -----------------------------------------------------------------------------

test('webhooks: every kind the port reads was read; rotation; a changed byte, a stale or wrong signature, a body that is not an event', async () => {
  assert.deepEqual([...seen].sort(), [
    'account_updated', 'charge_refunded', 'dispute_closed', 'dispute_created', 'intent_failed', 'intent_succeeded',
    'invoice_failed', 'invoice_paid', 'payout_paid', 'refund_updated', 'setup_succeeded', 'subscription',
  ]);
  // a type Blytz does not act on is acknowledged as "other"
  const other = await readEvent('payment_intent.created');
  assert.deepEqual([other.ev.kind, other.ev.intent.id, other.ev.object_id], ['other', '', '']);
  // during a rotation, the old secret too
  const old = await readEvent('charge.succeeded', { secret: WHSEC_OLD });
  assert.equal(old.ev.kind, 'other');
  const event = fake.eventsList.find((e) => e.type === 'payment_intent.succeeded');
  const body = JSON.stringify(event, null, 2);
  const now = Math.floor(Date.now() / 1000);
  const sign = (payload, secret = WHSEC, timestamp = now) => stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });
  const read = (header, payload = body, at = now * 1000) => drive(['event', String(at), header ?? '-'], { stdin: payload });
  assert.equal((await read(sign(body))).rc, 'ok');
  const changed = body.replace('"amount": ', '"amount": 1');
  assert.notEqual(changed, body);
  for (const [why, r] of [
    ['one byte changed', await read(sign(body), changed)],
    ['a byte more', await read(sign(body), body + ' ')],
    ['301 s old', await read(sign(body, WHSEC, now - 301))],
    ['a wrong secret', await read(sign(body, 'whsec_someone_else'))],
    ['no header', await read(null)],
    ['v0 only', await read(`t=${now},v0=${sign(body).split('v1=')[1]}`)],
  ]) {
    assert.deepEqual([r.rc, r.out.id], ['invalid_signature', ''], why);
  }
  assert.equal((await read(sign(body, WHSEC, now - 299))).rc, 'ok');
  // signed, but not an event
  for (const payload of ['{"object":"list","data":[]}', 'not json', '{"id":"evt_1","object":"event","type":"payment_intent.succeeded","created":1,"data":{"object":{"object":"refund","id":"re_1"}}}']) {
    const r = await read(sign(payload), payload);
    assert.equal(r.rc, 'bad_request', payload);
  }
  // a body over the cap is refused before any HMAC
  const big = `{"pad":"${'x'.repeat(1024 * 1024)}"}`;
  assert.equal((await read(sign(big), big)).rc, 'payload_too_large');
});

test('configuration: the adapter refuses to start without a secret key or a webhook secret', async () => {
  assert.equal((await drive(['new'])).rc, 'ok');
  assert.equal((await drive(['new'], { extra: { STRIPE_WEBHOOK_SECRET: '' } })).rc, 'validation_failed');
  assert.equal((await drive(['new'], { extra: { STRIPE_WEBHOOK_SECRET: 'whsec_a,,whsec_b' } })).rc, 'validation_failed');
  assert.equal((await drive(['new'], { extra: { STRIPE_WEBHOOK_SECRET: 'a,b,c,d,e' } })).rc, 'validation_failed');
  assert.equal((await drive(['new'], { extra: { STRIPE_SECRET_KEY: '' } })).rc, 'validation_failed');
  assert.equal((await drive(['new'], { extra: { STRIPE_API_BASE: 'ftp://x' } })).rc, 'validation_failed');
});
