// A seller's payouts in the browser, against the local fake Stripe (lib/payments.mjs): the
// studio's Payouts page connects a payout account (the server's link polled for, then the
// fake's onboarding page and back to the studio), a buyer says "I have received it" on the
// order, the order completes after the (short) buyer-protection window and its share is
// transferred, Stripe pays part of it out, and the page shows pending, available and paid
// amounts that add up, the transfer and the payout. Both pages at phone and desktop sizes:
// screenshots, layout and axe-core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Stripe from 'stripe';
import { api, registerSeller, registerUser, until } from '../api/lib/harness.mjs';
import { audit } from './lib/axe.mjs';
import { bidApi, layoutProblems, liveShow, newContext, newPage, shotPath } from './lib/web.mjs';
import { usePaymentsServer } from './lib/payments.mjs';
import { TEST_PUBLISHABLE_KEY } from '../integration/stripe_fake.mjs';

const env = usePaymentsServer({ serverEnv: () => ({ BLYTZ_PROTECTION_S: '2' }) });

const rm = (sen) => `RM ${Math.floor(sen / 100).toLocaleString('en-MY')}.${String(sen % 100).padStart(2, '0')}`;

async function pageAs(who, viewport) {
  const ctx = await newContext(env.browser, env.srv, { session: who, ...(viewport ? { viewport } : {}) });
  const page = await newPage(ctx);
  page.on('dialog', (d) => d.accept());
  return { ctx, page };
}

const payouts = async (seller) => (await api(env.srv, 'GET', '/api/v1/sellers/me/payouts', { token: seller.access_token })).json;
const order = async (who, id) => (await api(env.srv, 'GET', `/api/v1/orders/${id}`, { token: who.access_token })).json.order;

/** `buyer` wins a lot of `seller` at `price` and pays it by card through the API, as Stripe.js
 * would confirm it: the paid order. */
async function paidWin(seller, buyer, price) {
  const a = await api(env.srv, 'POST', '/api/v1/users/me/addresses', {
    token: buyer.access_token,
    body: { name: 'Aminah binti Ali', phone: '012-345 6789', line1: '8 Jalan Damai', city: 'Shah Alam', state: 'Selangor', postcode: '40000' },
  });
  assert.equal(a.status, 201, a.text);
  const { auction } = await liveShow(env.srv, seller, { title: 'Jam Dinding Antik', auction: { buy_now_price: price, duration_s: 120 } });
  await bidApi(env.srv, buyer, auction.id, price);
  const o = (await api(env.srv, 'GET', '/api/v1/orders', { token: buyer.access_token })).json.orders.find((x) => x.auction_id === auction.id);
  const r = await api(env.srv, 'POST', `/api/v1/orders/${o.id}/checkout`, { token: buyer.access_token, body: { methods: ['card'] } });
  assert.equal(r.status, 202, r.text);
  const p = await until('the payment to open', async () => (await api(env.srv, 'GET', `/api/v1/payments/${r.json.payment.id}`, { token: buyer.access_token })).json.payment, (x) => x.status === 'open');
  const stripe = new Stripe(TEST_PUBLISHABLE_KEY, env.fake.sdkOptions());
  await stripe.paymentIntents.confirm(p.client_secret.split('_secret_')[0], { payment_method: 'pm_card_visa', client_secret: p.client_secret });
  return until('the order to be paid', () => order(buyer, o.id), (x) => x.status === 'paid');
}

test('payouts: connect through Stripe’s onboarding, "I have received it", the share transferred and paid out; both sizes pass axe', { timeout: 180000 }, async () => {
  const seller = await registerSeller(env.srv);
  const buyer = await registerUser(env.srv);
  const { ctx: sctx, page: sp } = await pageAs(seller);

  await sp.goto('/studio');
  await sp.getByRole('link', { name: 'Payouts' }).click();
  await sp.waitForURL('**/studio/payouts');
  await sp.getByText('No payout account yet').waitFor();
  await sp.getByRole('button', { name: 'Connect a payout account' }).click();
  // The fake's onboarding page finishes at once and sends the seller back to the studio.
  await sp.waitForURL('**/studio/payouts?onboarding=done');
  await sp.getByRole('status').filter({ hasText: 'Stripe is checking your details' }).waitFor();
  await until('payouts enabled', () => payouts(seller), (p) => p.account?.payouts_enabled);
  await sp.reload();
  await sp.getByText('Payouts enabled').waitFor();
  assert.equal(await sp.getByRole('button', { name: 'Connect a payout account' }).count(), 0);

  const o = await paidWin(seller, buyer, 5000);
  const share = o.paid - 500; // 10 % of the item
  const { ctx: bctx, page: bp } = await pageAs(buyer);
  await bp.goto(`/orders/${o.id}`);
  await bp.getByRole('button', { name: 'I have received it' }).click();
  await bp.locator('.order-state .status.delivered').waitFor();
  await bp.getByText('Received by the buyer').waitFor();

  await until('the share sent', () => payouts(seller), (p) => p.transfers[0]?.status === 'sent');
  const acct = [...env.fake.objects.values()].find((x) => x.object === 'account' && x.metadata.blytz_seller === String(seller.user.id));
  env.fake.payout(acct.id, 1000);
  await until('the payout', () => payouts(seller), (p) => p.payouts.length === 1);
  await sp.reload();
  const sums = sp.locator('.payout-sums');
  await sums.locator('[data-sum="paid_out"]').filter({ hasText: rm(1000) }).waitFor();
  assert.equal(await sums.locator('[data-sum="pending"]').innerText(), rm(0));
  assert.equal(await sums.locator('[data-sum="available"]').innerText(), rm(share - 1000));
  assert.equal(await sums.locator('[data-sum="earned"]').innerText(), rm(share));
  await sp.locator('.transfers li', { hasText: 'Sent' }).filter({ hasText: rm(share) }).waitFor();
  await sp.locator('.payouts-list li', { hasText: rm(1000) }).waitFor();
  assert.deepEqual(env.fake.rejected, []);
  for (const ctx of [sctx, bctx]) {
    assert.deepEqual(ctx.errors, []);
    await ctx.close();
  }

  // Both pages at both sizes; a second paid order shows the button the buyer presses.
  const other = await paidWin(seller, buyer, 2500);
  const problems = [];
  for (const [label, viewport] of [['desktop', { width: 1280, height: 800 }], ['phone', { width: 360, height: 740 }]]) {
    const look = async (page, name, selectors) => {
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({ path: shotPath(`${name}-${label}`), fullPage: true });
      problems.push(...(await layoutProblems(page, `${name} (${label})`, selectors, viewport.width)));
      for (const v of await audit(page)) problems.push(`${name} (${label}): ${v}`);
    };
    const s = await pageAs(seller, viewport);
    await s.page.goto('/studio/payouts');
    await s.page.locator('.payout-sums').waitFor();
    await look(s.page, 'payouts', ['h1', '.payout-sums .total', '.transfers li', '.payouts-list li']);
    await s.ctx.close();
    const b = await pageAs(buyer, viewport);
    await b.page.goto(`/orders/${other.id}`);
    await b.page.getByRole('button', { name: 'I have received it' }).waitFor();
    await look(b.page, 'order-received', ['h1', '.received button', '.sums .total']);
    await b.ctx.close();
  }
  assert.deepEqual(problems, []);
});
