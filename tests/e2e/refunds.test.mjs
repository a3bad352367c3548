// Refunds in the browser, against the local fake Stripe (lib/payments.mjs): a seller refunds a
// paid sale in part (an amount in RM, a reason, a note) and then all that is left from the
// order's page; the buyer sees "Refunded RM …" on the order and in the list, and a disputed
// order says so to both. Phone and desktop sizes: screenshots, layout and axe-core. The API
// and the fake, not the page, say what was refunded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Stripe from 'stripe';
import { api, registerSeller, registerUser } from '../api/lib/harness.mjs';
import { addAddress, buyNow, getOrder, startPayment, until } from '../api/lib/pay.mjs';
import { TEST_PUBLISHABLE_KEY } from '../integration/stripe_fake.mjs';
import { audit } from './lib/axe.mjs';
import { layoutProblems, newContext, newPage, shotPath } from './lib/web.mjs';
import { usePaymentsServer } from './lib/payments.mjs';

const env = usePaymentsServer();
const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 800 };

/** A buy-now win of a new buyer from `seller`, paid by card (as Stripe.js would confirm it). */
async function paidOrder(seller, price) {
  const buyer = await registerUser(env.srv);
  await addAddress(env.srv, buyer);
  const order = await buyNow(env.srv, seller, buyer, price);
  const p = await startPayment(env.srv, buyer, order.id, { methods: ['card'] });
  const js = new Stripe(TEST_PUBLISHABLE_KEY, env.fake.sdkOptions());
  await js.paymentIntents.confirm(p.client_secret.split('_secret_')[0], { payment_method: 'pm_card_visa', client_secret: p.client_secret });
  const paid = await until('the order to be paid', () => getOrder(env.srv, buyer, order.id), (o) => o.status === 'paid');
  return { buyer, order: paid };
}

async function pageAs(who, viewport) {
  const ctx = await newContext(env.browser, env.srv, { session: who, viewport });
  return { ctx, page: await newPage(ctx) };
}

async function look(page, name, viewport, selectors, problems) {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: shotPath(`${name}-${viewport.width}`), fullPage: true });
  problems.push(...(await layoutProblems(page, `${name} (${viewport.width})`, selectors, viewport.width)));
  for (const v of await audit(page)) problems.push(`${name} (${viewport.width}): ${v}`);
}

test('a seller refunds a paid sale in part, then in full; the buyer sees what came back', { timeout: 120000 }, async () => {
  const seller = await registerSeller(env.srv);
  const { buyer, order } = await paidOrder(seller, 12000);
  assert.equal(order.paid, 12700);
  const problems = [];

  for (const viewport of [DESKTOP, PHONE]) {
    const { ctx, page } = await pageAs(seller, viewport);
    try {
      await page.goto(`/orders/${order.id}`);
      const form = page.getByRole('form', { name: 'Refund this order' });
      await form.waitFor();
      if (viewport === DESKTOP) {
        await assert.doesNotReject(form.getByText('Refundable: RM 127.00').waitFor());
        await page.getByLabel('Part of it').check();
        await page.getByLabel('Amount to refund (RM)').fill('200');
        await page.getByRole('button', { name: 'Refund', exact: true }).click(); // more than is left: refused before sending
        await page.getByText('At most RM 127.00 is left to refund.').waitFor();
        await page.getByLabel('Amount to refund (RM)').fill('25');
        await page.getByLabel('Reason').selectOption('damaged');
        await page.getByLabel('Note for the buyer').fill('The lid arrived cracked, sorry');
        await page.getByRole('button', { name: 'Refund RM 25.00' }).click();
        await page.getByText('Refund of RM 25.00 on its way to the buyer.').waitFor();
        await page.locator('.refund-list li[data-refund-status="succeeded"]').waitFor();
        await form.getByText('Refundable: RM 102.00').waitFor();
        await look(page, 'refund-seller-partial', viewport, ['.refund-form', '.refund-list', '.timeline'], problems);
      } else {
        await form.getByText('Refundable: RM 102.00').waitFor();
        await look(page, 'refund-seller-form', viewport, ['.refund-form', '.refund-list'], problems);
        await page.getByRole('button', { name: 'Refund RM 102.00' }).click(); // all that is left
        await page.getByText('Refund of RM 102.00 on its way to the buyer.').waitFor();
        await page.locator('.order-state .status.refunded').waitFor();
        await page.locator('.refund-list li[data-refund-status="succeeded"]').nth(1).waitFor();
        assert.equal(await form.count(), 0, 'nothing is left to refund');
      }
    } finally {
      await ctx.close();
    }
  }
  const done = await until('both refunds to succeed', async () => (await api(env.srv, 'GET', `/api/v1/orders/${order.id}/refunds`, { token: buyer.access_token })).json, (x) => x.refunds.length === 2 && x.refunds.every((r) => r.status === 'succeeded'));
  assert.deepEqual(done.refunds.map((r) => [r.amount, r.reason]), [[2500, 'damaged'], [10200, 'out_of_stock']]);
  const charge = [...env.fake.objects.values()].find((o) => o.object === 'charge' && o.amount === 12700 && o.amount_refunded === 12700);
  assert.ok(charge, 'Stripe refunded the whole charge, in two refunds');

  for (const viewport of [PHONE, DESKTOP]) {
    const { ctx, page } = await pageAs(buyer, viewport);
    try {
      await page.goto(`/orders/${order.id}`);
      await page.locator('.sums').getByText('RM 127.00').first().waitFor();
      await page.locator('.timeline').getByText('Refunded RM 25.00: Damaged').waitFor();
      await page.locator('.refund-list').getByText('The lid arrived cracked, sorry').waitFor();
      assert.equal(await page.getByRole('form', { name: 'Refund this order' }).count(), 0, 'a buyer cannot refund');
      await look(page, 'refund-buyer-order', viewport, ['.sums', '.refund-list', '.timeline'], problems);
      await page.goto('/orders');
      await page.locator(`.order[data-order-id="${order.id}"] .refunded`).getByText('Refunded RM 127.00').waitFor();
      await look(page, 'refund-buyer-list', viewport, [`.order[data-order-id="${order.id}"]`], problems);
    } finally {
      await ctx.close();
    }
  }
  assert.deepEqual(problems, []);
});

test('a disputed order says so to the buyer and to the seller, who is notified', { timeout: 120000 }, async () => {
  const seller = await registerSeller(env.srv);
  const { buyer, order } = await paidOrder(seller, 3000);
  const pi = [...env.fake.objects.values()].find((o) => o.object === 'payment_intent' && o.metadata?.blytz_payment === order.payment_id);
  env.fake.dispute(pi.latest_charge);
  await until('the order to be disputed', () => getOrder(env.srv, buyer, order.id), (o) => o.status === 'disputed');
  const problems = [];
  for (const [who, text] of [[buyer, 'Your bank is looking into this payment.'], [seller, 'the payout is held until the bank decides']]) {
    const { ctx, page } = await pageAs(who, PHONE);
    try {
      await page.goto(`/orders/${order.id}`);
      await page.locator('.order-state .status.disputed').getByText('Disputed').waitFor();
      await page.getByText(text).waitFor();
      assert.equal(await page.getByRole('form', { name: 'Refund this order' }).count(), 0, 'no refund while the bank decides');
      await look(page, `dispute-${who === buyer ? 'buyer' : 'seller'}`, PHONE, ['.order-state', '.notice'], problems);
      if (who === seller) {
        await page.goto('/account');
        await page.locator(`a[href="/orders/${order.id}"]`).waitFor();
      }
    } finally {
      await ctx.close();
    }
  }
  assert.deepEqual(problems, []);
});
