// Buyer pages: search with filters (text, category, price range, in stock, seller),
// the product page at /p/:id, follow/unfollow on the seller page, and the account page
// (avatar upload, spending cap, notifications: following a shop, then hearing it went live).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { registerSeller, registerUser, api } from '../api/lib/harness.mjs';
import { openPage, samplePng, until, useServerAndBrowser } from './lib/web.mjs';

let srv;
let browser;
let seller;
let other;
const products = {};

useServerAndBrowser(async (env) => {
  ({ srv, browser } = env);
  seller = await registerSeller(srv);
  other = await registerSeller(srv);
  const cats = (await api(srv, 'GET', '/api/v1/categories')).json.categories;
  const cameras = cats.find((c) => c.slug === 'electronics');
  const fashion = cats.find((c) => c.slug === 'fashion');
  const add = async (who, key, body) => {
    const r = await api(srv, 'POST', '/api/v1/products', { token: who.access_token, body: { condition: 'good', shipping_weight_g: 400, ...body } });
    assert.equal(r.status, 201, r.text);
    products[key] = r.json.product;
  };
  await add(seller, 'cheapCam', { title: 'Kamera Kompak Murah', quantity: 2, buy_now_price: 5000, category_id: cameras.id });
  await add(seller, 'dearCam', { title: 'Kamera DSLR Mahal', quantity: 1, buy_now_price: 250000, category_id: cameras.id });
  await add(seller, 'soldCam', { title: 'Kamera Habis Stok', quantity: 0, buy_now_price: 9000, category_id: cameras.id });
  await add(seller, 'batik', { title: 'Batik Kamera Print Shirt', quantity: 1, buy_now_price: 6000, category_id: fashion.id });
  await add(other, 'otherCam', { title: 'Kamera Kedai Lain', quantity: 1, buy_now_price: 7000, category_id: cameras.id });
});

const titles = (page) => page.locator('.card .card-title').allTextContents();

test('search: text, category, price range, in stock and seller filters', { timeout: 60000 }, async () => {
  const { ctx, page } = await openPage(browser, srv, '/');
  await page.getByRole('searchbox', { name: 'Search products' }).fill('kamera');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.waitForURL(/\/search\?q=kamera/);
  await until(page, 'five results', () => document.querySelectorAll('.card').length === 5);

  await page.getByLabel('Category').selectOption('electronics');
  await page.getByLabel('Min price (RM)').fill('40');
  await page.getByLabel('Max price (RM)').fill('100');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.waitForURL(/category=electronics/);
  await until(page, 'price-filtered results', () => document.querySelectorAll('.card').length === 3);
  assert.deepEqual((await titles(page)).sort(), ['Kamera Habis Stok', 'Kamera Kedai Lain', 'Kamera Kompak Murah']);
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('min_price'), '4000');
  assert.equal(url.searchParams.get('max_price'), '10000');

  await page.getByLabel('In stock only').check();
  await page.getByLabel('Seller (username)').fill(seller.user.username);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.waitForURL(/in_stock=true/);
  await until(page, 'one result', () => document.querySelectorAll('.card').length === 1);
  assert.deepEqual(await titles(page), ['Kamera Kompak Murah']);

  await page.getByLabel('Min price (RM)').fill('abc');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByRole('alert').filter({ hasText: 'Prices are amounts in ringgit' }).waitFor();

  // Back restores the earlier filters (they live in the URL).
  await page.goBack();
  await until(page, 'three results again', () => document.querySelectorAll('.card').length === 3);
  await ctx.close();
});

test('product page at /p/:id opened directly, with photo, price and shop link', async () => {
  const p = products.cheapCam;
  await api(srv, 'POST', `/api/v1/products/${p.id}/images`, {
    token: seller.access_token, body: (await import('node:fs')).readFileSync(samplePng), headers: { 'content-type': 'image/png' },
  });
  const { ctx, page } = await openPage(browser, srv, `/p/${p.id}`);
  await page.getByRole('heading', { name: p.title }).waitFor();
  await page.locator('.price', { hasText: 'RM 50.00' }).waitFor();
  await page.getByRole('img', { name: `${p.title}, photo 1 of 1` }).waitFor();
  await page.getByText('2 in stock').waitFor();
  await page.getByRole('link', { name: seller.seller.shop_name }).click();
  await page.waitForURL(new RegExp(`/sellers/${seller.user.username}$`));
  await page.getByRole('heading', { name: seller.seller.shop_name }).waitFor();
  await ctx.close();
});

test('follow and unfollow a shop; going live notifies the follower', { timeout: 60000 }, async () => {
  const buyer = await registerUser(srv);
  const { ctx, page } = await openPage(browser, srv, `/sellers/${other.user.username}`, { session: buyer });
  await page.getByText('0 followers').waitFor();
  await page.getByRole('button', { name: 'Follow' }).click();
  await page.getByRole('button', { name: 'Following · Unfollow' }).waitFor();
  await page.getByText('1 follower').waitFor();
  const following = await api(srv, 'GET', '/api/v1/users/me/following', { token: buyer.access_token });
  assert.deepEqual(following.json.sellers.map((s) => s.id), [other.user.id]);

  // The shop goes live: the follower's account lists the notification, linking to the show.
  const s = await api(srv, 'POST', '/api/v1/streams', {
    token: other.access_token,
    body: { title: 'Kedai Lain Live Malam Ini', starts_at: new Date(Date.now() + 3600e3).toISOString(), product_ids: [products.otherCam.id] },
  });
  await api(srv, 'POST', `/api/v1/streams/${s.json.stream.id}/live`, { token: other.access_token });
  await page.goto('/account');
  const note = page.getByRole('link', { name: 'Live now: Kedai Lain Live Malam Ini' });
  await note.waitFor();
  await page.getByText('1 new').waitFor();
  await note.click();
  await page.waitForURL(new RegExp(`/s/${s.json.stream.id}$`));
  await page.getByRole('heading', { name: 'Kedai Lain Live Malam Ini' }).waitFor();

  // Reloading the page keeps the state from the server.
  await page.goto(`/sellers/${other.user.username}`);
  await page.getByRole('button', { name: 'Following · Unfollow' }).click();
  await page.getByRole('button', { name: 'Follow', exact: true }).waitFor();
  await page.reload();
  await page.getByRole('button', { name: 'Follow', exact: true }).waitFor();
  await page.getByText('0 followers').waitFor();
  await ctx.close();
});

test('account: avatar upload, spending cap, profile', { timeout: 60000 }, async () => {
  const buyer = await registerUser(srv);
  const { ctx, page } = await openPage(browser, srv, '/account', { session: buyer });
  await page.getByRole('img', { name: 'No photo yet' }).waitFor();
  await page.getByLabel('Change photo').setInputFiles(samplePng);
  await page.getByText('Photo updated.').waitFor();
  await until(page, 'the avatar to load', () => {
    const img = document.querySelector('img.avatar');
    return img && img.complete && img.naturalWidth > 0 && img.alt === 'Your photo';
  });
  const me = await api(srv, 'GET', '/api/v1/users/me', { token: buyer.access_token });
  assert.ok(me.json.user.avatar?.urls?.small, 'avatar stored');
  assert.equal(await page.locator('img.avatar').getAttribute('src'), me.json.user.avatar.urls.small);

  await page.getByLabel('Spending cap (RM)').fill('250');
  await page.getByLabel('Per', { exact: true }).selectOption('day');
  await page.getByRole('button', { name: 'Save cap' }).click();
  await page.getByText('Spending cap saved.').waitFor();
  await page.getByText(/of your RM 250\.00 daily cap/).waitFor();
  const lim = await api(srv, 'GET', '/api/v1/users/me/limits', { token: buyer.access_token });
  assert.deepEqual(lim.json.limits.spending_cap, { amount: 25000, currency: 'MYR', period: 'day' });

  await page.getByLabel('Display name').fill('Siti Buyer');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await page.getByText('Profile saved.').waitFor();

  await page.getByRole('button', { name: 'Sign out of this device' }).click();
  await page.getByRole('link', { name: 'Sign in' }).waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem('blytz.session')), null);
  await ctx.close();
});
