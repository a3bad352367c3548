// Accessibility audit with axe-core (WCAG 2.0/2.1 A and AA rules) on the main pages, as
// an anonymous visitor and as a signed-in buyer in a live show with bids: no serious or
// critical violation. Plus keyboard checks: the skip link, visible focus, and bidding
// reachable with the keyboard alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newContext, newPage, until } from './lib/web.mjs';
import { audit } from './lib/axe.mjs';
import { usePopulated } from './lib/fixture.mjs';

const env = usePopulated();

/** Wait for a page's own content, not just the shell. */
const ready = {
  home: (p) => p.getByRole('heading', { name: 'Live now' }).waitFor().then(() => until(p, 'cards', () => document.querySelectorAll('.card').length > 0)),
  search: (p) => until(p, 'results', () => document.querySelectorAll('.card').length > 0),
  product: (p) => p.locator('.price').waitFor(),
  seller: (p) => p.getByRole('heading', { name: 'Products' }).waitFor(),
  show: (p) => p.locator('.bid-list li').first().waitFor().then(() => p.locator('.chat-line').first().waitFor()),
  signin: (p) => p.getByRole('button', { name: 'Sign in' }).waitFor(),
  signup: (p) => p.getByRole('button', { name: 'Create account' }).waitFor(),
  account: (p) => p.getByText(/Committed in the current window/).waitFor(),
  orders: (p) => p.getByText(/No orders yet/).waitFor(),
  studio: (p) => p.getByRole('heading', { name: 'Become a seller' }).waitFor(),
};

for (const [who, names] of [['visitor', ['home', 'search', 'product', 'seller', 'show', 'signin', 'signup']], ['buyer', ['home', 'product', 'show', 'account', 'orders', 'studio']]]) {
  test(`no serious or critical axe violations (${who})`, { timeout: 120000 }, async () => {
    const ctx = await newContext(env.browser, env.srv, who === 'buyer' ? { session: env.fx.buyer } : {});
    const page = await newPage(ctx);
    const report = [];
    for (const name of names) {
      await page.goto(env.fx.pages[name]);
      await ready[name](page);
      for (const v of await audit(page)) report.push(`${name}: ${v}`);
      // Show covers are real pictures (the fixture's show has one) with alt text.
      if (name === 'home' || name === 'show') {
        const covers = await page.locator('img.video-img, .stream-card img').evaluateAll((els) => els.map((e) => e.getAttribute('alt')));
        if (!covers.length) report.push(`${name}: no show cover picture`);
        for (const alt of covers) if (!alt?.trim()) report.push(`${name}: a show cover without alt text`);
      }
    }
    assert.deepEqual(report, [], `violations:\n${report.join('\n')}`);
    assert.deepEqual(ctx.errors, []);
    await ctx.close();
  });
}

test('keyboard: skip link, visible focus, and a bid placed without the mouse', { timeout: 60000 }, async () => {
  const ctx = await newContext(env.browser, env.srv, { session: env.fx.rival });
  const page = await newPage(ctx);
  await page.goto(env.fx.pages.show);
  await page.locator('.bid-list li').first().waitFor();
  await page.keyboard.press('Tab');
  const skip = await page.evaluate(() => ({ text: document.activeElement.textContent, visible: document.activeElement.getBoundingClientRect().left >= 0 }));
  assert.deepEqual(skip, { text: 'Skip to content', visible: true });
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => location.hash), '#main');

  // Tab to the custom bid field, type, submit with Enter: the rival (leading at RM 3) is
  // not allowed to outbid themselves, so the buyer's view is used instead below.
  const buyerCtx = await newContext(env.browser, env.srv, { session: env.fx.buyer });
  const buyer = await newPage(buyerCtx);
  await buyer.goto(env.fx.pages.show);
  await buyer.getByRole('button', { name: /^Hold to bid RM/ }).waitFor();
  let found = false;
  for (let i = 0; i < 60 && !found; i++) {
    await buyer.keyboard.press('Tab');
    // The own-amount form is behind a disclosure: open it with Enter when Tab reaches it.
    if (await buyer.evaluate(() => document.activeElement?.tagName === 'SUMMARY' && !document.activeElement.parentElement.open)) await buyer.keyboard.press('Enter');
    found = await buyer.evaluate(() => document.activeElement?.labels?.[0]?.textContent === 'Your bid (RM)');
    if (!found) continue;
    const outline = await buyer.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, 'none', 'focus is visible');
  }
  assert.ok(found, 'the bid field is reachable with Tab');
  await buyer.keyboard.type('4');
  await buyer.keyboard.press('Enter');
  await buyer.getByTestId('standing').filter({ hasText: "You're the highest bidder" }).waitFor();
  await page.getByTestId('current-bid').filter({ hasText: 'RM 4.00' }).waitFor();
  await ctx.close();
  await buyerCtx.close();
});
