// The account's delivery addresses, in the browser at phone and desktop size: add one (a
// foreign phone number marked at its input first), the first is the default, add a second and
// make it the default, edit one, delete the default and see the other become it. Screenshots
// at 360x740 and 1280x800; axe-core clean; nothing overflows the phone's width.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, registerUser } from '../api/lib/harness.mjs';
import { openPage, shotPath, useServerAndBrowser } from './lib/web.mjs';
import { audit } from './lib/axe.mjs';

let srv;
let browser;
useServerAndBrowser((env) => ({ srv, browser } = env));

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };

async function fill(page, f) {
  const form = page.locator('form.address-form');
  for (const [label, value] of Object.entries(f)) {
    if (label === 'State') await form.getByLabel('State').selectOption(value);
    else await form.getByLabel(label, { exact: false }).first().fill(value);
  }
  return form;
}

for (const [size, opts] of [['phone', PHONE], ['desktop', {}]]) {
  test(`delivery addresses on ${size}: add, default, edit, delete`, { timeout: 60000 }, async () => {
    const u = await registerUser(srv);
    const { ctx, page } = await openPage(browser, srv, '/account', { session: u, ...opts });
    const section = page.locator('section', { has: page.getByRole('heading', { name: 'Delivery addresses' }) });
    await section.getByText('No address yet').waitFor();
    await section.getByRole('button', { name: 'Add an address' }).click();
    let form = await fill(page, {
      "Recipient's name": 'Siti Aminah', Phone: '+65 6123 4567', 'Address line 1': '12 Jalan Ampang',
      City: 'Kuala Lumpur', Postcode: '50450', State: 'W.P. Kuala Lumpur',
    });
    await form.getByRole('button', { name: 'Add address' }).click();
    await form.getByText('Enter a Malaysian phone number').first().waitFor();
    assert.equal(await form.getByLabel('Phone').getAttribute('aria-invalid'), 'true', 'the phone input is marked');
    await form.getByLabel('Phone').fill('012-345 6789');
    await form.getByRole('button', { name: 'Add address' }).click();
    await section.getByText('+60123456789').waitFor();
    await section.locator('li.default').getByText('Siti Aminah').waitFor();
    await page.screenshot({ path: shotPath(`addresses-one-${size}`), fullPage: true });

    // a second one, made the default
    await section.getByRole('button', { name: 'Add an address' }).click();
    form = await fill(page, {
      "Recipient's name": 'Siti (office)', Phone: '03-2345 6789', 'Address line 1': '1 Jalan Templer',
      City: 'Petaling Jaya', Postcode: '46000', State: 'Selangor',
    });
    await form.getByRole('button', { name: 'Add address' }).click();
    await section.getByText('+60323456789').waitFor();
    await section.getByRole('button', { name: 'Make default: the address of Siti (office)' }).click();
    await section.locator('li.default').getByText('Siti (office)').waitFor();
    let list = (await api(srv, 'GET', '/api/v1/users/me/addresses', { token: u.access_token })).json.addresses;
    assert.deepEqual(list.map((a) => [a.name, a.is_default]), [['Siti (office)', true], ['Siti Aminah', false]]);

    // edit the first: a new line 2
    await section.getByRole('button', { name: 'Edit the address of Siti Aminah' }).click();
    form = page.locator('form.address-form');
    await form.getByLabel('Address line 2').fill('Unit 3A');
    await form.getByRole('button', { name: 'Save address' }).click();
    await section.getByText('12 Jalan Ampang, Unit 3A').waitFor();
    assert.deepEqual(await audit(page), []);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no sideways scroll (${overflow} px)`);
    await page.screenshot({ path: shotPath(`addresses-two-${size}`), fullPage: true });

    // delete the default: the other becomes it
    page.once('dialog', (d) => d.accept());
    await section.getByRole('button', { name: 'Delete the address of Siti (office)' }).click();
    await section.getByText('Address deleted.').waitFor();
    await section.locator('li.default').getByText('Siti Aminah').waitFor();
    list = (await api(srv, 'GET', '/api/v1/users/me/addresses', { token: u.access_token })).json.addresses;
    assert.deepEqual(list.map((a) => [a.name, a.is_default]), [['Siti Aminah', true]]);
    assert.deepEqual(ctx.errors, []);
    await ctx.close();
  });
}
