// "Stream from OBS" in the seller's control room (web/src/show/EncoderPanel.tsx): on a server
// with LiveKit (its server API played by tests/integration/livekit_fake.mjs, which checks our
// calls with livekit-server-sdk), the seller gets a stream key, reads the server URL and the
// masked key, shows and copies them, and removes it (the fake sees CreateIngress, then
// DeleteIngress); on the embedded Janus the panel says that it needs LiveKit. Screenshots at
// 360x740 and 1280x800, axe-core clean.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, registerSeller, createShow } from '../api/lib/harness.mjs';
import { FakeLiveKit } from '../integration/livekit_fake.mjs';
import { ensureWebBuilt, launch, newContext, newPage, shotPath } from './lib/web.mjs';
import { audit } from './lib/axe.mjs';

const KEY = 'APIblytzweb';
const SECRET = 'another-livekit-secret-32-chars-long!!';
let fake, lk, janus, browser;

before(async () => {
  ensureWebBuilt();
  fake = await new FakeLiveKit({ apiKey: KEY, apiSecret: SECRET }).start();
  lk = await startServer({ env: { BLYTZ_VIDEO: 'livekit', LIVEKIT_URL: fake.wsUrl, LIVEKIT_API_KEY: KEY, LIVEKIT_API_SECRET: SECRET } });
  const vars = ['JANUS_URL', 'JANUS_ADMIN_KEY', 'JANUS_TOKEN_SECRET', 'JANUS_REC_DIR'];
  if (vars.every((k) => process.env[k])) {
    janus = await startServer({ env: { BLYTZ_VIDEO: 'janus', ...Object.fromEntries(vars.map((k) => [k, process.env[k]])) } });
  }
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await lk?.stop();
  await janus?.stop();
  await fake?.stop();
});

const panel = (page) => page.locator('section.encoder');

test('LiveKit: get a stream key, read and copy it, remove it', { timeout: 90000 }, async () => {
  const seller = await registerSeller(lk);
  const { stream } = await createShow(lk, seller); // scheduled: OBS is set up before the show
  const ctx = await newContext(browser, lk, { session: seller, permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await newPage(ctx);
  page.on('dialog', (d) => d.accept());
  await page.goto(`/s/${stream.id}`);
  await page.getByRole('heading', { name: 'Stream from OBS' }).waitFor();
  await panel(page).getByRole('button', { name: 'Get a stream key' }).click();
  await panel(page).getByText('Ready: OBS can stream to this show.').waitFor();
  const made = [...fake.ingresses.values()].find((i) => i.roomName === `show-${stream.id}`);
  assert.ok(made, 'the server created an ingress for the show');
  assert.equal(made.participantIdentity, `obs-u${seller.user.id}`);

  const server = panel(page).getByLabel('Server', { exact: true });
  const key = panel(page).getByLabel('Stream key', { exact: true });
  assert.equal(await server.inputValue(), made.url);
  assert.equal(await key.getAttribute('type'), 'password', 'the key is masked');
  assert.equal(await key.inputValue(), made.streamKey);
  await panel(page).getByText('Service:').waitFor();
  assert.match(await panel(page).locator('.encoder-steps').innerText(), /Service: WHIP\. Server: the server above\. Bearer Token: the stream key\./);

  await panel(page).getByRole('button', { name: 'Copy stream key' }).click();
  await panel(page).getByRole('button', { name: 'Copied stream key' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), made.streamKey);
  assert.equal(await key.getAttribute('type'), 'password', 'copying does not show it');

  for (const [w, h] of [[1280, 800], [360, 740]]) {
    await page.setViewportSize({ width: w, height: h });
    await panel(page).scrollIntoViewIfNeeded();
    await page.screenshot({ path: shotPath(`encoder-panel-${w}x${h}`) });
  }
  const violations = await audit(page);
  assert.deepEqual(violations, []);

  await panel(page).getByRole('button', { name: 'Show' }).click();
  assert.equal(await panel(page).getByLabel('Stream key', { exact: true }).getAttribute('type'), 'text');
  await panel(page).getByRole('button', { name: 'Remove stream key' }).click();
  await panel(page).getByRole('button', { name: 'Get a stream key' }).waitFor();
  for (let i = 0; i < 100 && fake.ingresses.has(made.ingressId); i++) await new Promise((r) => setTimeout(r, 50));
  assert.equal(fake.ingresses.has(made.ingressId), false, 'the worker deleted the ingress');
  assert.deepEqual(fake.rejected, []);
  assert.deepEqual(ctx.errors, []);
  await ctx.close();
});

test('Janus: the panel says that streaming from OBS needs LiveKit', { timeout: 60000 }, async (t) => {
  if (!janus) return t.skip('JANUS_* unset: run through scripts/test.sh');
  const seller = await registerSeller(janus);
  const { stream } = await createShow(janus, seller);
  const ctx = await newContext(browser, janus, { session: seller, viewport: { width: 360, height: 740 } });
  const page = await newPage(ctx);
  await page.goto(`/s/${stream.id}`);
  const note = panel(page).getByRole('note');
  await note.waitFor();
  assert.match(await note.innerText(), /needs the LiveKit video provider/);
  assert.equal(await panel(page).getByRole('button', { name: 'Get a stream key' }).count(), 0);
  await panel(page).scrollIntoViewIfNeeded();
  await page.screenshot({ path: shotPath('encoder-panel-janus-360x740') });
  assert.deepEqual(await audit(page), []);
  assert.deepEqual(ctx.errors, []);
  await ctx.close();
});
