// Seller tools in the show room: chat moderation (delete a message, timed mute, slow
// mode, ban) seen from both sides, by the seller and by a moderator the seller appointed
// (and not offered to a plain viewer); the live viewer count; and buy-it-now ending an
// auction for the buyer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { registerSeller, registerUser, api } from '../api/lib/harness.mjs';
import { bidApi, hold, liveShow, newContext, newPage, openPage, until, useServerAndBrowser } from './lib/web.mjs';

let srv;
let browser;

useServerAndBrowser((env) => ({ srv, browser } = env));

test('the seller deletes, mutes, sets slow mode and bans; the buyer sees each', { timeout: 90000 }, async () => {
  const seller = await registerSeller(srv);
  const buyer = await registerUser(srv);
  const { stream } = await liveShow(srv, seller);
  const sctx = await newContext(browser, srv, { session: seller });
  const bctx = await newContext(browser, srv, { session: buyer });
  const sp = await newPage(sctx);
  const bp = await newPage(bctx);
  sp.on('dialog', (d) => d.accept());
  await sp.goto(`/s/${stream.id}`);
  await sp.getByRole('heading', { name: 'Control room' }).waitFor();
  await bp.goto(`/s/${stream.id}`);
  const input = bp.getByRole('textbox', { name: 'Write a message' });
  const send = async (text) => {
    await input.fill(text);
    await bp.getByRole('button', { name: 'Send' }).click();
    await sp.locator('.chat-line', { hasText: text }).waitFor();
  };
  const moderate = async (text, action) => {
    const line = sp.locator('.chat-line', { hasText: text });
    await line.getByRole('button', { name: `Moderate message from ${buyer.user.username}` }).click();
    await line.getByRole('button', { name: action }).click();
  };

  await send('Beli sekarang di kedai saya, murah!');
  await moderate('Beli sekarang', 'Delete');
  await bp.locator('.chat-line', { hasText: 'Beli sekarang' }).waitFor({ state: 'detached' });
  await sp.locator('.chat-line', { hasText: 'Beli sekarang' }).waitFor({ state: 'detached' });

  await send('Spam spam spam');
  await sp.getByLabel('Slow mode').selectOption('60');
  await bp.getByText('Slow mode 60 s').waitFor();
  await input.fill('One more?');
  await bp.getByRole('button', { name: 'Send' }).click();
  await bp.getByRole('alert').filter({ hasText: /Slow mode is on: wait \d+ s/ }).waitFor();

  await moderate('Spam spam spam', 'Mute 5 min');
  await bp.waitForFunction(() => document.querySelector('#chat-input')?.disabled === true);
  assert.match(await input.getAttribute('placeholder'), /^Muted until /);

  await moderate('Spam spam spam', 'Ban');
  await bp.getByText('You are banned from this show.').waitFor();
  await sp.locator('.chat-line', { hasText: 'Spam spam spam' }).waitFor({ state: 'detached' });
  // The ban is enforced by the server: a post over REST is refused too.
  const r = await api(srv, 'POST', `/api/v1/streams/${stream.id}/chat`, { token: buyer.access_token, body: { text: 'still here?' } });
  assert.equal(r.json.error.code, 'banned');
  await sctx.close();
  await bctx.close();
});

test('a moderator the seller appointed sees the tools and deletes a message; viewers do not', { timeout: 90000 }, async () => {
  const seller = await registerSeller(srv);
  const moderator = await registerUser(srv);
  const buyer = await registerUser(srv);
  const { stream } = await liveShow(srv, seller);
  const appoint = await api(srv, 'POST', `/api/v1/sellers/me/moderators/${moderator.user.id}`, { token: seller.access_token });
  assert.equal(appoint.status, 204, appoint.text);
  const text = 'Jual murah, WhatsApp saya 012-3456789';
  const posted = await api(srv, 'POST', `/api/v1/streams/${stream.id}/chat`, { token: buyer.access_token, body: { text } });
  assert.equal(posted.status, 201, posted.text);

  const mctx = await newContext(browser, srv, { session: moderator });
  const bctx = await newContext(browser, srv, { session: buyer });
  const mp = await newPage(mctx);
  const bp = await newPage(bctx);
  await bp.goto(`/s/${stream.id}`);
  await bp.locator('.room[data-phase="joined"]').waitFor();
  await mp.goto(`/s/${stream.id}`);
  await mp.locator('.room[data-phase="joined"]').waitFor();

  // The moderator gets the tools from the join ack, but not the seller's control room.
  const line = mp.locator('.chat-line', { hasText: text });
  await line.getByRole('button', { name: `Moderate message from ${buyer.user.username}` }).waitFor();
  await mp.getByLabel('Slow mode').waitFor();
  assert.equal(await mp.getByRole('heading', { name: 'Control room' }).count(), 0);
  // The buyer, joined, sees the message and no moderation tools (not even on others' lines).
  const mine = await api(srv, 'POST', `/api/v1/streams/${stream.id}/chat`, { token: moderator.access_token, body: { text: 'Sila jaga adab, terima kasih.' } });
  assert.equal(mine.status, 201, mine.text);
  await bp.locator('.chat-line', { hasText: 'Sila jaga adab' }).waitFor();
  assert.equal(await bp.getByRole('button', { name: /^Moderate message/ }).count(), 0);
  assert.equal(await bp.getByLabel('Slow mode').count(), 0);

  await line.getByRole('button', { name: `Moderate message from ${buyer.user.username}` }).click();
  await line.getByRole('button', { name: 'Delete' }).click();
  await bp.locator('.chat-line', { hasText: text }).waitFor({ state: 'detached' });
  await line.waitFor({ state: 'detached' });
  const history = await api(srv, 'GET', `/api/v1/streams/${stream.id}/chat`, { token: buyer.access_token });
  assert.ok(!history.json.messages.some((m) => m.text === text), 'deleted on the server');
  assert.deepEqual([...mctx.errors, ...bctx.errors], []);
  await mctx.close();
  await bctx.close();
});

test('the viewer count follows people joining and leaving', { timeout: 60000 }, async () => {
  const seller = await registerSeller(srv);
  const first = await registerUser(srv);
  const second = await registerUser(srv);
  const { stream } = await liveShow(srv, seller);
  const viewers = (page) => page.getByTestId('viewers').innerText().then((t) => Number.parseInt(t, 10));
  const { ctx: c1, page: p1 } = await openPage(browser, srv, `/s/${stream.id}`, { session: first });
  await p1.locator('.room[data-phase="joined"]').waitFor();
  await until(p1, 'one viewer', () => document.querySelector('[data-testid="viewers"]')?.textContent === '1 watching');

  const { ctx: c2, page: p2 } = await openPage(browser, srv, `/s/${stream.id}`, { session: second });
  await p2.locator('.room[data-phase="joined"]').waitFor();
  await until(p1, 'the second viewer counted (user:joined)', () => document.querySelector('[data-testid="viewers"]')?.textContent === '2 watching');
  assert.equal(await viewers(p2), 2, 'the join ack counts both');

  await c2.close();
  await until(p1, 'the second viewer gone (user:left)', () => document.querySelector('[data-testid="viewers"]')?.textContent === '1 watching');
  assert.deepEqual(c1.errors, []);
  await c1.close();
});

test('buy-it-now ends the auction at the buy-now price for the buyer', { timeout: 60000 }, async () => {
  const seller = await registerSeller(srv);
  const buyer = await registerUser(srv);
  const { auction, productIds } = await liveShow(srv, seller, { auction: { buy_now_price: 20000, duration_s: 120 } });
  const { ctx, page } = await openPage(browser, srv, `/s/${auction.stream_id}`, { session: buyer });
  await hold(page.getByRole('button', { name: /^Hold to buy now RM 200.00/ }));
  await page.getByTestId('standing').filter({ hasText: 'You won!' }).waitFor();
  await page.getByTestId('standing').filter({ hasText: 'RM 200.00' }).waitFor();
  const orders = await api(srv, 'GET', '/api/v1/orders', { token: buyer.access_token });
  assert.equal(orders.json.orders.length, 1);
  assert.equal(orders.json.orders[0].amount, 20000);
  assert.equal(orders.json.orders[0].product_id, productIds[0]);
  await ctx.close();
});

test('bidding takes a deliberate hold: a tap does nothing; the leader can buy it now, and one status line tells the truth', { timeout: 60000 }, async () => {
  const seller = await registerSeller(srv);
  const buyer = await registerUser(srv);
  const rival = await registerUser(srv);
  const { auction } = await liveShow(srv, seller, { auction: { buy_now_price: 5000, duration_s: 120 } });
  const { ctx, page } = await openPage(browser, srv, `/s/${auction.stream_id}`, { session: buyer, viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const bidBtn = page.getByTestId('bid-hold');
  await bidBtn.filter({ hasText: 'Hold to bid RM 1.00' }).waitFor();
  await bidBtn.click(); // a tap
  await page.getByText('Keep holding until the bar fills.').waitFor();
  await hold(bidBtn, 250); // let go too early
  assert.equal((await api(srv, 'GET', `/api/v1/auctions/${auction.id}`)).json.auction.bid_count ?? 0, 0, 'no bid from a tap or a short press');

  await hold(bidBtn);
  await page.getByTestId('standing').filter({ hasText: "You're the highest bidder at RM 1.00" }).waitFor();
  assert.equal(await bidBtn.isDisabled(), true, 'the leader cannot bid against themselves');
  await bidBtn.filter({ hasText: 'You lead: no need to outbid yourself' }).waitFor();
  assert.equal(await page.getByTestId('standing').count(), 1, 'one status line');

  await bidApi(srv, rival, auction.id, 200);
  await page.getByTestId('standing').filter({ hasText: "You've been outbid: RM 2.00. Bid RM 3.00 to lead." }).waitFor();
  await hold(page.getByRole('button', { name: /^Hold to bid RM 3.00/ }));
  await page.getByTestId('standing').filter({ hasText: "You're the highest bidder at RM 3.00" }).waitFor();

  // Leading, the buyer may still buy it now: the lot ends at the buy-now price for them.
  await hold(page.getByTestId('buy-now-hold'));
  await page.getByTestId('standing').filter({ hasText: 'You won! — RM 50.00' }).waitFor();
  await page.getByTestId('current-bid').filter({ hasText: 'RM 50.00' }).waitFor();
  assert.equal(await page.getByTestId('standing').count(), 1);
  const a = (await api(srv, 'GET', `/api/v1/auctions/${auction.id}`)).json.auction;
  assert.equal(a.status, 'ended');
  assert.equal(a.winner_id, buyer.user.id);
  assert.equal(a.current_bid, 5000);
  assert.deepEqual(ctx.errors, []);
  await ctx.close();
});

test('keyboard: holding Enter bids, a quick press does not', { timeout: 60000 }, async () => {
  const seller = await registerSeller(srv);
  const buyer = await registerUser(srv);
  const { auction } = await liveShow(srv, seller, { auction: { duration_s: 120 } });
  const { ctx, page } = await openPage(browser, srv, `/s/${auction.stream_id}`, { session: buyer });
  const bidBtn = page.getByTestId('bid-hold');
  await bidBtn.filter({ hasText: 'Hold to bid RM 1.00' }).waitFor();
  await bidBtn.focus();
  await page.keyboard.press('Enter');
  await page.getByText('Keep holding until the bar fills.').waitFor();
  await page.keyboard.down('Enter');
  await page.waitForTimeout(900);
  await page.keyboard.up('Enter');
  await page.getByTestId('standing').filter({ hasText: "You're the highest bidder at RM 1.00" }).waitFor();
  const log = await api(srv, 'GET', `/api/v1/auctions/${auction.id}/log`);
  assert.deepEqual(log.json.entries.map((e) => e.amount), [100], 'exactly one bid');
  assert.deepEqual(ctx.errors, []);
  await ctx.close();
});
