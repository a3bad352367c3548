// Sellers paid through Stripe Connect, through the real server and the local fake Stripe
// (tests/integration/stripe_fake.mjs), the official SDK judging what the server made there:
// onboarding through the outbox (202, then poll for the account link), the link followed to
// the fake's onboarding and back to the web app, account.updated enabling payouts; a buyer's
// "I have received it", the order completed after the buyer-protection window and the share
// transferred with the order's transfer_group; payout.paid on the connected account; the
// payouts page's pending, available and paid amounts adding up to the sen at each step.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import Stripe from 'stripe';
import { api, registerUser, registerSeller, createShow, until } from './lib/harness.mjs';
import { startPaying } from './lib/pay.mjs';
import { startAuction } from './lib/live.mjs';
import { TEST_SECRET_KEY } from '../integration/stripe_fake.mjs';

let paying;
let fake;
let srv;
let browser; // Stripe.js's side: the publishable key only
let judge; // the official SDK with the platform's secret key: the judge

before(async () => {
  paying = await startPaying({ BLYTZ_PROTECTION_S: '2' });
  ({ fake, srv, browser } = paying);
  judge = new Stripe(TEST_SECRET_KEY, fake.sdkOptions());
});
after(async () => {
  await paying?.stop();
});

const payouts = async (seller) => {
  const r = await api(srv, 'GET', '/api/v1/sellers/me/payouts', { token: seller.access_token });
  assert.equal(r.status, 200, r.text);
  const s = r.json.sums;
  assert.equal(s.pending + s.available + s.paid_out, s.earned, 'the sums add up');
  return r.json;
};
const getOrder = async (who, id) => (await api(srv, 'GET', `/api/v1/orders/${id}`, { token: who.access_token })).json.order;

/** `buyer` buys a lot of `seller` at `price` and pays it by card, as Stripe.js would: the order. */
async function paidOrder(seller, buyer, price) {
  const a0 = await api(srv, 'POST', '/api/v1/users/me/addresses', {
    token: buyer.access_token,
    body: { name: 'Siti Aminah', phone: '019-876 5432', line1: '8 Jalan Bukit Bintang', city: 'Kuala Lumpur', state: 'Kuala Lumpur', postcode: '55100' },
  });
  assert.equal(a0.status, 201, a0.text);
  const { stream, productIds } = await createShow(srv, seller, { products: 1, live: true, price, weight: 500 });
  const a = await startAuction(srv, seller, stream.id, { product_id: productIds[0], starting_bid: 100, buy_now_price: price, duration_s: 60 });
  const bid = await api(srv, 'POST', `/api/v1/auctions/${a.id}/bids`, { token: buyer.access_token, body: { amount: price } });
  assert.equal(bid.status, 201, bid.text);
  const order = (await api(srv, 'GET', '/api/v1/orders', { token: buyer.access_token })).json.orders.find((o) => o.auction_id === a.id);
  const r = await api(srv, 'POST', `/api/v1/orders/${order.id}/checkout`, { token: buyer.access_token, body: { methods: ['card'] } });
  assert.equal(r.status, 202, r.text);
  const p = await until('the payment to open', async () => (await api(srv, 'GET', `/api/v1/payments/${r.json.payment.id}`, { token: buyer.access_token })).json.payment, (x) => x.status === 'open');
  const confirmed = await browser.paymentIntents.confirm(p.client_secret.split('_secret_')[0], { payment_method: 'pm_card_visa', client_secret: p.client_secret });
  assert.equal(confirmed.status, 'succeeded');
  return until('the order to be paid', () => getOrder(buyer, order.id), (o) => o.status === 'paid');
}

test('a seller connects a payout account: 202, the link by polling, the fake’s onboarding, account.updated', async () => {
  const buyer = await registerUser(srv);
  const no = await api(srv, 'POST', '/api/v1/sellers/me/payouts/onboarding', { token: buyer.access_token });
  assert.equal(no.status, 403, no.text);
  assert.equal(no.json.error.code, 'not_a_seller');

  const seller = await registerSeller(srv);
  const before0 = await payouts(seller);
  assert.equal(before0.account, null);
  assert.deepEqual(before0.sums, { pending: 0, available: 0, paid_out: 0, transferred: 0, earned: 0, currency: 'MYR' });

  const r = await api(srv, 'POST', '/api/v1/sellers/me/payouts/onboarding', { token: seller.access_token });
  assert.equal(r.status, 202, r.text);
  assert.equal(r.headers.get('cache-control'), 'no-store');
  assert.equal(r.json.onboarding.status, 'creating');
  assert.equal(r.json.onboarding.url, null);
  const ob = await until('the link', async () => (await api(srv, 'GET', `/api/v1/sellers/me/payouts/onboarding/${r.json.onboarding.id}`, { token: seller.access_token })).json.onboarding, (o) => o.status !== 'creating');
  assert.equal(ob.status, 'ready', JSON.stringify(ob));
  assert.ok(ob.url.startsWith(`${fake.url}/onboard/`), ob.url);
  const other = await api(srv, 'GET', `/api/v1/sellers/me/payouts/onboarding/${ob.id}`, { token: buyer.access_token });
  assert.equal(other.status, 404);

  // What the server made at Stripe, as the SDK reads it: an Express account in Malaysia.
  const acct = [...fake.objects.values()].find((o) => o.object === 'account' && o.metadata.blytz_seller === String(seller.user.id));
  assert.ok(acct, 'an account for the seller');
  const seen = await judge.accounts.retrieve(acct.id);
  assert.equal(seen.type, 'express');
  assert.equal(seen.country, 'MY');
  assert.equal(seen.email, seller.user.email);
  let st = await payouts(seller);
  assert.equal(st.account.connected, true);
  assert.equal(st.account.payouts_enabled, false);

  // A second request makes another link for the same account.
  const r2 = await api(srv, 'POST', '/api/v1/sellers/me/payouts/onboarding', { token: seller.access_token });
  await until('the second link', async () => (await api(srv, 'GET', `/api/v1/sellers/me/payouts/onboarding/${r2.json.onboarding.id}`, { token: seller.access_token })).json.onboarding, (o) => o.status === 'ready');
  assert.equal([...fake.objects.values()].filter((o) => o.object === 'account' && o.metadata.blytz_seller === String(seller.user.id)).length, 1, 'one account');

  // The seller follows the link: onboarding done, back to the web app's payouts page.
  const back = await fetch(ob.url, { redirect: 'manual' });
  assert.equal(back.status, 302);
  assert.ok(back.headers.get('location').endsWith('/studio/payouts?onboarding=done'), back.headers.get('location'));
  st = await until('payouts enabled', () => payouts(seller), (p) => p.account.payouts_enabled);
  assert.equal(st.account.details_submitted, true);
  assert.deepEqual(st.account.requirements_due, [], 'nothing more is due');
  assert.deepEqual(fake.rejected, [], 'the fake refused nothing we sent');
});

test('received, completed after the window, the share transferred; a payout; the sums add up', async () => {
  const seller = await registerSeller(srv);
  const r = await api(srv, 'POST', '/api/v1/sellers/me/payouts/onboarding', { token: seller.access_token });
  const ob = await until('the link', async () => (await api(srv, 'GET', `/api/v1/sellers/me/payouts/onboarding/${r.json.onboarding.id}`, { token: seller.access_token })).json.onboarding, (o) => o.status === 'ready');
  await fetch(ob.url, { redirect: 'manual' });
  await until('payouts enabled', () => payouts(seller), (p) => p.account?.payouts_enabled);

  const buyer = await registerUser(srv);
  const order = await paidOrder(seller, buyer, 10000);
  const share = order.paid - 1000; // 10 % commission on the items only
  let st = await payouts(seller);
  assert.equal(st.sums.pending, share);
  assert.equal(st.sums.available, 0);

  const bySeller = await api(srv, 'POST', `/api/v1/orders/${order.id}/received`, { token: seller.access_token });
  assert.equal(bySeller.status, 403, bySeller.text);
  assert.equal(bySeller.json.error.code, 'only_buyer');
  const got = await api(srv, 'POST', `/api/v1/orders/${order.id}/received`, { token: buyer.access_token });
  assert.equal(got.status, 200, got.text);
  assert.equal(got.json.order.status, 'delivered');
  assert.deepEqual(got.json.order.timeline.map((s) => s.kind), ['payment_started', 'paid', 'delivered']);
  const again = await api(srv, 'POST', `/api/v1/orders/${order.id}/received`, { token: buyer.access_token });
  assert.equal(again.status, 409, again.text);
  assert.equal(again.json.error.code, 'order_state');
  assert.equal((await payouts(seller)).sums.pending, share, 'not before the window is over');

  st = await until('the share sent', () => payouts(seller), (p) => p.transfers[0]?.status === 'sent');
  assert.equal((await getOrder(buyer, order.id)).status, 'completed');
  const t = st.transfers[0];
  assert.equal(t.order_id, order.id);
  assert.equal(t.amount, share);
  assert.deepEqual(st.sums, { pending: 0, available: share, paid_out: 0, transferred: share, earned: share, currency: 'MYR' });
  const tr = await judge.transfers.retrieve(t.transfer_id);
  assert.equal(tr.amount, share);
  assert.equal(tr.currency, 'myr');
  assert.equal(tr.transfer_group, `order_${order.id}`);
  assert.equal(tr.metadata.blytz_order, order.id);
  const acct = await judge.accounts.retrieve(tr.destination);
  assert.equal(acct.metadata.blytz_seller, String(seller.user.id));
  const charge = await judge.charges.retrieve(tr.source_transaction);
  assert.equal(charge.amount, order.paid, 'the share comes out of the order’s charge');

  // Stripe pays part of the balance out to the seller's bank.
  const po = fake.payout(acct.id, 4000);
  st = await until('the payout', () => payouts(seller), (p) => p.payouts.length === 1);
  assert.equal(st.payouts[0].payout_id, po.id);
  assert.equal(st.payouts[0].amount, 4000);
  assert.deepEqual(st.sums, { pending: 0, available: share - 4000, paid_out: 4000, transferred: share, earned: share, currency: 'MYR' });
  const seenPo = await judge.payouts.retrieve(po.id, {}, { stripeAccount: acct.id });
  assert.equal(seenPo.status, 'paid');

  // The seller refunds half the item after the transfer: the buyer gets RM 50 back and the
  // seller's account gives back the share of it (checkout_reversal: half up, of the share).
  const ref = await api(srv, 'POST', `/api/v1/orders/${order.id}/refunds`, { token: seller.access_token, body: { amount: 5000, reason: 'damaged' } });
  assert.equal(ref.status, 202, ref.text);
  const reversal = Math.round((share * 5000) / order.paid);
  const reversed = await until('the reversal', () => judge.transfers.retrieve(t.transfer_id), (x) => x.amount_reversed > 0);
  assert.equal(reversed.amount_reversed, reversal, 'the share of the refund, once');
  st = await until('the sums after the reversal', () => payouts(seller), (p) => p.sums.earned === share - reversal);
  assert.equal(st.sums.pending + st.sums.available + st.sums.paid_out, st.sums.earned);
  assert.equal(st.sums.available, share - reversal - 4000);
  assert.deepEqual(fake.rejected, [], 'the fake refused nothing we sent');
});
