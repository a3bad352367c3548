// Screenshots of the main pages at desktop (1280×800) and phone (360×740) sizes, saved
// under test-results/e2e/, and checks for layout breakage: no horizontal overflow, the
// key elements visible and inside the viewport's width, and in the show room the bid
// panel and the chat input not overlapping.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layoutProblems, newContext, newPage, shotPath, until } from './lib/web.mjs';
import { usePopulated } from './lib/fixture.mjs';

const env = usePopulated();

// Per page: the selectors that must be visible and within the viewport's width.
const pages = {
  home: ['h1', '.site-header nav', '.card', '.stream-card img'],
  search: ['h1', 'form.filters button[type="submit"]', '.card'],
  product: ['h1', '.price', '.gallery-main'],
  seller: ['h1', '.seller-head button', '.card'],
  show: ['h1', 'img.video-img', '.lot .amount', '.countdown', '.bid-actions .hold.primary button', '#chat-input', '.chat-line'],
  signin: ['h1', 'form button[type="submit"]'],
  account: ['h1', '#lim-h', '#notif-h'],
  orders: ['h1'],
  studio: ['h1', 'form button[type="submit"]'],
};

for (const [label, viewport] of [['desktop', { width: 1280, height: 800 }], ['phone', { width: 360, height: 740 }]]) {
  test(`pages lay out at ${label} size (${viewport.width}×${viewport.height})`, { timeout: 120000 }, async () => {
    const ctx = await newContext(env.browser, env.srv, { session: env.fx.buyer, viewport, ...(label === 'phone' ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}) });
    const page = await newPage(ctx);
    const problems = [];
    for (const [name, selectors] of Object.entries(pages)) {
      await page.goto(env.fx.pages[name]);
      await page.locator(selectors[selectors.length - 1]).first().waitFor();
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({ path: shotPath(`${name}-${label}`), fullPage: true });
      problems.push(...(await layoutProblems(page, name, selectors, viewport.width)));
    }

    // Show room: the bid panel and the chat input never overlap, scrolled anywhere.
    await page.goto(env.fx.pages.show);
    await page.locator('#chat-input').waitFor();
    await page.locator('.bid-list li').first().waitFor();
    for (const y of [0, 400, 10000]) {
      await page.evaluate((top) => window.scrollTo(0, top), y);
      const [bid, chat] = await Promise.all([page.locator('.lot').boundingBox(), page.locator('.chat-form').boundingBox()]);
      const overlap = bid.x < chat.x + chat.width && chat.x < bid.x + bid.width && bid.y < chat.y + chat.height && chat.y < bid.y + bid.height;
      if (overlap) problems.push(`show: bid panel ${JSON.stringify(bid)} overlaps chat input ${JSON.stringify(chat)} at scroll ${y}`);
    }
    // Phone: the primary bid button is large enough to tap (44 px).
    const btn = await page.locator('.bid-actions .hold.primary button').boundingBox();
    if (btn.height < 44) problems.push(`show: bid button ${btn.height}px tall`);
    await page.screenshot({ path: shotPath(`show-${label}-viewport`) });

    assert.deepEqual(problems, []);
    assert.deepEqual(ctx.errors, []);
    await ctx.close();
  });
}

for (const [label, viewport] of [['desktop', { width: 1280, height: 800 }], ['phone', { width: 360, height: 740 }]]) {
  test(`seller views lay out at ${label} size`, { timeout: 60000 }, async () => {
    const ctx = await newContext(env.browser, env.srv, { session: env.fx.seller, viewport });
    const page = await newPage(ctx);
    const problems = [];
    await page.goto('/studio');
    await page.getByRole('heading', { name: 'Your products' }).waitFor();
    await page.screenshot({ path: shotPath(`studio-dashboard-${label}`), fullPage: true });
    problems.push(...(await layoutProblems(page, 'studio', ['h1', '.actions .button-like', '.product-row'], viewport.width)));
    await page.goto('/studio/shows/new');
    await page.locator('.lineup-pick li').first().waitFor();
    await page.screenshot({ path: shotPath(`studio-schedule-${label}`), fullPage: true });
    problems.push(...(await layoutProblems(page, 'schedule', ['h1', '#cover-file', '.lineup-pick label', 'form button[type="submit"]'], viewport.width)));
    await page.goto(env.fx.pages.show);
    await page.getByRole('heading', { name: 'Control room' }).waitFor();
    await page.locator('.chat-line').first().waitFor();
    await page.screenshot({ path: shotPath(`control-room-${label}`), fullPage: true });
    problems.push(...(await layoutProblems(page, 'control room', ['h1', '.seller-controls', '.lot .amount', '#chat-input', '#slow-mode'], viewport.width)));
    assert.deepEqual(problems, []);
    assert.deepEqual(ctx.errors, []);
    await ctx.close();
  });
}

test('the layout check catches overflow (a page made too wide fails)', async () => {
  const ctx = await newContext(env.browser, env.srv, { viewport: { width: 360, height: 740 } });
  const page = await newPage(ctx);
  await page.goto('/signin');
  await page.locator('h1').waitFor();
  await page.evaluate(() => { document.querySelector('main').insertAdjacentHTML('beforeend', '<div style="width:900px;height:10px"></div>'); });
  const problems = await layoutProblems(page, 'signin', ['h1'], 360);
  assert.equal(problems.length, 1);
  assert.match(problems[0], /horizontal overflow/);
  await until(page, 'page alive', () => true);
  await ctx.close();
});
