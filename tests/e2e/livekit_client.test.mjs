// The show room on a server that uses LiveKit (BLYTZ_VIDEO=livekit): the browser's video
// module (web/src/video/livekit.ts) drives LiveKit's official client, livekit-client, with
// the grants our server mints. No LiveKit server can run here, so this is proven at its
// boundary: tests/integration/livekit_fake.mjs plays LiveKit's signalling endpoint (/rtc/v1),
// verifies each join's token with livekit-server-sdk's TokenVerifier and the grant its role
// may have, decodes the join request with @livekit/protocol, then refuses the join (it has no
// SFU). What it shows: the seller's page connects as a publisher with its camera, a viewer's
// page as a viewer, both to the URL from the grant, with our token; each comes back with a
// fresh grant after the refusal; only the LiveKit chunk is loaded, never Janus's. Media never
// flows: that needs a real LiveKit server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { startServer, registerSeller, registerUser, createShow } from '../api/lib/harness.mjs';
import { FakeLiveKit } from '../integration/livekit_fake.mjs';
import { CHROMIUM_ARGS, ensureWebBuilt, newContext, newPage } from './lib/web.mjs';

const KEY = 'APIblytzclient';
const SECRET = 'a-third-livekit-secret-of-32-chars!!';
let fake, srv, browser;

before(async () => {
  ensureWebBuilt();
  fake = await new FakeLiveKit({ apiKey: KEY, apiSecret: SECRET }).start();
  srv = await startServer({ env: { BLYTZ_VIDEO: 'livekit', LIVEKIT_URL: fake.wsUrl, LIVEKIT_API_KEY: KEY, LIVEKIT_API_SECRET: SECRET, BLYTZ_RATE_VIDEO_BURST: '1000' } });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_BIN || '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
    headless: true,
  });
});
after(async () => {
  await browser?.close();
  await srv?.stop();
  await fake?.stop();
});

/** Wait (bounded) until the stand-in has seen `n` joins that `match` accepts. */
async function joins(what, match, n = 1) {
  for (let i = 0; i < 600; i++) {
    const seen = fake.signals.filter(match);
    if (seen.length >= n) return seen;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the stand-in never saw ${n} join(s) of ${what}; saw ${JSON.stringify(fake.signals.map((s) => [s.identity, s.role]))}, refused ${JSON.stringify(fake.rejected)}`);
}

test('livekit-client joins with our grants: the seller as publisher with a camera, a viewer as viewer, again after a refusal', { timeout: 120000 }, async () => {
  const seller = await registerSeller(srv);
  const buyer = await registerUser(srv);
  const { stream } = await createShow(srv, seller, { live: true });
  const room = `show-${stream.id}`;

  const chunks = [];
  const sctx = await newContext(browser, srv, { session: seller, permissions: ['camera', 'microphone'] });
  const bctx = await newContext(browser, srv, { session: buyer });
  for (const ctx of [sctx, bctx]) ctx.on('request', (r) => { if (r.serviceWorker()) return; /* the worker precaches every chunk */ const m = /\/assets\/(\w+)-[\w-]+\.js$/.exec(r.url()); if (m) chunks.push(m[1]); });
  const sp = await newPage(sctx);
  const bp = await newPage(bctx);
  await sp.goto(`/s/${stream.id}`);
  await bp.goto(`/s/${stream.id}`);

  const publisher = await joins('the seller', (s) => s.identity === `u${seller.user.id}`, 2);
  // The seller's page also watches the room, under a viewer identity of its own: LiveKit pushes
  // out an earlier connection of the same identity, so watching must never be the camera's.
  const watching = await joins('the seller watching', (s) => s.identity.startsWith(`u${seller.user.id}-v`), 1);
  assert.equal(watching[0].role, 'viewer');
  for (const s of publisher) {
    assert.equal(s.path, '/rtc/v1');
    assert.equal(s.role, 'publisher');
    assert.equal(s.room, room);
    assert.equal(s.claims.video.canPublish, true);
    assert.equal(s.sdk, 1, 'ClientInfo.SDK JS'); // livekit.ClientInfo.SDK: JS = 1
    assert.equal(s.autoSubscribe, false, 'a publisher subscribes to nothing');
  }
  const viewer = await joins('the buyer', (s) => s.identity.startsWith(`u${buyer.user.id}-v`), 2);
  assert.notEqual(viewer[0].identity, viewer[1].identity, 'each grant a session identity of its own');
  for (const s of viewer) {
    assert.equal(s.role, 'viewer');
    assert.equal(s.room, room);
    assert.equal(s.claims.video.canPublish, false);
    assert.equal(s.autoSubscribe, true, 'a viewer subscribes to the show');
  }
  assert.deepEqual(fake.rejected, [], 'every join verified');

  // The seller's page opened its camera to publish it (the picture is the room's).
  assert.ok(await sp.evaluate(() => !!document.querySelector('video') && !!document.querySelector('video').srcObject), 'the seller sees their camera');
  assert.ok(chunks.includes('livekit'), `the LiveKit chunk was loaded (${chunks})`);
  assert.ok(!chunks.includes('janus'), 'the Janus chunk was not');
  assert.deepEqual(sctx.errors, []);
  assert.deepEqual(bctx.errors, []);
  await sctx.close();
  await bctx.close();
});
