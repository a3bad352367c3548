// Pre-bids in the show room: a buyer places a maximum on a lot of a scheduled show
// through the UI, it survives a reload, is withdrawn (and the server agrees), is placed
// again, and when the seller opens that lot's auction the server applies it: the buyer's
// room shows them winning at the starting bid.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { registerSeller, registerUser, api } from '../api/lib/harness.mjs';
import { openPage, until, useServerAndBrowser } from './lib/web.mjs';

let srv;
let browser;

useServerAndBrowser((env) => ({ srv, browser } = env));

async function scheduledShow(seller, titles) {
  const ids = [];
  for (const title of titles) {
    const p = await api(srv, 'POST', '/api/v1/products', {
      token: seller.access_token,
      body: { title, condition: 'good', quantity: 1, buy_now_price: 15000, shipping_weight_g: 500 },
    });
    assert.equal(p.status, 201, p.text);
    ids.push(p.json.product.id);
  }
  const s = await api(srv, 'POST', '/api/v1/streams', {
    token: seller.access_token,
    body: { title: 'Lelong Pra-bida Malam Ini', starts_at: new Date(Date.now() + 3600e3).toISOString(), product_ids: ids },
  });
  assert.equal(s.status, 201, s.text);
  return { stream: s.json.stream, ids };
}

const myPrebids = async (who, streamId) => {
  const r = await api(srv, 'GET', `/api/v1/streams/${streamId}/prebids/me`, { token: who.access_token });
  assert.equal(r.status, 200, r.text);
  return r.json.prebids.map((p) => [String(p.product_id), p.max_amount]);
};

test('pre-bid: place, reload, withdraw, place again, applied when the lot opens', { timeout: 90000 }, async () => {
  const seller = await registerSeller(srv);
  const buyer = await registerUser(srv);
  const lotTitle = 'Jam Tangan Antik';
  const { stream, ids } = await scheduledShow(seller, [lotTitle, 'Radio Transistor']);
  const lotId = String(ids[0]);

  const { ctx, page } = await openPage(browser, srv, `/s/${stream.id}`, { session: buyer });
  const row = page.locator('.lineup li', { hasText: lotTitle });
  const input = row.getByLabel(`Pre-bid on ${lotTitle} (RM)`);
  const mine = row.getByTestId('prebid-max');

  // Invalid input is caught before the API and tied to the field.
  await input.fill('abc');
  await input.press('Enter');
  await row.getByRole('alert').waitFor();
  assert.equal(await input.getAttribute('aria-invalid'), 'true');

  // Place through the UI (keyboard submit works too, but click the button here).
  await input.fill('50');
  await row.getByRole('button', { name: `Pre-bid on ${lotTitle}` }).click();
  await mine.waitFor();
  assert.equal(await mine.textContent(), 'Your maximum: RM 50.00');
  assert.deepEqual(await myPrebids(buyer, stream.id), [[lotId, 5000]]);
  // The other lot has no pre-bid.
  assert.equal(await page.locator('.lineup li', { hasText: 'Radio Transistor' }).getByTestId('prebid-max').count(), 0);

  // Loaded from GET /prebids/me when the room opens.
  await page.reload();
  await mine.waitFor();
  assert.equal(await mine.textContent(), 'Your maximum: RM 50.00');

  // Withdraw: gone from the page and from the server.
  await row.getByRole('button', { name: `Withdraw pre-bid on ${lotTitle}` }).click();
  await mine.waitFor({ state: 'detached' });
  await row.getByRole('status').filter({ hasText: 'Pre-bid withdrawn.' }).waitFor();
  assert.deepEqual(await myPrebids(buyer, stream.id), []);

  // Place again, with the keyboard this time.
  await input.fill('50');
  await input.press('Enter');
  await mine.waitFor();
  assert.deepEqual(await myPrebids(buyer, stream.id), [[lotId, 5000]]);

  // The seller opens the show and that lot's auction: the pre-bid opens it at the starting bid.
  const live = await api(srv, 'POST', `/api/v1/streams/${stream.id}/live`, { token: seller.access_token });
  assert.equal(live.status, 200, live.text);
  const a = await api(srv, 'POST', `/api/v1/streams/${stream.id}/auctions`, {
    token: seller.access_token,
    body: { product_id: ids[0], starting_bid: 1000, duration_s: 120, mode: 'standard' },
  });
  assert.equal(a.status, 201, a.text);
  assert.equal(a.json.auction.leader_id, buyer.user.id);

  await page.getByTestId('standing').filter({ hasText: "You're the highest bidder" }).waitFor();
  await until(page, 'current bid at the starting bid', () => document.querySelector('[data-testid="current-bid"]')?.textContent === 'RM 10.00');
  // The running lot takes bids now, not pre-bids; the next lot still offers one.
  await row.getByTestId('prebid').waitFor({ state: 'detached' });
  await page.locator('.lineup li', { hasText: 'Radio Transistor' }).getByTestId('prebid').waitFor();
  assert.deepEqual(ctx.errors, []);
  await ctx.close();
});
