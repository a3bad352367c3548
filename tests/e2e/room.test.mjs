// The video-first show room at phone (360×740) and desktop (1280×800) sizes: one screen
// with the picture, the chat over it (phone) or beside it (desktop), the lot card with a
// large countdown that turns urgent under 10 s, and the bid control within reach and never
// over the chat input; no horizontal overflow; axe-core clean. And the truth told later:
// an ended show's lineup and a sold product give the final price, the winner's name only
// when they allow it, and no replay player when there is no replay. Screenshots go to
// test-results/e2e/ (not committed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, registerSeller, registerUser } from '../api/lib/harness.mjs';
import { bidApi, liveShow, newContext, newPage, shotPath, until, useServerAndBrowser } from './lib/web.mjs';
import { audit } from './lib/axe.mjs';

let srv;
let browser;
useServerAndBrowser((env) => ({ srv, browser } = env));

const sizes = [
  ['phone', { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }],
  ['desktop', { viewport: { width: 1280, height: 800 } }],
];

const overlap = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Layout facts of the room as the page shows it, without scrolling. */
async function layout(page) {
  return page.evaluate(() => {
    const box = (s) => {
      const e = document.querySelector(s);
      if (!e) return null;
      const r = e.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    };
    const cd = document.querySelector('.countdown');
    return {
      scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth,
      vh: window.innerHeight, scrollY: window.scrollY,
      screen: box('.room-screen'), stage: box('.video-stage'), lot: box('.lot'), chat: box('.chat'),
      chatInput: box('.chat-form'), bid: box('.bid-row'), countdown: box('.countdown'),
      countdownPx: cd ? parseFloat(getComputedStyle(cd).fontSize) : 0,
    };
  });
}

for (const [label, opts] of sizes) {
  test(`the room is one screen at ${label} size: picture, chat, lot, countdown and bid control`, { timeout: 90000 }, async () => {
    const seller = await registerSeller(srv);
    const buyer = await registerUser(srv);
    const rival = await registerUser(srv);
    const { auction } = await liveShow(srv, seller, { products: 3, auction: { duration_s: 120, buy_now_price: 20000 } });
    await bidApi(srv, rival, auction.id, 300);
    for (const text of ['Selamat malam!', 'Is the lens included?', 'Boleh COD?']) {
      await api(srv, 'POST', `/api/v1/streams/${auction.stream_id}/chat`, { token: rival.access_token, body: { text } });
    }
    const ctx = await newContext(browser, srv, { session: buyer, ...opts });
    const page = await newPage(ctx);
    await page.goto(`/s/${auction.stream_id}`);
    await page.locator('.chat-line', { hasText: 'Boleh COD?' }).waitFor();
    await page.getByTestId('bid-hold').filter({ hasText: 'Hold to bid RM 4.00' }).waitFor();
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: shotPath(`room-${label}`) });
    const l = await layout(page);
    const problems = [];
    if (l.scrollWidth > l.clientWidth) problems.push(`horizontal overflow ${l.scrollWidth} > ${l.clientWidth}`);
    // Everything that matters is on the first screen, unscrolled.
    for (const k of ['stage', 'lot', 'chatInput', 'bid', 'countdown']) {
      const b = l[k];
      if (!b) problems.push(`${k} missing`);
      else if (b.y < 0 || b.y + b.height > l.vh + 0.5 || b.x < 0 || b.x + b.width > l.clientWidth + 0.5) problems.push(`${k} not on the first screen: ${JSON.stringify(b)}`);
    }
    if (overlap(l.bid, l.chatInput)) problems.push(`bid control ${JSON.stringify(l.bid)} overlaps the chat input ${JSON.stringify(l.chatInput)}`);
    if (l.countdownPx < 32) problems.push(`countdown ${l.countdownPx}px: too small to read at arm's length`);
    if (l.bid.height < 44) problems.push(`bid control ${l.bid.height}px tall`);
    if (label === 'phone') {
      // The picture fills the screen; chat and lot card lie over its lower part, the bid control lowest.
      if (l.stage.height < l.vh * 0.75) problems.push(`picture ${l.stage.height}px of ${l.vh}`);
      if (!(overlap(l.chat, l.stage) && overlap(l.lot, l.stage))) problems.push('chat and lot card are not over the picture');
      if (l.bid.y < l.chatInput.y) problems.push('the bid control is above the chat input, out of thumb reach');
      if (l.bid.y + l.bid.height < l.vh * 0.75) problems.push(`bid control at ${l.bid.y}: not in the lower quarter`);
    } else {
      if (!(l.stage.x + l.stage.width <= l.chat.x)) problems.push('the chat is not beside the picture');
      if (l.bid.y + l.bid.height > 800) problems.push('the bid panel is below the fold');
    }
    for (const v of await audit(page)) problems.push(`axe: ${v}`);
    assert.deepEqual(problems, []);
    assert.deepEqual(ctx.errors, []);
    await ctx.close();
  });
}

test('the countdown turns urgent under 10 s', { timeout: 60000 }, async () => {
  const seller = await registerSeller(srv);
  const buyer = await registerUser(srv);
  const { auction } = await liveShow(srv, seller, { auction: { duration_s: 12, mode: 'sudden_death' } });
  const ctx = await newContext(browser, srv, { session: buyer, ...sizes[0][1] });
  const page = await newPage(ctx);
  await page.goto(`/s/${auction.stream_id}`);
  await page.locator('.countdown').waitFor();
  assert.equal(await page.locator('.countdown.urgent').count(), 0, 'not urgent with more than 10 s left');
  await page.locator('.countdown.urgent').waitFor({ timeout: 10000 });
  const bg = await page.locator('.countdown').evaluate((e) => getComputedStyle(e).backgroundColor);
  assert.notEqual(bg, 'rgba(0, 0, 0, 0)', 'an urgent colour');
  await page.screenshot({ path: shotPath('room-phone-urgent') });
  await ctx.close();
});

test('later visitors see what sold, for how much, and the winner only if they allow it', { timeout: 90000 }, async () => {
  const seller = await registerSeller(srv);
  const named = await registerUser(srv);
  const quiet = await registerUser(srv);
  await api(srv, 'PATCH', '/api/v1/users/me', { token: named.access_token, body: { show_win_name: true } });
  const { stream, productIds } = await liveShow(srv, seller, { products: 3 });
  const sell = async (product, who, price) => {
    const a = await api(srv, 'POST', `/api/v1/streams/${stream.id}/auctions`, { token: seller.access_token, body: { product_id: product, starting_bid: 100, buy_now_price: price, duration_s: 60 } });
    assert.equal(a.status, 201, a.text);
    assert.equal((await bidApi(srv, who, a.json.auction.id, price)).auction.status, 'ended');
  };
  await sell(productIds[0], named, 1200);
  await sell(productIds[1], quiet, 3400);
  assert.equal((await api(srv, 'POST', `/api/v1/streams/${stream.id}/end`, { token: seller.access_token })).status, 200);

  for (const [label, opts] of sizes) {
    const ctx = await newContext(browser, srv, opts);
    const page = await newPage(ctx);
    await page.goto(`/s/${stream.id}`);
    const lineup = page.locator('.lineup li');
    await lineup.nth(0).filter({ hasText: `Sold RM 12.00 to ${named.user.username}` }).waitFor();
    await lineup.nth(1).filter({ hasText: 'Sold RM 34.00' }).waitFor();
    assert.doesNotMatch(await lineup.nth(1).textContent(), new RegExp(quiet.user.username), 'a buyer who did not allow it is not named');
    assert.doesNotMatch(await lineup.nth(2).textContent(), /Sold/);
    assert.equal(await page.locator('video').count(), 0, 'no replay player without a replay');
    await page.screenshot({ path: shotPath(`ended-show-${label}`), fullPage: true });
    const violations = await audit(page);
    assert.deepEqual(violations, []);

    await page.goto(`/p/${productIds[0]}`);
    await page.getByTestId('sold').filter({ hasText: `Sold RM 12.00 to ${named.user.username}` }).waitFor();
    await page.goto(`/p/${productIds[1]}`);
    const sold = page.getByTestId('sold');
    await sold.filter({ hasText: 'Sold RM 34.00' }).waitFor();
    assert.equal(await sold.textContent(), 'Sold RM 34.00');
    await page.screenshot({ path: shotPath(`sold-product-${label}`), fullPage: true });
    assert.deepEqual(ctx.errors, []);
    await ctx.close();
  }
});

test('a buyer allows their name on lots they win from their profile', { timeout: 60000 }, async () => {
  const buyer = await registerUser(srv);
  const ctx = await newContext(browser, srv, { session: buyer });
  const page = await newPage(ctx);
  await page.goto('/account');
  const box = page.getByLabel('Show my username on lots I win');
  await box.waitFor();
  assert.equal(await box.isChecked(), false, 'off by default');
  await box.check();
  await page.getByRole('button', { name: 'Save profile' }).click();
  await page.getByText('Profile saved.').waitFor();
  await until(page, 'saved', () => true);
  const me = await api(srv, 'GET', '/api/v1/users/me', { token: buyer.access_token });
  assert.equal(me.json.user.show_win_name, true);
  await ctx.close();
});
