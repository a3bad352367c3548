// A recorded show, replayed: the seller goes live from the control room (recording on, as by
// default) and publishes the fake camera and microphone; a buyer sees the "Recorded" mark and
// wins a lot; the show ends; the outbox stops the recording and makes its files (janus-pp-rec
// into the blob store); the buyer's order links to the moment the lot sold, and the ended
// show's page plays the replay there: the picture decodes, the sound plays in step, and the
// lot's sale button seeks to the sale. Real Janus, blytz and Chromium, in the test's own
// network namespace (see lib.mjs). Prints how long the recording took to be ready.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, registerSeller, registerUser, createShow } from '../api/lib/harness.mjs';
import { startAuction } from '../api/lib/live.mjs';
import { audit } from '../e2e/lib/axe.mjs';
import { newContext, newPage, shotPath } from '../e2e/lib/web.mjs';
import { PHONE, sleep, useVideoEnv } from './lib.mjs';

const env = useVideoEnv();

/** The replay player's media, as the page has it. */
const media = (page) => page.evaluate(() => {
  const v = document.querySelector('[data-testid="replay-video"]');
  const a = document.querySelector('[data-testid="replay-audio"]');
  return v && {
    t: v.currentTime, duration: v.duration, paused: v.paused, width: v.videoWidth,
    frames: v.getVideoPlaybackQuality().totalVideoFrames,
    audio: a && { t: a.currentTime, paused: a.paused },
  };
});

async function waitMedia(page, what, check, ms = 15000) {
  const end = Date.now() + ms;
  for (;;) {
    const m = await media(page);
    if (m && check(m)) return m;
    if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms (${JSON.stringify(m)})`);
    await sleep(100);
  }
}

test('a recorded show: replayed with its lots, and the order links to the moment it sold', { timeout: 180000 }, async () => {
  const seller = await registerSeller(env.srv);
  const buyer = await registerUser(env.srv);
  const { stream, productIds } = await createShow(env.srv, seller, { products: 1, lot: 'Canon AE-1', price: 85000 });

  // The seller's phone: recording is on in the control room; "Go live" starts the camera.
  const sctx = await newContext(env.browser, env.srv, { session: seller, ...PHONE });
  const sp = await newPage(sctx);
  await sp.goto(`/s/${stream.id}`);
  assert.equal(await sp.getByLabel('Record this show').isChecked(), true);
  await sp.getByRole('button', { name: 'Go live' }).click();
  await sp.locator('[data-testid="video-stage"].has-video video').waitFor({ timeout: 20000 });

  // A buyer watching is told the show is recorded.
  const bctx = await newContext(env.browser, env.srv, { session: buyer, ...PHONE });
  const bp = await newPage(bctx);
  await bp.goto(`/s/${stream.id}`);
  await bp.locator('.video-overlay .badge.rec', { hasText: 'Recorded' }).waitFor();

  // A few seconds of picture, then the lot sells (buy-it-now), then a little more.
  await sleep(3000);
  const a = await startAuction(env.srv, seller, stream.id, { product_id: productIds[0], starting_bid: 1000, buy_now_price: 1200, duration_s: 60 });
  const won = await api(env.srv, 'POST', `/api/v1/auctions/${a.id}/bids`, { token: buyer.access_token, body: { amount: 1200 } });
  assert.equal(won.json.auction.status, 'ended', won.text);
  await sleep(3000);
  sp.once('dialog', (d) => d.accept());
  await sp.getByRole('button', { name: 'End show' }).click();
  const tEnd = Date.now();

  // The outbox stops the recording and makes its files.
  let r;
  for (;;) {
    r = (await api(env.srv, 'GET', `/api/v1/streams/${stream.id}/replay`)).json.replay;
    if (r.state === 'ready' || r.state === 'failed') break;
    if (Date.now() - tEnd > 60000) throw new Error(`recording still ${r.state}\n${env.srv.logs().slice(-3000)}`);
    await sleep(200);
  }
  assert.equal(r.state, 'ready', r.reason);
  console.log(`# replay: ready ${Date.now() - tEnd} ms after the end; its time 0 ${Date.parse(a.started_at) - Date.parse(r.started_at)} ms before the lot started`);
  assert.equal(r.video.type, 'video/webm');
  assert.equal(r.audio.type, 'audio/ogg');
  const [lot] = r.lots;
  assert.equal(lot.title, 'Canon AE-1 1');
  assert.equal(lot.sale.price, 1200);
  assert.ok(lot.decided_ms > 1000, `the sale is some seconds in: ${lot.decided_ms} ms`);

  // The buyer's order links to the moment it sold.
  await bp.goto('/orders');
  const link = bp.getByRole('link', { name: 'Watch the moment it sold' });
  const at = Math.floor(lot.decided_ms / 1000);
  assert.equal(await link.getAttribute('href'), `/s/${stream.id}?t=${at}#replay`);
  await link.click();
  await bp.locator('[data-testid="replay-player"]').waitFor({ timeout: 20000 });
  await bp.getByText(/Starting at \d+:\d\d: the moment the lot sold/).waitFor();

  // It starts there. Played from the beginning (the most picture to play, on a loaded
  // machine): frames decode, the sound follows the picture.
  const atStart = await waitMedia(bp, 'seeked to the sale', (m) => m.duration > 0 && Math.abs(m.t - at) < 0.5);
  assert.ok(atStart.duration > 4, `about as long as the show: ${atStart.duration} s`);
  await bp.evaluate(() => {
    const v = document.querySelector('[data-testid="replay-video"]');
    v.currentTime = 0;
    return v.play();
  });
  const playing = await waitMedia(bp, 'frames decoded while playing', (m) => !m.paused && m.frames > 5 && m.t > 0.5);
  // The camera sends 640x360; WebRTC's encoder steps the size down (to 3/4 or 1/2) while the
  // publishing machine is short of CPU, and the recording keeps what was sent.
  assert.ok(playing.width >= 320 && playing.width <= 640, `recorded at ${playing.width} px wide`);
  const inStep = await waitMedia(bp, 'the sound in step', (m) => m.audio && !m.audio.paused &&
    Math.abs(m.audio.t - (m.t - r.audio.offset_ms / 1000)) < 0.5);
  console.log(`# replay: ${inStep.frames} frames, ${atStart.duration.toFixed(1)} s long, the sound ${(inStep.audio.t - (inStep.t - r.audio.offset_ms / 1000)).toFixed(2)} s off its place (its file starts ${r.audio.offset_ms} ms into the picture)`);

  // Pausing the picture pauses the sound.
  await bp.evaluate(() => document.querySelector('[data-testid="replay-video"]').pause());
  await waitMedia(bp, 'the sound paused too', (m) => m.paused && m.audio.paused);

  // The lot's buttons jump: to its start, and to the sale.
  await bp.getByRole('button', { name: /^Lot 1: Canon AE-1 1 · Sold RM\s?12\.00/ }).click();
  await waitMedia(bp, 'seeked to the lot', (m) => Math.abs(m.t - lot.start_ms / 1000) < 0.3);
  await bp.getByRole('button', { name: /^The sale, / }).click();
  await waitMedia(bp, 'seeked to the sale', (m) => Math.abs(m.t - lot.decided_ms / 1000) < 0.3);
  await bp.getByRole('button', { name: /^Lot 1: Canon AE-1 1, at / }).click(); // its mark on the timeline
  await waitMedia(bp, 'the timeline mark seeks', (m) => Math.abs(m.t - lot.start_ms / 1000) < 0.3);

  assert.deepEqual(await audit(bp), []);
  await bp.locator('#replay').screenshot({ path: shotPath('replay-phone') });
  await bp.setViewportSize({ width: 1280, height: 800 });
  await bp.locator('#replay').scrollIntoViewIfNeeded();
  await bp.screenshot({ path: shotPath('replay-desktop') });
  assert.deepEqual(await audit(bp), []);

  // The seller's sales link to the same moment.
  await sp.goto('/orders?role=seller');
  await sp.screenshot({ path: shotPath('receipt-seller-phone') });
  assert.equal(await sp.getByRole('link', { name: 'Watch the moment it sold' }).getAttribute('href'), `/s/${stream.id}?t=${at}#replay`);
  assert.deepEqual(bctx.errors, []);
  assert.deepEqual(sctx.errors, []);
  await bctx.close();
  await sctx.close();
});
