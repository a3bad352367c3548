// Unit tests of the paying pieces of the web app that hold logic, without a browser or a
// server: money and card wording (lib/format.ts), what an unpaid order says about its
// deadline (orders/payState.ts), the wait for the server's outbox (payments/poll.ts) on a
// fake clock, and the loading of Stripe.js (payments/stripe.ts) against a fake document and
// a fake fetch: one <script> per page, Stripe(publishable_key) once, a 503 meaning "payments
// are off here", a failed load tried again.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { importTs } from './lib/import-ts.mjs';

let fmt, pay, poll, errors;

before(async () => {
  process.env.TZ = 'Asia/Kuala_Lumpur';
  fmt = await importTs('src/lib/format.ts');
  pay = await importTs('src/orders/payState.ts');
  poll = await importTs('src/payments/poll.ts');
  errors = await importTs('src/api/errors.ts');
});

test('money is written from integer sen, RM with two decimals and thousands', () => {
  assert.equal(fmt.money(1200), 'RM 12.00');
  assert.equal(fmt.money(5), 'RM 0.05');
  assert.equal(fmt.money(123456789), 'RM 1,234,567.89');
  assert.equal(fmt.money(-250), '−RM 2.50');
  assert.equal(fmt.money(null), '—');
});

test('time left to pay reads HH:MM, whole minutes rounded up, never negative', () => {
  assert.equal(fmt.hoursMinutes(24 * 3600_000), '24:00');
  assert.equal(fmt.hoursMinutes(23 * 3600_000 + 41 * 60_000), '23:41');
  assert.equal(fmt.hoursMinutes(23 * 3600_000 + 40 * 60_000 + 1), '23:41');
  assert.equal(fmt.hoursMinutes(65 * 60_000), '01:05');
  assert.equal(fmt.hoursMinutes(1), '00:01');
  assert.equal(fmt.hoursMinutes(0), '00:00');
  assert.equal(fmt.hoursMinutes(-5000), '00:00');
  assert.equal(fmt.hoursMinutes(120 * 3600_000), '120:00');
});

test('cards are named as printed: brand, last four, expiry', () => {
  assert.equal(fmt.cardName({ brand: 'visa', last4: '4242' }), 'Visa •••• 4242');
  assert.equal(fmt.cardName({ brand: 'mastercard', last4: '4444' }), 'Mastercard •••• 4444');
  assert.equal(fmt.cardName({ brand: 'newbrand', last4: '0001' }), 'Newbrand •••• 0001');
  assert.equal(fmt.cardName({ brand: '', last4: '0001' }), 'Card •••• 0001');
  assert.equal(fmt.cardExpiry({ exp_month: 4, exp_year: 2029 }), '04/29');
  assert.equal(fmt.cardExpiry({ exp_month: 12, exp_year: 2030 }), '12/30');
});

const at = (iso) => Date.parse(iso);
const order = (over) => ({ status: 'awaiting_payment', pay_by: '2026-12-05T12:00:00Z', payment_failed: false, ...over });

test('an unpaid win says how long is left to pay, urgent in its last hour', () => {
  const d = pay.deadline(order(), at('2026-12-04T12:19:00Z'));
  assert.deepEqual(d, { text: 'pay within 23:41', urgent: false, passed: false });
  assert.deepEqual(pay.deadline(order(), at('2026-12-05T11:00:01Z')), { text: 'pay within 01:00', urgent: true, passed: false });
  assert.equal(pay.deadline(order(), at('2026-12-04T12:19:00Z'), true).text, 'the buyer pays within 23:41');
});

test('at and after the deadline it has passed; other states say nothing', () => {
  assert.deepEqual(pay.deadline(order(), at('2026-12-05T12:00:00Z')), { text: 'the time to pay has passed', urgent: true, passed: true });
  assert.equal(pay.deadline(order(), at('2026-12-06T00:00:00Z')).passed, true);
  for (const status of ['paid', 'shipped', 'delivered', 'completed', 'cancelled', 'refunded', 'disputed']) {
    assert.equal(pay.deadline(order({ status }), at('2026-12-04T12:00:00Z')), null, status);
  }
  assert.equal(pay.deadline(order({ pay_by: 'not a time' }), at('2026-12-04T12:00:00Z')), null);
});

test('a failed payment names the time to fix it by (with the date when not today)', () => {
  // 12:00Z is 20:00 in Kuala Lumpur (TZ set above); the same day there at 10:00Z.
  const today = pay.deadline(order({ payment_failed: true }), at('2026-12-05T10:00:00Z'));
  assert.equal(today.urgent, true);
  assert.match(today.text, /^Payment failed — fix it before (8:00\sPM|20:00)$/);
  const earlier = pay.deadline(order({ payment_failed: true }), at('2026-12-04T10:00:00Z'));
  assert.match(earlier.text, /^Payment failed — fix it before .*2026.*(8:00\sPM|20:00)$/);
  assert.match(pay.deadline(order({ payment_failed: true }), at('2026-12-05T10:00:00Z'), true).text, /^the buyer's payment failed; they have until /);
});

test('why a payment failed reads as words, unknown codes as a plain failure', () => {
  assert.equal(pay.failureReason('card_declined'), 'your card was declined');
  assert.equal(pay.failureReason('insufficient_funds'), 'the card has not enough funds');
  assert.equal(pay.failureReason('authentication_required'), 'your bank asked you to confirm the payment');
  assert.equal(pay.failureReason('something_new'), 'the payment did not go through');
  assert.equal(pay.failureReason(null), 'the payment did not go through');
});

test('payment refusals read in a buyer\'s words, and differently when saving a card', () => {
  const declined = new errors.ApiError(402, 'card_declined', 'Your card was declined');
  assert.match(errors.errorText(declined), /pay with another card, FPX or GrabPay/);
  assert.equal(errors.errorText(declined, 'save-card'), 'Your bank declined this card. Try another card.');
  const state = new errors.ApiError(409, 'order_state', 'This order cannot do that now');
  assert.equal(errors.errorText(state), 'This order cannot do that now');
  assert.match(errors.errorText(state, 'pay'), /paid or cancelled already/);
  assert.match(errors.errorText(new errors.ApiError(422, 'amount_below_minimum', 'x')), /RM 2\.00/);
  assert.match(errors.errorText(new errors.ApiError(503, 'unavailable', 'x'), 'pay'), /not available/);
});

/** A clock that moves only when the poller sleeps. */
function fakeTime() {
  const t = { now: 0, waits: [] };
  t.opts = { now: () => t.now, sleep: async (ms) => { t.waits.push(ms); t.now += ms; } };
  return t;
}

test('polling reads until done, waiting longer each time up to a ceiling', async () => {
  const t = fakeTime();
  let n = 0;
  const v = await poll.pollUntil(async () => ++n, (x) => x === 6, { ...t.opts, firstMs: 400, maxMs: 1000 });
  assert.equal(v, 6);
  assert.deepEqual(t.waits, [400, 600, 900, 1000, 1000]);
  assert.equal(poll.nextWait(null), 400);
  assert.equal(poll.nextWait(2000), 2500);
});

test('a first answer that is done returns at once, without waiting', async () => {
  const t = fakeTime();
  assert.equal(await poll.pollUntil(async () => 'open', (s) => s === 'open', t.opts), 'open');
  assert.deepEqual(t.waits, []);
});

test('a dropped connection is read again; any other refusal ends the wait', async () => {
  const t = fakeTime();
  let n = 0;
  const v = await poll.pollUntil(async () => {
    if (++n < 3) throw new errors.ApiError(0, errors.NETWORK_ERROR, 'Network error');
    return 'succeeded';
  }, (s) => s === 'succeeded', t.opts);
  assert.equal(v, 'succeeded');
  assert.equal(n, 3);
  await assert.rejects(
    poll.pollUntil(async () => { throw new errors.ApiError(404, 'not_found', 'Not found'); }, () => true, fakeTime().opts),
    (e) => e.code === 'not_found',
  );
});

test('past the time limit it gives up with PollTimeout, never sleeping past it', async () => {
  const t = fakeTime();
  let reads = 0;
  await assert.rejects(
    poll.pollUntil(async () => { reads++; return 'creating'; }, (s) => s === 'open', { ...t.opts, firstMs: 1000, maxMs: 1000, timeoutMs: 5000 }),
    (e) => e instanceof poll.PollTimeout,
  );
  assert.equal(reads, 6); // at 0, 1, 2, 3, 4 and 5 s
  assert.ok(t.now <= 5000);
});

test('an abort stops the wait', async () => {
  const t = fakeTime();
  const ctl = new AbortController();
  let reads = 0;
  await assert.rejects(
    poll.pollUntil(async () => { if (++reads === 2) ctl.abort(); return 'creating'; }, () => false, { ...t.opts, signal: ctl.signal }),
    (e) => e.name === 'AbortError',
  );
  assert.equal(reads, 2);
});

// ---- Stripe.js loading, against a fake document and a fake fetch

function fakeBrowser({ config = { status: 200 }, scriptFails = 0 } = {}) {
  const w = { scripts: [], stripeCalls: [], fetches: 0, failsLeft: scriptFails };
  globalThis.localStorage = { getItem: () => null, setItem() {}, removeItem() {} };
  globalThis.fetch = async (url) => {
    w.fetches++;
    assert.match(String(url), /\/api\/v1\/payments\/config$/);
    const body = config.status === 200
      ? { payments: { provider: 'stripe', publishable_key: 'pk_test_x', js_url: 'https://js.example/v3/', methods: ['card', 'fpx', 'grabpay'] } }
      : { error: { code: 'unavailable', message: 'payments are not configured on this server' } };
    return new Response(JSON.stringify(body), { status: config.status, headers: { 'content-type': 'application/json' } });
  };
  globalThis.document = {
    createElement: () => ({ remove() { w.removed = (w.removed ?? 0) + 1; } }),
    head: {
      appendChild(s) {
        w.scripts.push(s.src);
        setTimeout(() => {
          if (w.failsLeft > 0) {
            w.failsLeft--;
            s.onerror();
            return;
          }
          globalThis.window.Stripe = (pk) => {
            w.stripeCalls.push(pk);
            return { pk };
          };
          s.onload();
        }, 1);
      },
    },
  };
  globalThis.window = { addEventListener() {} }; // the session module listens for other tabs
  return w;
}

async function freshStripeModule() {
  // Each test gets its own copy (the module caches the config, scripts and instances).
  return importTs('src/payments/stripe.ts');
}

test('Stripe.js is loaded once from js_url and made with the publishable key once', async () => {
  const w = fakeBrowser();
  const m = await freshStripeModule();
  const [a, b] = await Promise.all([m.loadStripe(), m.loadStripe()]);
  const c = await m.loadStripe();
  assert.deepEqual(w.scripts, ['https://js.example/v3/']);
  assert.deepEqual(w.stripeCalls, ['pk_test_x']);
  assert.equal(w.fetches, 1);
  assert.ok(a === b && b === c);
});

test('a server without payments (503) means no Stripe, without loading a script', async () => {
  const w = fakeBrowser({ config: { status: 503 } });
  const m = await freshStripeModule();
  assert.equal(await m.paymentsConfig(), null);
  assert.equal(await m.loadStripe(), null);
  assert.deepEqual(w.scripts, []);
});

test('a script that fails to load is refused, and tried again next time', async () => {
  const w = fakeBrowser({ scriptFails: 1 });
  const m = await freshStripeModule();
  await assert.rejects(m.loadStripe(), /Could not load the payment form/);
  assert.equal(w.removed, 1);
  const s = await m.loadStripe();
  assert.deepEqual(s, { pk: 'pk_test_x' });
  assert.deepEqual(w.scripts, ['https://js.example/v3/', 'https://js.example/v3/']);
});
