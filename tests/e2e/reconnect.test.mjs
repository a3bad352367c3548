// A buyer's connection drops while bids keep arriving through the API; after it comes
// back the show room lists every accepted bid, in order, with the right price. Twice:
// once with Socket.IO connection-state recovery (the server replays what was missed),
// once with the recovery session forgotten, so only the REST re-sync can fill the gap (the
// bids and the chat).
// Also: an access token that the server refuses is refreshed and the call retried.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { registerUser, registerSeller, api } from '../api/lib/harness.mjs';
import { bidApi, liveShow, newContext, newPage, openPage, until, useServerAndBrowser } from './lib/web.mjs';

let srv;
let browser;

useServerAndBrowser((env) => ({ srv, browser } = env));

const shownAmounts = (page) => page.locator('.bid-list li').evaluateAll((lis) => lis.map((li) => Number(li.dataset.amount)));

for (const forgetRecovery of [false, true]) {
  test(`no bid is missing after a dropped connection (${forgetRecovery ? 'REST re-sync only' : 'connection-state recovery'})`, { timeout: 90000 }, async () => {
    const seller = await registerSeller(srv);
    const { stream, auction } = await liveShow(srv, seller, { auction: { duration_s: 120 } });
    const [watcher, a, b] = await Promise.all([registerUser(srv), registerUser(srv), registerUser(srv)]);

    const { ctx, page } = await openPage(browser, srv, `/s/${stream.id}`, { session: watcher });
    await page.getByRole('heading', { name: /Now bidding/ }).waitFor();
    await until(page, 'the socket to join', () => document.querySelector('.room')?.dataset.phase === 'joined');

    await bidApi(srv, a, auction.id, 100);
    await page.locator('.bid-list li[data-amount="100"]').waitFor();

    // Cut the connection for a while; bid three times meanwhile.
    const dropped = page.evaluate((forget) => window.__blytz.dropSocket(3000, { forgetRecovery: forget }), forgetRecovery);
    await until(page, 'the room to notice the drop', () => document.querySelector('.room')?.dataset.phase === 'reconnecting');
    await bidApi(srv, b, auction.id, 200);
    await bidApi(srv, a, auction.id, 300);
    await bidApi(srv, b, auction.id, 400);
    const said = await api(srv, 'POST', `/api/v1/streams/${stream.id}/chat`, { token: seller.access_token, body: { text: 'Missed while away' } });
    assert.equal(said.status, 201, said.text);
    assert.deepEqual(await shownAmounts(page), [100], 'while disconnected, nothing new arrived');
    await dropped;

    await until(page, 'the room to rejoin', () => document.querySelector('.room')?.dataset.phase === 'joined');
    assert.equal(await page.evaluate(() => window.__blytz.socket().recovered), !forgetRecovery, 'socket.recovered');
    await until(page, 'all four bids listed', () => document.querySelectorAll('.bid-list li').length === 4, undefined, 10000);
    const log = await api(srv, 'GET', `/api/v1/auctions/${auction.id}/log`);
    const expected = log.json.entries.map((e) => e.amount).sort((x, y) => y - x);
    assert.deepEqual(await shownAmounts(page), expected);
    assert.deepEqual(expected, [400, 300, 200, 100]);
    await page.getByTestId('current-bid').filter({ hasText: 'RM 4.00' }).waitFor();
    // The chat said while away is there too: replayed, or reloaded over REST when not recovered.
    await page.locator('.chat-line', { hasText: 'Missed while away' }).waitFor({ timeout: 10000 });
    assert.equal(await page.getByRole('button', { name: 'Hold to bid RM 5.00' }).count(), 1, 'the next minimum follows');
    // Bidder names are filled in, also for bids known only from the REST log.
    await until(page, 'bidder names', () => [...document.querySelectorAll('.bid-list .who')].every((el) => el.textContent && el.textContent !== 'Bidder'));

    // After the gap, live events flow again.
    await bidApi(srv, a, auction.id, 500);
    await page.locator('.bid-list li[data-amount="500"]').waitFor();
    assert.deepEqual(ctx.errors, []);
    await ctx.close();
  });
}

test('a refused access token is refreshed once and the request retried', { timeout: 60000 }, async () => {
  const user = await registerUser(srv);
  // A token the server does not accept stands in for an expired one: the app must refresh.
  const ctx = await newContext(browser, srv, { session: { ...user, access_token: `${user.access_token.slice(0, -4)}AAAA` } });
  const page = await newPage(ctx);
  const refreshes = [];
  page.on('request', (r) => { if (r.url().endsWith('/api/v1/auth/refresh')) refreshes.push(r); });
  await page.goto('/account');
  await page.getByText(`@${user.user.username}`).waitFor();
  await page.getByRole('heading', { name: 'Spending limits' }).waitFor();
  await page.getByText(/Committed in the current window/).waitFor();
  assert.equal(refreshes.length, 1, 'one refresh for concurrent 401s');
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('blytz.session')));
  assert.notEqual(stored.refresh_token, user.refresh_token, 'the refresh token rotated');
  // The old refresh token is spent: presenting it again is reuse.
  const reuse = await api(srv, 'POST', '/api/v1/auth/refresh', { body: { refresh_token: user.refresh_token } });
  assert.equal(reuse.status, 401);
  await ctx.close();
});
