// Seller tools in the show room: chat moderation (delete a message, timed mute, slow
// mode, ban) seen from both sides, and buy-it-now ending an auction for the buyer.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, registerSeller, registerUser, api } from '../api/lib/harness.mjs';
import { ensureWebBuilt, launch, liveShow, newContext, newPage } from './lib/web.mjs';

let srv;
let browser;

before(async () => {
  ensureWebBuilt();
  srv = await startServer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

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

test('buy-it-now ends the auction at the buy-now price for the buyer', { timeout: 60000 }, async () => {
  const seller = await registerSeller(srv);
  const buyer = await registerUser(srv);
  const { auction, productIds } = await liveShow(srv, seller, { auction: { buy_now_price: 20000, duration_s: 120 } });
  const ctx = await newContext(browser, srv, { session: buyer });
  const page = await newPage(ctx);
  page.on('dialog', (d) => d.accept());
  await page.goto(`/s/${auction.stream_id}`);
  await page.getByRole('button', { name: 'Buy now RM 200.00' }).click();
  await page.getByTestId('standing').filter({ hasText: 'You won!' }).waitFor();
  await page.getByTestId('standing').filter({ hasText: 'RM 200.00' }).waitFor();
  const orders = await api(srv, 'GET', '/api/v1/orders', { token: buyer.access_token });
  assert.equal(orders.json.orders.length, 1);
  assert.equal(orders.json.orders[0].amount, 20000);
  assert.equal(orders.json.orders[0].product_id, productIds[0]);
  await ctx.close();
});
