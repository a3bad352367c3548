// `blytz serve --demo` on an empty database loads the demo catalog through
// the real use cases: three shops, thirty products with photos in several
// categories, two scheduled shows and a buyer with a delivery address; with payments in
// Stripe's test mode (here the local fake), the buyer's test Visa is saved too and the first
// seller's payout account is made and verified with Stripe's test-mode identity.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api } from './lib/harness.mjs';
import { startPaying, until } from './lib/pay.mjs';

const BUYER = { email: 'nurul@buyer.example.my', password: 'blytz-demo-2026' };
const signIn = async (srv, who = BUYER) => {
  const r = await api(srv, 'POST', '/api/v1/auth/login', { body: who });
  assert.equal(r.status, 200, r.text);
  return r.json.access_token;
};
const SELLER = { email: 'aminah@retro.example.my', password: BUYER.password };
const OTHER_SELLER = { email: 'mei.ling@closet.example.my', password: BUYER.password };

async function allProducts(srv) {
  const out = [];
  let cursor = '';
  for (;;) {
    const r = await api(srv, 'GET', `/api/v1/products?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    assert.equal(r.status, 200);
    out.push(...r.json.products);
    if (!r.json.next_cursor) return out;
    cursor = encodeURIComponent(r.json.next_cursor);
  }
}

test('demo data: 3 sellers, 30 products with images across categories, 2 scheduled shows', async () => {
  const srv = await startServer({ args: ['--demo'] });
  try {
    const products = await allProducts(srv);
    assert.equal(products.length, 30);
    const sellers = new Set(products.map((p) => p.seller_id));
    assert.equal(sellers.size, 3);
    assert.ok(new Set(products.map((p) => p.category_id)).size >= 8, 'several categories');
    for (const p of products) {
      assert.equal(p.images.length, 1, `${p.title} has a photo`);
      assert.equal(p.currency, 'MYR');
    }
    const img = await fetch(srv.url + products[0].images[0].urls.medium);
    assert.equal(img.status, 200);
    assert.equal(img.headers.get('content-type'), 'image/webp');
    const bytes = Buffer.from(await img.arrayBuffer());
    assert.equal(bytes.subarray(0, 4).toString(), 'RIFF');
    assert.equal(bytes.subarray(8, 12).toString(), 'WEBP');

    for (const id of sellers) {
      const s = await api(srv, 'GET', `/api/v1/sellers/${id}`);
      assert.equal(s.status, 200);
      assert.ok(s.json.seller.shop_name.length > 3);
    }
    const shows = await api(srv, 'GET', '/api/v1/streams?status=scheduled');
    assert.equal(shows.status, 200);
    assert.equal(shows.json.streams.length, 2);
    for (const s of shows.json.streams) {
      assert.equal(s.status, 'scheduled');
      assert.ok(Date.parse(s.starts_at) > Date.now());
      assert.ok((s.products ?? s.product_ids).length >= 3, 'a show has a lineup');
      assert.ok(s.cover, 'a show has a cover picture');
      assert.ok(s.cover.width > s.cover.height, 'a wide one');
      assert.equal((await fetch(srv.url + s.cover.urls.medium)).status, 200);
    }
    const token = await signIn(srv);
    const book = await api(srv, 'GET', '/api/v1/users/me/addresses', { token });
    assert.deepEqual(book.json.addresses.map((a) => [a.name, a.city, a.is_default]), [['Nurul Izzah', 'Shah Alam', true]]);
    assert.deepEqual((await api(srv, 'GET', '/api/v1/users/me/cards', { token })).json.cards ?? [], [], 'no card without payments');
  } finally {
    await srv.stop();
  }
});

test('demo data with payments in test mode: the demo buyer has Stripe\'s test Visa saved, the default card', async () => {
  const paying = await startPaying({}, { args: ['--demo'] });
  try {
    const token = await signIn(paying.srv);
    const cards = await until('the test card to be saved', async () => (await api(paying.srv, 'GET', '/api/v1/users/me/cards', { token })).json.cards, (c) => c.length === 1);
    assert.deepEqual([cards[0].brand, cards[0].last4, cards[0].is_default], ['visa', '4242', true]);
    const setup = paying.fake.calls.find((c) => c.method === 'POST' && c.path === '/v1/setup_intents');
    assert.deepEqual([setup.params.confirm, setup.params.payment_method], ['true', 'pm_card_visa'], 'confirmed by the server, no browser');
    assert.deepEqual(paying.fake.rejected, []);
  } finally {
    await paying.stop();
  }
});

test('demo data with payments in test mode: the first seller is paid out at once (a test-mode account, verified); the others see onboarding', async () => {
  const paying = await startPaying({}, { args: ['--demo'] });
  try {
    const token = await signIn(paying.srv, SELLER);
    const page = await until('payouts enabled', async () => (await api(paying.srv, 'GET', '/api/v1/sellers/me/payouts', { token })).json, (p) => p.account?.payouts_enabled);
    assert.equal(page.account.charges_enabled, true);
    const made = paying.fake.calls.filter((c) => c.method === 'POST' && c.path === '/v1/accounts');
    assert.equal(made.length, 1, 'one account in the demo');
    assert.deepEqual([made[0].params.type, made[0].params.email, made[0].params.individual.first_name, made[0].params.individual.address.city], ['custom', SELLER.email, 'Aminah', 'Kuala Lumpur']);
    const accts = [...paying.fake.objects.values()].filter((o) => o.object === 'account');
    assert.deepEqual(accts.map((a) => [a.email, a.type, a.payouts_enabled]), [[SELLER.email, 'custom', true]], 'the provider says so too');
    const other = await signIn(paying.srv, OTHER_SELLER);
    const theirs = (await api(paying.srv, 'GET', '/api/v1/sellers/me/payouts', { token: other })).json;
    assert.equal(theirs.account?.payouts_enabled ?? false, false);
    assert.deepEqual(paying.fake.rejected, []);
  } finally {
    await paying.stop();
  }
});
