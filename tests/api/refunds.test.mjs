// Refunds and disputes through the real server and the local fake Stripe (tests/integration/
// stripe_fake.mjs; the official SDK judges what it keeps): a seller refunds a paid order in
// part, then in full, and every refusal is a stable code; two refunds at once never take more
// than was paid (the order's row is locked); a refund made in Stripe's dashboard is recorded
// once from charge.refunded; a dispute holds the order and tells the seller, and its close
// settles it (lost: refunded; won: completed); a refund the bank returns after it succeeded
// (refund.failed) is given back to its order once. Webhooks come signed by the fake as Stripe signs
// them, and one delivered twice changes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import Stripe from 'stripe';
import { execFileSync } from 'node:child_process';
import { api, registerUser, registerSeller, BIN } from './lib/harness.mjs';
import { startPaying, WEBHOOK_SECRET, until, addAddress, buyNow, getOrder, startPayment } from './lib/pay.mjs';
import { TEST_SECRET_KEY } from '../integration/stripe_fake.mjs';

let paying;
let fake;
let srv;
let browser; // Stripe.js's side: the publishable key only
let stripe; // the official SDK with the platform's secret key: the judge

before(async () => {
  paying = await startPaying();
  ({ fake, srv, browser } = paying);
  stripe = new Stripe(TEST_SECRET_KEY, fake.sdkOptions());
});
after(async () => {
  await paying?.stop();
});

/** A buy-now win of a new buyer from `seller` at `price` sen, paid by card: order and intent. */
async function paidOrder(seller, price) {
  const buyer = await registerUser(srv);
  await addAddress(srv, buyer);
  const order = await buyNow(srv, seller, buyer, price);
  const p = await startPayment(srv, buyer, order.id, { methods: ['card'] });
  const piId = p.client_secret.split('_secret_')[0];
  await browser.paymentIntents.confirm(piId, { payment_method: 'pm_card_visa', client_secret: p.client_secret });
  const paid = await until('the order to be paid', () => getOrder(srv, buyer, order.id), (o) => o.status === 'paid');
  return { buyer, order: paid, pi: fake.get(piId) };
}

const refund = (who, id, body) => api(srv, 'POST', `/api/v1/orders/${id}/refunds`, { token: who.access_token, body });
const refunds = async (who, id) => (await api(srv, 'GET', `/api/v1/orders/${id}/refunds`, { token: who.access_token })).json;
/** Deliver again, as Stripe retries, every event of `type` about `objectId` the fake sent. */
async function redeliver(type, objectId) {
  const sent = fake.deliveries.filter((d) => d.type === type && JSON.parse(d.body).data.object.id === objectId);
  assert.ok(sent.length > 0, `the fake delivered ${type}`);
  for (const d of sent) {
    const r = await fetch(fake.webhook.url, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': d.header }, body: d.body });
    assert.equal(r.status, 200);
  }
}

test('a seller refunds a paid order in part, then in full; refusals have stable codes; the SDK sees the refunds', async () => {
  const seller = await registerSeller(srv);
  const { buyer, order, pi } = await paidOrder(seller, 12000);
  assert.equal(order.paid, 12700); // the item and RM7.00 shipping

  const refused = [
    [buyer, { amount: 100, reason: 'damaged' }, 404, 'not_found'], // only the seller refunds
    [seller, { amount: 0, reason: 'damaged' }, 422, 'validation_failed'],
    [seller, { amount: -100, reason: 'damaged' }, 422, 'validation_failed'],
    [seller, { amount: 100, reason: 'because' }, 422, 'validation_failed'],
    [seller, { amount: 100 }, 422, 'validation_failed'],
    [seller, { amount: 12701, reason: 'damaged' }, 422, 'refund_exceeds_paid'],
  ];
  for (const [who, body, status, code] of refused) {
    const r = await refund(who, order.id, body);
    assert.equal(r.status, status, `${JSON.stringify(body)}: ${r.text}`);
    assert.equal(r.json.error.code, code);
  }
  assert.equal((await getOrder(srv, buyer, order.id)).refunded, 0, 'refusals change nothing');

  const part = await refund(seller, order.id, { amount: 2500, reason: 'damaged', note: 'Lid cracked in transit' });
  assert.equal(part.status, 202, part.text);
  assert.deepEqual([part.json.refund.amount, part.json.refund.reason, part.json.refund.note, part.json.refund.role], [2500, 'damaged', 'Lid cracked in transit', 'seller']);
  const done = await until('the refund to succeed', () => refunds(buyer, order.id), (x) => x.refunds[0]?.status === 'succeeded');
  assert.deepEqual([done.paid, done.refunded, done.refundable], [12700, 2500, 10200]);
  const re = [...fake.objects.values()].find((o) => o.object === 'refund' && o.metadata?.blytz_refund === part.json.refund.id);
  assert.ok(re, 'Stripe was asked for the refund, with our row in its metadata');
  const judged = await stripe.refunds.retrieve(re.id);
  assert.deepEqual([judged.amount, judged.payment_intent, judged.reason, judged.status], [2500, pi.id, 'requested_by_customer', 'succeeded']);
  assert.equal((await getOrder(srv, buyer, order.id)).status, 'paid', 'a partial refund keeps the order going');

  const rest = await refund(seller, order.id, { reason: 'buyer_request' });
  assert.equal(rest.status, 202, rest.text);
  assert.equal(rest.json.refund.amount, 10200, 'no amount: all that is left');
  const end = await until('the order to be refunded', () => getOrder(srv, buyer, order.id), (o) => o.status === 'refunded');
  assert.equal(end.refunded, 12700);
  assert.deepEqual(end.timeline.filter((s) => s.kind === 'refunded').map((s) => [s.amount, s.detail]), [[2500, 'damaged'], [10200, 'buyer_request']]);
  await until('both refunds to succeed', () => refunds(seller, order.id), (x) => x.refunds.every((r) => r.status === 'succeeded'));
  const charge = await stripe.charges.retrieve(pi.latest_charge);
  assert.deepEqual([charge.amount_refunded, charge.refunded], [12700, true]);
  const again = await refund(seller, order.id, { amount: 1, reason: 'other' });
  assert.equal(again.status, 409);
  assert.equal(again.json.error.code, 'order_state');
  const stranger = await registerUser(srv);
  assert.equal((await api(srv, 'GET', `/api/v1/orders/${order.id}/refunds`, { token: stranger.access_token })).status, 404);
  assert.deepEqual(fake.rejected, [], 'the fake refused nothing we sent');
});

test('an admin (granted on the machine) sees any order and refunds it; before the grant, and after the revoke, they cannot', async () => {
  const seller = await registerSeller(srv);
  const { buyer, order } = await paidOrder(seller, 6000);
  const ops = await registerUser(srv);
  const admin = (verb) => execFileSync(BIN, ['admin', verb, ops.email.toUpperCase()], { env: srv.env }).toString();
  const asOps = () => refund(ops, order.id, { amount: 1000, reason: 'buyer_request', note: 'goodwill' });
  assert.equal((await asOps()).status, 404, 'a stranger sees nothing');
  assert.match(admin('grant'), /is now an admin/);
  const seen = await api(srv, 'GET', `/api/v1/orders/${order.id}`, { token: ops.access_token });
  assert.equal(seen.status, 200, seen.text);
  const r = await asOps();
  assert.equal(r.status, 202, r.text);
  assert.equal(r.json.refund.role, 'admin');
  const listed = await until('the admin’s refund to go through', () => refunds(buyer, order.id), (x) => x.refunds[0]?.status === 'succeeded');
  assert.deepEqual([listed.refunded, listed.refunds[0].role, listed.refunds[0].note], [1000, 'admin', 'goodwill']);
  assert.match(admin('revoke'), /is no longer an admin/);
  assert.equal((await asOps()).status, 404);
  assert.throws(() => execFileSync(BIN, ['admin', 'grant', 'nobody@example.my'], { env: srv.env, stdio: 'pipe' }), /no account has that email/);
});

test('a refund that succeeded and then failed at the bank is given back to the order, once, and can be asked again', async () => {
  const seller = await registerSeller(srv);
  const { buyer, order } = await paidOrder(seller, 3000);
  const asked = await refund(seller, order.id, { reason: 'buyer_request' });
  assert.equal(asked.status, 202, asked.text);
  await until('the refund to succeed', () => refunds(seller, order.id), (x) => x.refunds[0]?.status === 'succeeded');
  assert.equal((await getOrder(srv, buyer, order.id)).status, 'refunded');
  const re = [...fake.objects.values()].find((o) => o.object === 'refund' && o.metadata?.blytz_refund === asked.json.refund.id);
  fake.failRefund(re.id); // the buyer's card was closed: the money came back to the platform
  const back = await until('the order to be paid again', () => getOrder(srv, buyer, order.id), (o) => o.status === 'paid');
  assert.equal(back.refunded, 0);
  assert.deepEqual(back.timeline.filter((s) => s.kind.startsWith('refund')).map((s) => [s.kind, s.amount]), [['refunded', 3700], ['refund_failed', 3700]]);
  const rows = await refunds(seller, order.id);
  assert.deepEqual([rows.refunds[0].status, rows.refundable], ['failed', 3700]);
  await redeliver('refund.failed', re.id);
  await redeliver('charge.refund.updated', re.id);
  assert.equal((await getOrder(srv, buyer, order.id)).timeline.filter((s) => s.kind === 'refund_failed').length, 1, 'given back once');
  const again = await refund(seller, order.id, { reason: 'buyer_request', note: 'Sent to your new card' });
  assert.equal(again.status, 202, again.text);
  assert.equal(again.json.refund.amount, 3700);
  await until('the order to be refunded again', () => getOrder(srv, buyer, order.id), (o) => o.status === 'refunded');
});

test('two refunds at once never take more than was paid', async () => {
  const seller = await registerSeller(srv);
  const { buyer, order } = await paidOrder(seller, 5000);
  const both = await Promise.all([3000, 3000].map((amount) => refund(seller, order.id, { amount, reason: 'out_of_stock' })));
  assert.deepEqual(both.map((r) => r.status).sort(), [202, 422], both.map((r) => r.text).join(' '));
  assert.equal(both.find((r) => r.status === 422).json.error.code, 'refund_exceeds_paid');
  const o = await getOrder(srv, buyer, order.id);
  assert.equal(o.refunded, 3000);
  assert.equal((await refunds(buyer, order.id)).refunds.length, 1);
});

test('a refund made in Stripe’s dashboard is recorded once, and what is left can still be refunded', async () => {
  const seller = await registerSeller(srv);
  const { buyer, order, pi } = await paidOrder(seller, 4000);
  await stripe.refunds.create({ payment_intent: pi.id, amount: 1000 }); // not through Blytz
  const seen = await until('the dashboard refund to be recorded', () => refunds(seller, order.id), (x) => x.refunds.length === 1);
  assert.deepEqual([seen.refunds[0].amount, seen.refunds[0].role, seen.refunds[0].status, seen.refunded], [1000, 'provider', 'succeeded', 1000]);
  await redeliver('charge.refunded', pi.latest_charge);
  assert.equal((await refunds(seller, order.id)).refunded, 1000, 'a second delivery counts nothing more');

  const rest = await refund(seller, order.id, { reason: 'other', note: 'Sorry' });
  assert.equal(rest.json.refund.amount, 3700);
  const end = await until('the order to be refunded', () => getOrder(srv, buyer, order.id), (o) => o.status === 'refunded');
  assert.equal(end.refunded, 4700);
  await until('our refund to succeed', () => refunds(seller, order.id), (x) => x.refunds.length === 2 && x.refunds[1].status === 'succeeded');
  await redeliver('charge.refunded', pi.latest_charge);
  const after = await refunds(seller, order.id);
  assert.deepEqual([after.refunds.length, after.refunded], [2, 4700], 'never counted twice');
});

test('a dispute holds the order and tells the seller; lost, the order is refunded; won, completed', async () => {
  const seller = await registerSeller(srv);
  const lost = await paidOrder(seller, 3000);
  const dp = fake.dispute(lost.pi.latest_charge);
  const held = await until('the order to be disputed', () => getOrder(srv, seller, lost.order.id), (o) => o.status === 'disputed');
  assert.ok(held.timeline.some((s) => s.kind === 'disputed'));
  const notes = (await api(srv, 'GET', '/api/v1/notifications', { token: seller.access_token })).json.notifications;
  const note = notes.find((n) => n.kind === 'order_disputed');
  assert.equal(note?.order_id, lost.order.id, 'the seller is told which order');
  const r = await refund(seller, lost.order.id, { amount: 100, reason: 'other' });
  assert.equal(r.status, 409, 'the bank decides a disputed order');
  await redeliver('charge.dispute.created', dp.id);
  fake.closeDispute(dp.id, 'lost');
  const gone = await until('the lost dispute to refund it', () => getOrder(srv, lost.buyer, lost.order.id), (o) => o.status === 'refunded');
  assert.equal(gone.refunded, gone.paid);
  await redeliver('charge.dispute.closed', dp.id);
  assert.equal((await getOrder(srv, seller, lost.order.id)).timeline.filter((s) => s.kind === 'dispute_lost').length, 1);

  const won = await paidOrder(seller, 3000);
  const dp2 = fake.dispute(won.pi.latest_charge);
  await until('the order to be disputed', () => getOrder(srv, seller, won.order.id), (o) => o.status === 'disputed');
  fake.closeDispute(dp2.id, 'won');
  const kept = await until('the won dispute to settle', () => getOrder(srv, seller, won.order.id), (o) => o.status !== 'disputed');
  assert.equal(kept.status, 'completed');
  assert.equal(kept.refunded, 0);
});

test('events about a charge that is not ours are acknowledged', async () => {
  const body = JSON.stringify({ id: 'evt_refund_unknown', object: 'event', type: 'charge.refunded', created: Math.floor(Date.now() / 1000), api_version: fake.version, livemode: false,
    data: { object: { id: 'ch_nobody', object: 'charge', amount: 5000, amount_captured: 5000, amount_refunded: 5000, currency: 'myr', payment_intent: 'pi_nobody', refunded: true } } });
  const header = stripe.webhooks.generateTestHeaderString({ payload: body, secret: WEBHOOK_SECRET });
  const r = await fetch(`${srv.url}/webhooks/stripe`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': header }, body });
  assert.equal(r.status, 200);
});
