// Co-hosts and screen share, for real: the seller goes live and invites a co-host from the
// control room; the co-host's page says "You're co-hosting" and goes on camera; a buyer decodes
// both cameras; the seller shares a screen (headless Chromium's fake screen: getDisplayMedia
// with the fake-device and fake-UI flags lib.mjs launches with) and the buyer decodes it as a
// smaller tile; the seller removes the co-host: the buyer's tile goes, Janus kicks the co-host,
// and their key no longer opens the room. Real Janus, blytz and Chromium in the test's network
// namespace (scripts/netns-run.sh). Screenshots at phone and desktop sizes, axe-core on each
// page, and no tile or bar over the bid control or the chat input. Prints each feed's time to
// first frame as "# video:" lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, registerSeller, registerUser, createShow } from '../api/lib/harness.mjs';
import { newContext, newPage, shotPath } from '../e2e/lib/web.mjs';
import { audit } from '../e2e/lib/axe.mjs';
import { PHONE, sleep, useVideoEnv, watchPeerConnections } from './lib.mjs';

const DESKTOP = { viewport: { width: 1280, height: 800 } };
const env = useVideoEnv();

const t00 = Date.now();
const mark = (what) => process.env.VIDEO_DEBUG && console.log(`step ${((Date.now() - t00) / 1000).toFixed(1)} s: ${what}`);
const tile = (identity, kind) => `[data-testid="stage-tile"][data-identity="${identity}"][data-kind="${kind}"]`;
const MAIN = '[data-testid="video-stage"]';

/** The decoder's figures for the video element `selector` shows: getStats of the connection
 * that receives its track. Null while there is none. */
function feedStats(page, selector) {
  return page.evaluate(async (sel) => {
    const track = document.querySelector(`${sel} video`)?.srcObject?.getVideoTracks?.()[0];
    if (!track) return null;
    for (const pc of window.__pcs ?? []) {
      if (pc.connectionState === 'closed' || !pc.getReceivers().some((r) => r.track === track)) continue;
      let out = null;
      (await pc.getStats(track)).forEach((r) => {
        if (r.type === 'inbound-rtp' && r.kind === 'video') out = { framesDecoded: r.framesDecoded ?? 0, frameWidth: r.frameWidth ?? 0, frameHeight: r.frameHeight ?? 0 };
      });
      return out;
    }
    return null;
  }, selector);
}

/** Wait until `selector`'s feed decodes frames; the time from `t0`, and the figures then. */
async function firstFrame(page, selector, t0, what, ms = 25000) {
  for (;;) {
    const s = await feedStats(page, selector);
    if (s && s.framesDecoded > 0 && s.frameWidth > 0) return { ms: Date.now() - t0, ...s };
    if (Date.now() - t0 > ms) throw new Error(`${what}: no frame decoded within ${ms} ms (${JSON.stringify(s)})`);
    await sleep(100);
  }
}

/** Nothing of `over` (tiles, bars) covers the bid control or the chat input. */
async function noOverlap(page, over, label) {
  const boxes = async (sel) => (await page.locator(sel).all()).map((l) => l.boundingBox());
  const problems = [];
  for (const sel of over) {
    for (const a of await Promise.all(await boxes(sel))) {
      for (const target of ['.lot', '.chat-form']) {
        const b = await page.locator(target).first().boundingBox();
        if (a && b && a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) {
          problems.push(`${label}: ${sel} ${JSON.stringify(a)} overlaps ${target} ${JSON.stringify(b)}`);
        }
      }
    }
  }
  return problems;
}

async function open(session, id, size, who) {
  const ctx = await newContext(env.browser, env.srv, { session, ...size });
  await watchPeerConnections(ctx);
  const page = await newPage(ctx);
  if (process.env.VIDEO_DEBUG) page.on('console', (m) => console.log(`${who}:`, m.text()));
  await page.goto(`/s/${id}`);
  return { ctx, page };
}

/** Participants of show `id`'s Janus room, asked as a env.browser would (a viewer grant). */
async function displaysInRoom(id) {
  const g = (await api(env.srv, 'POST', `/api/v1/streams/${id}/video/token`, { body: { role: 'viewer' } })).json.video;
  const post = async (path, body) => (await fetch(g.url + path, { method: 'POST', body: JSON.stringify({ ...body, transaction: 't' + Math.random(), token: g.token }) })).json();
  const s = (await post('', { janus: 'create' })).data.id;
  const h = (await post(`/${s}`, { janus: 'attach', plugin: 'janus.plugin.videoroom' })).data.id;
  const list = (await post(`/${s}/${h}`, { janus: 'message', body: { request: 'listparticipants', room: g.room } })).plugindata.data.participants ?? [];
  await post(`/${s}`, { janus: 'destroy' });
  return list.map((p) => p.display);
}

test('a co-host on camera and a shared screen reach a buyer; removing the co-host takes them off', { timeout: 240000 }, async () => {
  const seller = await registerSeller(env.srv);
  const [ali, bala] = [await registerUser(env.srv), await registerUser(env.srv)];
  const { stream } = await createShow(env.srv, seller, { products: 2, price: 15000 });
  const [uSeller, uAli] = [`u${seller.user.id}`, `u${ali.user.id}`];

  // The seller's desktop: go live, invite Ali from the control room.
  const s = await open(seller, stream.id, DESKTOP, 'seller');
  await s.page.getByRole('button', { name: 'Go live' }).click();
  await s.page.locator(`${MAIN}.has-video video`).waitFor({ timeout: 20000 });
  await s.page.getByLabel('Invite a co-host').fill(`@${ali.user.username}`);
  await s.page.getByRole('button', { name: 'Invite', exact: true }).click();
  await s.page.getByRole('button', { name: `Remove ${ali.user.username}` }).waitFor();

  mark('invited');
  // A buyer's phone decodes the seller's camera.
  const b = await open(bala, stream.id, PHONE, 'buyer');
  const tOpen = Date.now();
  const fSeller = await firstFrame(b.page, MAIN, tOpen, "buyer, the seller's camera");

  mark('buyer decodes seller');
  // Ali's phone: "You're co-hosting", then on camera.
  const c = await open(ali, stream.id, PHONE, 'co-host');
  await c.page.getByText("You're co-hosting").waitFor();
  const tCam = Date.now();
  await c.page.getByRole('button', { name: 'Go on camera' }).click();
  await c.page.locator(tile(uAli, 'camera')).waitFor(); // their own preview
  const fCohost = await firstFrame(b.page, tile(uAli, 'camera'), tCam, "buyer, the co-host's camera");
  const fCohostAtSeller = await firstFrame(s.page, tile(uAli, 'camera'), tCam, "seller, the co-host's camera");
  await firstFrame(c.page, MAIN, tCam, "co-host, the seller's camera");

  mark('co-host frames everywhere');
  // The seller runs a lot (the bid control is on screen) and shares a screen.
  await s.page.getByRole('button', { name: /^Run next lot:/ }).click();
  await b.page.getByTestId('bid-hold').first().waitFor();
  const tShare = Date.now();
  await s.page.getByRole('button', { name: 'Share screen' }).click();
  await s.page.getByRole('button', { name: 'Stop sharing' }).waitFor();
  const fScreen = await firstFrame(b.page, tile(uSeller, 'screen'), tShare, "buyer, the seller's screen");
  const fScreenAtCohost = await firstFrame(c.page, tile(uSeller, 'screen'), tShare, "co-host, the seller's screen");
  assert.equal(await b.page.locator(`${MAIN} video.screen`).count(), 0, "the seller's camera stays the main picture");

  mark('screen frames');
  // Screenshots, layout and accessibility: the buyer's and the co-host's phones, the seller's
  // desktop, and the buyer's page at desktop size too.
  const problems = [];
  await b.page.screenshot({ path: shotPath('cohost-buyer-phone') });
  await c.page.screenshot({ path: shotPath('cohost-cohost-phone') });
  await s.page.evaluate(() => window.scrollTo(0, 0));
  await s.page.screenshot({ path: shotPath('cohost-seller-desktop') });
  await s.page.locator('.stage-panel').screenshot({ path: shotPath('cohost-seller-panel-desktop') });
  problems.push(...await noOverlap(b.page, ['.stage-tiles'], 'buyer phone'));
  problems.push(...await noOverlap(c.page, ['.stage-tiles', '.cohost-bar'], 'co-host phone'));
  problems.push(...await noOverlap(s.page, ['.stage-tiles'], 'seller desktop'));
  for (const [who, p] of [['buyer', b.page], ['co-host', c.page], ['seller', s.page]]) {
    for (const v of await audit(p)) problems.push(`${who}: ${v}`);
  }
  mark('audits done');
  await b.page.setViewportSize(DESKTOP.viewport);
  await sleep(300);
  await b.page.screenshot({ path: shotPath('cohost-buyer-desktop') });
  problems.push(...await noOverlap(b.page, ['.stage-tiles'], 'buyer desktop'));
  await b.page.setViewportSize(PHONE.viewport);
  // Tapping the screen's tile shows it large; tapping the seller's tile brings the camera back.
  await b.page.locator(`${tile(uSeller, 'screen')} button`).click();
  await b.page.locator(`${MAIN} video.screen`).waitFor();
  await b.page.locator(`${tile(uSeller, 'camera')} button`).click();
  await b.page.locator(`${MAIN} video:not(.screen)`).waitFor();
  assert.deepEqual(problems, []);

  mark('tiles picked');
  // Keep a co-host grant minted before the removal: its key must stop working.
  const before = await api(env.srv, 'POST', `/api/v1/streams/${stream.id}/video/token`, { token: ali.access_token, body: { role: 'cohost' } });
  assert.equal(before.status, 200, before.text);
  assert.ok((await displaysInRoom(stream.id)).includes(uAli));

  // The seller removes Ali: the buyer's tile goes, Ali's page stops co-hosting, Janus kicks
  // Ali, and neither a new grant nor the old key gets them back on.
  // When the tile goes, as the buyer's page sees it (the test's own polling adds its delay).
  await b.page.evaluate((sel) => new MutationObserver(() => {
    window.__goneAt ??= document.querySelector(sel) ? undefined : Date.now();
  }).observe(document.body, { subtree: true, childList: true }), tile(uAli, 'camera'));
  const tRemove = Date.now();
  await s.page.getByRole('button', { name: `Remove ${ali.user.username}` }).click();
  await b.page.locator(tile(uAli, 'camera')).waitFor({ state: 'detached', timeout: 10000 });
  const tileGoneMs = (await b.page.evaluate(() => window.__goneAt)) - tRemove;
  await c.page.getByText("You're co-hosting").waitFor({ state: 'detached' });
  assert.equal(await c.page.getByRole('button', { name: 'Go on camera' }).count(), 0);
  for (let i = 0; (await displaysInRoom(stream.id)).includes(uAli); i++) {
    assert.ok(i < 100, 'Janus still has the co-host 10 s after the removal');
    await sleep(100);
  }
  const kickedMs = Date.now() - tRemove;
  const after = await api(env.srv, 'POST', `/api/v1/streams/${stream.id}/video/token`, { token: ali.access_token, body: { role: 'cohost' } });
  assert.equal(after.status, 403, after.text);
  const g = before.json.video;
  const post = async (path, body) => (await fetch(g.url + path, { method: 'POST', body: JSON.stringify({ ...body, transaction: 't' + Math.random(), token: g.token }) })).json();
  const js = (await post('', { janus: 'create' })).data.id;
  const jh = (await post(`/${js}`, { janus: 'attach', plugin: 'janus.plugin.videoroom' })).data.id;
  await post(`/${js}/${jh}`, { janus: 'message', body: { request: 'join', ptype: 'publisher', room: g.room, display: g.identity, token: g.publish_key } });
  let answer;
  for (let i = 0; i < 10 && !answer; i++) {
    const ev = [].concat(await (await fetch(`${g.url}/${js}?maxev=1&token=${encodeURIComponent(g.token)}`)).json())[0];
    answer = ev?.plugindata?.data;
  }
  await post(`/${js}`, { janus: 'destroy' });
  assert.equal(answer?.error_code, 433, `the old key after removal: ${JSON.stringify(answer)}`);
  // The seller's screen and camera play on.
  assert.ok((await feedStats(b.page, tile(uSeller, 'screen')))?.framesDecoded > 0);
  await b.page.screenshot({ path: shotPath('cohost-removed-buyer-phone') });

  mark('removal checked');
  const fig = (f) => `${f.ms} ms to first frame, ${f.frameWidth}x${f.frameHeight}`;
  console.log(`# video: buyer, the seller's camera: ${fig(fSeller)} (from opening the page)`);
  console.log(`# video: buyer, the co-host's camera: ${fig(fCohost)} (from "Go on camera")`);
  console.log(`# video: seller, the co-host's camera: ${fig(fCohostAtSeller)} (from "Go on camera")`);
  console.log(`# video: buyer, the seller's screen: ${fig(fScreen)} (from "Share screen")`);
  console.log(`# video: co-host, the seller's screen: ${fig(fScreenAtCohost)} (from "Share screen")`);
  console.log(`# video: removal: the buyer's tile gone after ${tileGoneMs} ms, Janus kicked the co-host after ${kickedMs} ms`);
  for (const v of [s, b, c]) assert.deepEqual(v.ctx.errors, []);
  for (const v of [s, b, c]) await v.ctx.close();
});
