// The seller's choice to record a show, in the browser: "Record this show" when scheduling
// (on by default), then in the control room until the show goes live; viewers of a recorded
// live show see the "Recorded" mark; an ended show without a recording says there is no
// replay. Screenshots at phone and desktop sizes; axe-core on each. (The replay itself needs
// real video: tests/video/replay.test.mjs.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, registerSeller } from '../api/lib/harness.mjs';
import { newContext, newPage, shotPath, useServerAndBrowser } from './lib/web.mjs';
import { audit } from './lib/axe.mjs';

const env = useServerAndBrowser();
const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };

test('record this show: chosen when scheduling, changed in the control room, shown to viewers', { timeout: 90000 }, async () => {
  const { srv, browser } = env;
  const seller = await registerSeller(srv);
  const p = await api(srv, 'POST', '/api/v1/products', { token: seller.access_token,
    body: { title: 'Canon AE-1', condition: 'good', quantity: 1, buy_now_price: 85000, shipping_weight_g: 700 } });
  assert.equal(p.status, 201, p.text);

  // Scheduling: on by default, and said to viewers; the seller turns it off.
  const sctx = await newContext(browser, srv, { session: seller, ...PHONE });
  const sp = await newPage(sctx);
  await sp.goto('/studio/shows/new');
  await sp.getByLabel('Show title').fill('Malam Kamera Filem');
  await sp.getByLabel('Canon AE-1').check();
  const choice = sp.getByLabel('Record this show');
  assert.equal(await choice.isChecked(), true);
  await sp.getByText(/Viewers see that it is recorded/).waitFor();
  await choice.scrollIntoViewIfNeeded();
  await sp.screenshot({ path: shotPath('record-schedule-phone') });
  assert.deepEqual(await audit(sp), []);
  await choice.uncheck();
  await sp.getByRole('button', { name: 'Schedule show' }).click();
  await sp.waitForURL(/\/s\/\d+$/);
  const id = new URL(sp.url()).pathname.split('/').pop();
  const show = async () => (await api(srv, 'GET', `/api/v1/streams/${id}`)).json.stream;
  assert.equal((await show()).record, false);

  // The control room, before going live: turned back on.
  const toggle = sp.locator('.seller-bar').getByLabel('Record this show');
  assert.equal(await toggle.isChecked(), false);
  await sp.getByText('No replay, and no video receipts for your buyers.').waitFor();
  await toggle.check();
  await sp.getByText(/Viewers see “Recorded”/).waitFor();
  assert.equal((await show()).record, true);
  await sp.screenshot({ path: shotPath('record-control-room-phone') });
  assert.deepEqual(await audit(sp), []);
  await sp.setViewportSize({ width: 1280, height: 800 });
  await sp.screenshot({ path: shotPath('record-control-room-desktop') });

  // Live: the choice is settled (no toggle), and a viewer sees the mark.
  await sp.getByRole('button', { name: 'Go live' }).click();
  await sp.locator('.video-overlay .badge.live').waitFor();
  assert.equal(await sp.locator('.seller-bar').getByLabel('Record this show').count(), 0);
  const vctx = await newContext(browser, srv, PHONE);
  const vp = await newPage(vctx);
  await vp.goto(`/s/${id}`);
  const mark = vp.locator('.video-overlay .badge.rec');
  await mark.waitFor();
  assert.equal((await mark.textContent()).trim(), '● Recorded');
  await vp.screenshot({ path: shotPath('record-viewer-phone') });
  assert.deepEqual(await audit(vp), []);

  // Ended on a server without video: nothing was recorded, and the page says so.
  sp.once('dialog', (d) => d.accept());
  await sp.getByRole('button', { name: 'End show' }).click();
  await vp.locator('#replay').getByText('There is no replay of this show.').waitFor();
  assert.equal(await mark.count(), 0, 'no mark once the show has ended');
  assert.deepEqual(sctx.errors, []);
  assert.deepEqual(vctx.errors, []);
  await sctx.close();
  await vctx.close();
});
