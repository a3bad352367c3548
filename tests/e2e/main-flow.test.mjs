// The main scenario, through the UI only: a seller signs up, opens a shop, lists a
// product with a photo, schedules a show with a cover picture and goes live; buyer one
// (second browser context) signs up, sees the show's cover on the home page and in the show
// room, joins and chats; buyer two (third context) joins; the seller starts the auction;
// buyer one bids; buyer two outbids; buyer one bids again and wins; both see the outcome,
// and the order appears for the buyer and the seller. Every wait is on a condition.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { registerUser, api } from '../api/lib/harness.mjs';
import { hold, newContext, newPage, openPage, sampleCover, samplePng, shotPath, until, useServerAndBrowser } from './lib/web.mjs';

let srv;
let browser;

useServerAndBrowser((env) => ({ srv, browser } = env));

const uniq = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function signUp(page, who) {
  await page.goto('/signup');
  await page.getByLabel('Email', { exact: true }).fill(`${who}@example.my`);
  await page.getByLabel('Username', { exact: true }).fill(who);
  await page.getByLabel('Password', { exact: true }).fill('correct horse battery staple');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('link', { name: 'Account' }).waitFor();
}

test('seller lists and auctions a product; two buyers bid; the winner and the seller see the order', { timeout: 180000 }, async () => {
  const id = uniq();
  const productTitle = `Canon AE-1 ${id}`;

  // ---- the seller, through the studio
  const sellerCtx = await newContext(browser, srv);
  const seller = await newPage(sellerCtx);
  seller.on('dialog', (d) => d.accept());
  await signUp(seller, `seller_${id}`);
  await seller.getByRole('link', { name: 'Sell' }).click();
  await seller.getByRole('heading', { name: 'Become a seller' }).waitFor();
  await seller.getByLabel('Shop name').fill(`Kedai ${id}`);
  await seller.getByLabel('Address line 1').fill('12 Jalan Ampang');
  await seller.getByLabel('City').fill('Kuala Lumpur');
  await seller.getByLabel('Postcode').fill('50450');
  await seller.getByLabel('State').selectOption('W.P. Kuala Lumpur');
  await seller.getByRole('button', { name: 'Open my shop' }).click();
  await seller.getByRole('heading', { name: 'Seller studio' }).waitFor();

  await seller.getByRole('link', { name: 'List a product' }).click();
  await seller.getByLabel('Title', { exact: true }).fill(productTitle);
  await seller.getByLabel('Description').fill('Film camera, shutter tested, light seals replaced.');
  await seller.getByLabel('Condition').selectOption('good');
  await seller.getByLabel('Value / buy-now price (RM)').fill('450');
  await seller.getByRole('button', { name: 'List product' }).click();
  await seller.getByText('Product listed. Add photos below.').waitFor();
  await seller.getByLabel(/Add photos/).setInputFiles(samplePng);
  await seller.getByText('1 photo uploaded.').waitFor();
  await seller.getByRole('img', { name: 'Photo 1' }).waitFor();

  await seller.getByRole('link', { name: '← Studio' }).click();
  await seller.getByRole('link', { name: 'Schedule a show' }).click();
  await seller.getByLabel('Show title').fill(`Malam Kamera ${id}`);
  await seller.getByLabel(productTitle).check();
  await seller.getByLabel(/^Cover picture/).setInputFiles(sampleCover);
  await seller.getByRole('img', { name: 'Chosen cover picture' }).waitFor();
  await until(seller, 'the cover preview drawn', () => document.querySelector('img.cover-preview')?.naturalWidth > 0);
  await seller.getByRole('button', { name: 'Schedule show' }).click();
  await seller.waitForURL(/\/s\/\d+$/);
  const streamPath = new URL(seller.url()).pathname;
  // The cover was uploaded right after the show was created: the API has it, and it is
  // not the lot's photo.
  const shown = await api(srv, 'GET', `/api/v1${streamPath.replace('/s/', '/streams/')}`);
  assert.equal(shown.status, 200);
  const cover = shown.json.stream.cover;
  assert.ok(cover?.urls?.large && cover.urls.small, `the show has a cover: ${shown.text}`);
  assert.notEqual(cover.id, shown.json.stream.products[0].image?.id, 'the cover is its own picture');
  const coverImg = (page) => page.getByRole('img', { name: `Cover of Malam Kamera ${id}` });
  await until(seller, 'the cover in the seller\'s room', (src) => document.querySelector('.video-stage img')?.getAttribute('src') === src, cover.urls.large);
  // The lot's settings are prepared in the queue; "run next lot" is then one tap.
  await seller.getByLabel('Starting bid (RM)').fill('1');
  await seller.getByLabel('Duration (seconds)').fill('30');
  await seller.getByLabel('Mode', { exact: true }).selectOption('standard');
  await seller.getByRole('button', { name: 'Go live' }).click();

  // ---- buyer one signs up in the UI, joins and chats
  const b1Ctx = await newContext(browser, srv);
  const b1 = await newPage(b1Ctx);
  await signUp(b1, `buyer1_${id}`);
  // The home page's card shows the cover from the list item itself: no per-show read.
  const showReads = [];
  b1.on('request', (r) => {
    if (/\/api\/v1\/streams\/\d+$/.test(new URL(r.url()).pathname)) showReads.push(r.url());
  });
  await b1.goto('/');
  const card = b1.locator('.stream-card', { hasText: `Malam Kamera ${id}` });
  await card.waitFor();
  assert.equal(await card.locator('img').getAttribute('src'), cover.urls.small);
  assert.equal(await card.locator('img').getAttribute('alt'), 'Cover');
  assert.deepEqual(showReads, [], 'the home page reads no single show');
  await card.getByRole('link').click();
  await b1.waitForURL((u) => u.pathname === streamPath);
  assert.equal(await coverImg(b1).getAttribute('src'), cover.urls.large, 'the room shows the cover, not the lot photo');
  await b1.getByRole('textbox', { name: 'Write a message' }).fill('Selamat malam! Is the lens included?');
  await b1.getByRole('button', { name: 'Send' }).click();
  await seller.locator('.chat-line', { hasText: 'Is the lens included?' }).waitFor();
  await b1.locator('.chat-line', { hasText: 'Is the lens included?' }).waitFor();

  // ---- buyer two (signed in through a session from the API) is in the room too
  const buyer2 = await registerUser(srv, { username: `buyer2_${id}` });
  const { ctx: b2Ctx, page: b2 } = await openPage(browser, srv, streamPath, { session: buyer2 });

  // ---- the seller runs the lot once both buyers are in: the 30 s auction holds only the
  // bidding, so a slow machine's sign-up cannot eat its clock.
  await seller.getByRole('button', { name: /^Run next lot: .* · from RM 1.00$/ }).click();
  await seller.getByText(/Auction running on/).waitFor();
  await b1.getByRole('heading', { name: new RegExp(`Now bidding: ${productTitle}`) }).waitFor();

  await hold(b1.getByRole('button', { name: 'Hold to bid RM 1.00' }));
  await b1.getByTestId('standing').filter({ hasText: "You're the highest bidder" }).waitFor();

  // ---- buyer two outbids with a custom amount
  await b2.getByTestId('current-bid').filter({ hasText: 'RM 1.00' }).waitFor();
  await b2.getByText('Your own amount or a maximum').click();
  await b2.getByLabel('Your bid (RM)').fill('5');
  await b2.getByRole('button', { name: 'Place bid' }).click();
  await b2.getByTestId('standing').filter({ hasText: "You're the highest bidder" }).waitFor();

  await b1.getByTestId('standing').filter({ hasText: "You've been outbid" }).waitFor();
  await b1.getByTestId('current-bid').filter({ hasText: 'RM 5.00' }).waitFor();
  const announced = await b1.locator('[aria-live="assertive"]').allTextContents();
  assert.ok(announced.some((t) => t.includes("You've been outbid")), `outbid announced: ${JSON.stringify(announced)}`);
  await seller.locator('.bid-list li', { hasText: 'RM 5.00' }).waitFor();

  // ---- buyer one bids again at the next minimum and wins
  await hold(b1.getByRole('button', { name: 'Hold to bid RM 6.00' }));
  await b1.getByTestId('standing').filter({ hasText: "You're the highest bidder" }).waitFor();
  await b2.getByTestId('standing').filter({ hasText: "You've been outbid" }).waitFor();
  await b1.screenshot({ path: shotPath('main-flow-buyer-bidding') });

  await b1.getByTestId('standing').filter({ hasText: 'You won!' }).waitFor({ timeout: 45000 });
  await b2.getByTestId('standing').filter({ hasText: 'You lost this one' }).waitFor({ timeout: 10000 });
  await seller.getByText('Sold for RM 6.00').first().waitFor({ timeout: 10000 });
  const bids = await b1.locator('.bid-list li').evaluateAll((lis) => lis.map((li) => Number(li.dataset.amount)));
  assert.deepEqual(bids, [600, 500, 100]);

  // ---- the seller ends the show
  await seller.getByRole('button', { name: 'End show' }).click();
  await seller.locator('.seller-controls', { hasText: 'This show has ended.' }).waitFor();

  // ---- orders for the buyer and the seller
  await b1.getByRole('link', { name: 'Orders' }).click();
  const order = b1.locator('.order', { hasText: productTitle });
  await order.waitFor();
  assert.match(await order.innerText(), /RM 6\.00[\s\S]*Awaiting payment[\s\S]*Won at auction/);
  // the order carries its lot's photo (one request for the whole list)
  await order.locator('img').evaluate((img) => img.complete || new Promise((done) => { img.onload = img.onerror = done; }));
  assert.ok(await order.locator('img').evaluate((img) => img.naturalWidth > 0), 'the lot photo loads');

  // an unpaid win: the time left to pay and a Pay button; this server takes no payments
  // (no STRIPE_* here: tests/e2e/payments.test.mjs pays), and checkout says so
  assert.match(await order.locator('.order-state').innerText(), /^RM 6\.00 · Awaiting payment · pay within (23:[45]\d|24:00)$/);
  await order.getByRole('link', { name: 'Pay' }).click();
  await b1.getByRole('alert').filter({ hasText: 'Paying online is not available on this server' }).waitFor();

  await seller.goto('/orders?role=seller');
  const sale = seller.locator('.order', { hasText: productTitle });
  await sale.waitFor();
  assert.match(await sale.innerText(), /RM 6\.00/);
  assert.match(await sale.innerText(), /Buyer: \S+ · address given at payment/);

  await b2.goto('/orders');
  await b2.getByText('No orders yet.').first().waitFor();

  for (const ctx of [sellerCtx, b1Ctx, b2Ctx]) {
    assert.deepEqual(ctx.errors, [], 'no uncaught page errors');
    await ctx.close();
  }
});
