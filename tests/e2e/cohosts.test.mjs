// Co-hosts in the show room, without video (this server has none; tests/video has the media):
// the seller invites from "On stage" below the screen, a refusal reads as the app words it,
// the invited user's page says "You're co-hosting" where the seller's bar would be, and steps
// down; the seller's list follows show:stage; the seller removes a co-host and the co-host's
// page stops co-hosting at once. Phone and desktop, axe-core on the co-host's page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, registerUser, registerSeller } from '../api/lib/harness.mjs';
import { liveShow, newContext, newPage, shotPath, useServerAndBrowser } from './lib/web.mjs';
import { audit } from './lib/axe.mjs';

let srv;
let browser;
useServerAndBrowser((env) => ({ srv, browser } = env));

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

test('the seller invites and removes co-hosts; a co-host sees it and steps down', { timeout: 90000 }, async () => {
  const seller = await registerSeller(srv);
  const [ali, bala] = [await registerUser(srv), await registerUser(srv)];
  const { stream } = await liveShow(srv, seller);
  const sctx = await newContext(browser, srv, { session: seller });
  const sp = await newPage(sctx);
  await sp.goto(`/s/${stream.id}`);
  const field = sp.getByLabel('Invite a co-host');
  await field.fill('nobody_by_that_name');
  await sp.getByRole('button', { name: 'Invite', exact: true }).click();
  await sp.getByText('no user has that username').waitFor();
  await field.fill(seller.user.username);
  await sp.getByRole('button', { name: 'Invite', exact: true }).click();
  await sp.getByText('You host this show already: invite someone else.').waitFor();

  // Ali and Bala have the show open; the seller invites both.
  const actx = await newContext(browser, srv, { session: ali, ...PHONE });
  const ap = await newPage(actx);
  await ap.goto(`/s/${stream.id}`);
  const bctx = await newContext(browser, srv, { session: bala });
  const bp = await newPage(bctx);
  await bp.goto(`/s/${stream.id}`);
  await ap.locator('.chat-form').waitFor();
  await bp.locator('.chat-form').waitFor();
  for (const u of [ali, bala]) {
    await field.fill(u.user.username);
    await sp.getByRole('button', { name: 'Invite', exact: true }).click();
    await sp.getByRole('button', { name: `Remove ${u.user.username}` }).waitFor();
  }
  await ap.getByText("You're co-hosting").waitFor(); // from show:stage, no reload
  await bp.getByText("You're co-hosting").waitFor();
  assert.equal(await ap.getByRole('button', { name: 'Go on camera' }).count(), 1);
  await ap.screenshot({ path: shotPath('cohost-bar-phone') });
  await sp.locator('.stage-panel').screenshot({ path: shotPath('cohost-panel-desktop') });
  const bar = await ap.locator('.cohost-bar').boundingBox();
  const chat = await ap.locator('.chat-form').boundingBox();
  assert.ok(bar.y >= chat.y + chat.height, `the co-host's bar ${JSON.stringify(bar)} is below the chat input ${JSON.stringify(chat)}`);
  assert.deepEqual(await audit(ap), []);

  // Ali steps down: the seller's list and Ali's page follow.
  ap.once('dialog', (d) => d.accept());
  await ap.getByRole('button', { name: 'Step down' }).click();
  await ap.getByText("You're co-hosting").waitFor({ state: 'detached' });
  await sp.getByRole('button', { name: `Remove ${ali.user.username}` }).waitFor({ state: 'detached' });

  // The seller removes Bala: Bala's page stops co-hosting.
  await sp.getByRole('button', { name: `Remove ${bala.user.username}` }).click();
  await bp.getByText("You're co-hosting").waitFor({ state: 'detached' });
  const stage = await api(srv, 'GET', `/api/v1/streams/${stream.id}/cohosts`);
  assert.deepEqual(stage.json.cohosts, []);
  for (const c of [sctx, actx, bctx]) assert.deepEqual(c.errors, []);
  for (const c of [sctx, actx, bctx]) await c.close();
});
