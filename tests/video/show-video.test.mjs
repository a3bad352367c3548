// A show is a show: the seller goes live from the show's control room with their (fake)
// camera, two buyers watch and decode the picture while they chat and bid, a late viewer gets
// a picture quickly, a viewer whose connection drops gets it back, and ending the show ends
// every viewer's video. Real Janus, real blytz, real Chromium, inside the test's own network
// namespace (scripts/netns-run.sh; see lib.mjs). Prints time-to-first-frame and the decoder's
// jitter-buffer delay as "# video:" lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, registerSeller, registerUser, createShow } from '../api/lib/harness.mjs';
import { hold, newContext, newPage, shotPath } from '../e2e/lib/web.mjs';
import { PHONE, sleep, useVideoEnv, videoStats, watchPeerConnections } from './lib.mjs';

const env = useVideoEnv();

/** Wait until the page decodes frames; the time it took from `t0`, and the stats then. */
async function firstFrame(page, t0, what, ms = 20000) {
  for (;;) {
    const s = await videoStats(page);
    if (s && s.framesDecoded > 0 && s.frameWidth > 0) return { ms: Date.now() - t0, ...s };
    if (Date.now() - t0 > ms) throw new Error(`${what}: no frame decoded within ${ms} ms (${JSON.stringify(s)})`);
    await sleep(100);
  }
}

/** Frames keep coming: the count rises over `ms`. */
async function stillPlaying(page, what, ms = 1500) {
  const a = (await videoStats(page))?.framesDecoded ?? 0;
  await sleep(ms);
  const b = (await videoStats(page))?.framesDecoded ?? 0;
  assert.ok(b > a, `${what}: frames decoded ${a} then ${b}`);
}

async function viewer(session, name) {
  const ctx = await newContext(env.browser, env.srv, { session, ...PHONE });
  await watchPeerConnections(ctx);
  const page = await newPage(ctx);
  if (process.env.VIDEO_DEBUG) page.on('console', (m) => console.log('viewer:', m.text()));
  const t0 = Date.now();
  await page.goto(`/s/${name}`);
  return { ctx, page, t0 };
}

test('the seller goes live with a camera; buyers watch, chat and bid; late, dropped and ended viewers', { timeout: 180000 }, async () => {
  const seller = await registerSeller(env.srv);
  const [ali, bala, chong] = [await registerUser(env.srv), await registerUser(env.srv), await registerUser(env.srv)];
  const { stream } = await createShow(env.srv, seller, { products: 2, price: 15000 });

  // The seller's phone: the control room's "Go live" starts the show and the camera.
  const sctx = await newContext(env.browser, env.srv, { session: seller, ...PHONE });
  const sp = await newPage(sctx);
  if (process.env.VIDEO_DEBUG) sp.on('console', (m) => console.log('seller:', m.text()));
  await sp.goto(`/s/${stream.id}`);
  await sp.getByRole('button', { name: 'Go live' }).click();
  await sp.locator('[data-testid="video-stage"].has-video video').waitFor({ timeout: 20000 });

  // Two buyers open the show and decode the seller's picture.
  const [a, b] = [await viewer(ali, stream.id), await viewer(bala, stream.id)];
  const fa = await firstFrame(a.page, a.t0, 'first buyer');
  const fb = await firstFrame(b.page, b.t0, 'second buyer');
  await a.page.screenshot({ path: shotPath('video-buyer-phone') });

  // They chat and bid while the picture plays.
  await a.page.getByLabel('Write a message').fill('Selamat malam! Is the lens clean?');
  await a.page.keyboard.press('Enter');
  await b.page.locator('.chat-line', { hasText: 'Is the lens clean?' }).waitFor();
  await sp.getByRole('button', { name: /^Run next lot:/ }).click();
  const holdBid = b.page.getByTestId('bid-hold').filter({ hasText: /^Hold to bid RM/ });
  await holdBid.waitFor();
  await hold(holdBid);
  await b.page.getByTestId('standing').filter({ hasText: /highest bidder/ }).waitFor();
  await stillPlaying(a.page, 'first buyer while bidding');
  await stillPlaying(b.page, 'second buyer while bidding');

  // A late viewer gets a picture quickly (a keyframe, not the next scheduled one).
  const c = await viewer(chong, stream.id);
  const fc = await firstFrame(c.page, c.t0, 'late buyer');

  // A viewer whose connection drops gets the picture back.
  await b.page.evaluate(() => window.__pcs.forEach((pc) => pc.close()));
  const tDrop = Date.now();
  const fr = await firstFrame(b.page, tDrop, 'reconnecting buyer');

  // Ending the show ends every viewer's video.
  const running = await sp.locator('.lot').getAttribute('data-auction-id');
  const cancel = await api(env.srv, 'POST', `/api/v1/auctions/${running}/cancel`, { token: seller.access_token });
  assert.equal(cancel.status, 200, cancel.text);
  sp.once('dialog', (d) => d.accept());
  await sp.getByRole('button', { name: 'End show' }).click();
  for (const [who, v] of [['first', a], ['second', b], ['late', c]]) {
    await v.page.locator('[data-testid="video-stage"]:not(.has-video)').waitFor({ timeout: 15000 })
      .catch((e) => { throw new Error(`${who} buyer's video did not end: ${e.message}`); });
  }
  await a.page.screenshot({ path: shotPath('video-ended-phone') });

  const fig = (f) => `${f.ms} ms to first frame, ${f.frameWidth}px wide, jitter buffer ${f.jitterBufferMs.toFixed(1)} ms`;
  console.log(`# video: first buyer ${fig(fa)}`);
  console.log(`# video: second buyer ${fig(fb)}`);
  console.log(`# video: late buyer ${fig(fc)}`);
  console.log(`# video: reconnecting buyer ${fig(fr)} (from the drop)`);
  for (const v of [a, b, c]) assert.deepEqual(v.ctx.errors, []);
  assert.deepEqual(sctx.errors, []);
  for (const v of [a, b, c]) await v.ctx.close();
  await sctx.close();
});
