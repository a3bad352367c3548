// A seller's plan in the browser, against the local fake Stripe through the Stripe.js
// stand-in: the plans with their price a month and commission, a paid plan chosen and its
// first invoice paid in the Payment Element (a declined card first), the plan's state as it
// moves (renews on, payment failed — fix it by, ends on after a cancel), and the page at phone
// and desktop sizes: screenshots, layout and axe-core. The server says when the plan is paid.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Stripe from 'stripe';
import { api, registerSeller } from '../api/lib/harness.mjs';
import { TEST_SECRET_KEY } from '../integration/stripe_fake.mjs';
import { audit } from './lib/axe.mjs';
import { layoutProblems, newContext, newPage, shotPath } from './lib/web.mjs';
import { usePaymentsServer } from './lib/payments.mjs';

const env = usePaymentsServer({
  serverEnv: async (fake) => {
    const price = await new Stripe(TEST_SECRET_KEY, fake.sdkOptions()).prices.create({ currency: 'myr', unit_amount: 4900, recurring: { interval: 'month' }, product_data: { name: 'Blytz Pro' } });
    return { BLYTZ_PLANS: `free:0:1000,pro:${price.id}:500:4900` };
  },
});

async function pageAs(who, viewport) {
  const ctx = await newContext(env.browser, env.srv, { session: who, ...(viewport ? { viewport } : {}) });
  const page = await newPage(ctx);
  page.on('dialog', (d) => d.accept());
  return { ctx, page };
}

async function payByCard(page, number) {
  await page.getByLabel('Card number').fill(number);
  await page.getByLabel('Expiry date').fill('12 / 34');
  await page.getByLabel('Security code').fill('123');
  await page.getByRole('button', { name: 'Pay and subscribe' }).click();
}

async function planWhen(who, pred, what) {
  for (let i = 0; ; i++) {
    const r = await api(env.srv, 'GET', '/api/v1/sellers/me/plan', { token: who.access_token });
    if (r.status === 200 && pred(r.json.plan)) return r.json.plan;
    if (i === 300) assert.fail(`timed out waiting until ${what}; last: ${r.text}`);
    await new Promise((res) => setTimeout(res, 100));
  }
}

const subOf = (s) => [...env.fake.objects.values()].find((o) => o.object === 'subscription' && o.metadata.blytz_seller === s.user.id);

test('a seller picks Pro, pays it with a card (after a decline), sees it renew, a failed renewal to fix, and cancels', { timeout: 120000 }, async () => {
  const seller = await registerSeller(env.srv);
  const { ctx, page } = await pageAs(seller);
  await page.goto('/studio');
  await page.getByRole('link', { name: 'Plan', exact: true }).click();
  await page.getByRole('heading', { name: 'Your plan' }).waitFor();
  await page.getByText('Blytz takes 10% of each sale').waitFor();
  const pro = page.locator('.plans li', { hasText: 'Pro' });
  await pro.getByText('RM 49.00').waitFor();
  await pro.getByText('5% commission on each sale').waitFor();

  await pro.getByRole('button', { name: 'Choose Pro' }).click();
  await payByCard(page, '4000 0000 0000 0002'); // declined
  await page.getByRole('alert').filter({ hasText: 'Your bank declined this card' }).waitFor();
  assert.equal((await planWhen(seller, () => true)).status, 'incomplete');
  await payByCard(page, '4242 4242 4242 4242');
  await page.getByRole('status').filter({ hasText: 'You are on the Pro plan now: Blytz takes 5% of each sale.' }).waitFor();
  const plan = await planWhen(seller, (p) => p.status === 'active', 'active');
  await page.getByText(/It renews on/).waitFor();
  assert.equal(plan.commission_bp, 500);

  env.fake.renewal(subOf(seller).id, { fail: true });
  await planWhen(seller, (p) => p.status === 'past_due', 'past_due');
  await page.reload();
  await page.getByRole('alert').filter({ hasText: 'Payment failed — fix it by' }).waitFor();

  env.fake.renewal(subOf(seller).id); // paid on the retry
  await planWhen(seller, (p) => p.status === 'active', 'active again');
  await page.reload();
  await page.getByRole('button', { name: 'Cancel my plan' }).click();
  await page.getByRole('status').filter({ hasText: 'Cancelled: your plan ends on' }).waitFor();
  assert.equal((await planWhen(seller, (p) => p.cancel_at_period_end, 'cancelled')).status, 'active');
  await page.getByText(/then you are on the free plan/).waitFor();
  assert.deepEqual(env.fake.rejected.filter((r) => !r.expected), []);
  assert.deepEqual(ctx.errors, []);
  await ctx.close();
});

test('the plan page lays out at phone and desktop sizes and passes axe', { timeout: 120000 }, async () => {
  const problems = [];
  for (const [label, viewport] of [['desktop', { width: 1280, height: 800 }], ['phone', { width: 360, height: 740 }]]) {
    const seller = await registerSeller(env.srv);
    const { ctx, page } = await pageAs(seller, viewport);
    const look = async (name, selectors) => {
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({ path: shotPath(`${name}-${label}`), fullPage: true });
      problems.push(...(await layoutProblems(page, `${name} (${label})`, selectors, viewport.width)));
      for (const v of await audit(page)) problems.push(`${name} (${label}): ${v}`);
    };
    await page.goto('/studio/plan');
    await page.locator('.plans li').nth(1).waitFor();
    await look('plan-free', ['h1', '.plans li', '.plans button']);
    await page.getByRole('button', { name: 'Choose Pro' }).click();
    await page.getByLabel('Card number').waitFor();
    await look('plan-pay', ['h1', '.pay-element', '.pay-form button[type="submit"]']);
    await payByCard(page, '4242 4242 4242 4242');
    await page.getByText(/It renews on/).waitFor();
    await look('plan-pro', ['h1', '.plans li.current', 'main button']);
    assert.deepEqual(ctx.errors, []);
    await ctx.close();
  }
  assert.deepEqual(problems, [], problems.join('\n'));
});
