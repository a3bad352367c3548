// Paying in the browser, against the local fake Stripe through the Stripe.js stand-in
// (lib/payments.mjs): a win paid by card at checkout (a declined card first), a win paid by
// FPX with a bank chosen and the redirect to the bank and back, a GrabPay payment abandoned
// at the bank and paid again, saved cards in the account and a win charged to the default
// one (a card the bank wants confirmed leaves the order to fix), and the new pages at phone
// and desktop sizes: screenshots, layout and axe-core. The server, not the page, says when an
// order is paid: each flow ends with the API's word.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, registerSeller, registerUser } from '../api/lib/harness.mjs';
import { audit } from './lib/axe.mjs';
import { bidApi, hold, layoutProblems, liveShow, newContext, newPage, shotPath } from './lib/web.mjs';
import { usePaymentsServer } from './lib/payments.mjs';

const env = usePaymentsServer();

const rm = (sen) => `RM ${Math.floor(sen / 100).toLocaleString('en-MY')}.${String(sen % 100).padStart(2, '0')}`;

/** Lots won in one live show of the seller's, each bought at its buy-now price, one after the
 * other: their orders. */
async function winLots(seller, buyer, prices, title) {
  const { stream, auction, productIds } = await liveShow(env.srv, seller, { title, products: prices.length, auction: { buy_now_price: prices[0], duration_s: 120 } });
  await bidApi(env.srv, buyer, auction.id, prices[0]);
  for (let i = 1; i < prices.length; i++) {
    const next = await api(env.srv, 'POST', `/api/v1/streams/${stream.id}/auctions`, {
      token: seller.access_token, body: { product_id: productIds[i], starting_bid: 100, duration_s: 120, mode: 'standard', buy_now_price: prices[i] },
    });
    assert.equal(next.status, 201, next.text);
    await bidApi(env.srv, buyer, next.json.auction.id, prices[i]);
  }
  const r = await api(env.srv, 'GET', '/api/v1/orders', { token: buyer.access_token });
  return productIds.map((id) => {
    const order = r.json.orders.find((o) => o.product_id === id);
    assert.ok(order, 'each win made an order');
    return order;
  });
}

/** A won lot, alone in its show: its order. */
async function win(seller, buyer, { price = 5000, title = 'Radio Transistor Lama' } = {}) {
  return (await winLots(seller, buyer, [price], title))[0];
}

const ADDRESS = { name: 'Aminah binti Ali', phone: '012-345 6789', line1: '8 Jalan Damai', line2: '', city: 'Shah Alam', state: 'Selangor', postcode: '40000' };

async function addAddress(who, over = {}) {
  const r = await api(env.srv, 'POST', '/api/v1/users/me/addresses', { token: who.access_token, body: { ...ADDRESS, ...over } });
  assert.equal(r.status, 201, r.text);
  return r.json.address;
}

/** The order as the API has it once `pred` holds (the outbox and the webhooks take a moment). */
async function orderWhen(who, id, pred, what) {
  for (let i = 0; ; i++) {
    const r = await api(env.srv, 'GET', `/api/v1/orders/${id}`, { token: who.access_token });
    if (r.status === 200 && pred(r.json.order)) return r.json.order;
    if (i === 300) assert.fail(`order ${id}: timed out waiting until ${what}; last: ${r.text}`);
    await new Promise((res) => setTimeout(res, 100));
  }
}

async function quoteOf(who, orderId) {
  const r = await api(env.srv, 'GET', `/api/v1/orders/${orderId}/checkout`, { token: who.access_token });
  assert.equal(r.status, 200, r.text);
  return r.json.checkout;
}

/** A page signed in as `who`, with JS dialogs (confirm()) accepted. */
async function pageAs(who, viewport) {
  const ctx = await newContext(env.browser, env.srv, { session: who, ...(viewport ? { viewport } : {}) });
  const page = await newPage(ctx);
  page.on('dialog', (d) => d.accept());
  return { ctx, page };
}

/** Stripe's test card number typed into the stand-in's Payment Element, then its Pay button. */
async function payByCard(page, number, label) {
  const card = page.getByLabel('Card number');
  await card.fill(number);
  await page.getByLabel('Expiry date').fill('12 / 34');
  await page.getByLabel('Security code').fill('123');
  await page.getByRole('button', { name: label }).click();
}

/** A seller and a buyer, the buyer with a delivery address (`address` over the default one)
 * unless `address` is null. */
async function people(address = {}) {
  const seller = await registerSeller(env.srv);
  const buyer = await registerUser(env.srv);
  if (address) await addAddress(buyer, address);
  return { seller, buyer };
}

/** A flow's end: the fake refused nothing but what the test asked for (declines are
 * expected), no page had an uncaught error; the contexts closed. */
async function finish(...contexts) {
  assert.deepEqual(env.fake.rejected.filter((r) => !r.expected), []);
  for (const ctx of contexts) {
    assert.deepEqual(ctx.errors, []);
    await ctx.close();
  }
}

test('a win paid by card at checkout: address added there, shipping and total, a declined card, then paid', { timeout: 120000 }, async () => {
  const { seller, buyer } = await people(null);
  const order = await win(seller, buyer, { price: 5000 });
  const { ctx, page } = await pageAs(buyer);

  await page.goto('/orders');
  const row = page.locator(`.order[data-order-id="${order.id}"]`);
  await row.waitFor();
  assert.match(await row.locator('.order-state').innerText(), /^RM 50\.00 · Awaiting payment · pay within (23:[45]\d|24:00)$/);
  await row.getByRole('link', { name: 'Pay' }).click();
  await page.waitForURL(`**/checkout/${order.id}`);

  // No address yet: one is added in place, and the quote follows.
  await page.getByRole('heading', { name: 'Where should it be delivered?' }).waitFor();
  await page.getByLabel("Recipient's name").fill(ADDRESS.name);
  await page.getByLabel('Phone').fill(ADDRESS.phone);
  await page.getByLabel('Address line 1').fill(ADDRESS.line1);
  await page.getByLabel('City').fill(ADDRESS.city);
  await page.getByLabel('Postcode').fill(ADDRESS.postcode);
  await page.getByLabel('State').selectOption('Selangor');
  await page.getByRole('button', { name: 'Add address' }).click();
  await page.getByRole('radio', { name: /Aminah binti Ali/ }).waitFor();
  assert.ok(await page.getByRole('radio', { name: /Aminah binti Ali/ }).isChecked());

  const q = await quoteOf(buyer, order.id);
  assert.ok(q.sums.shipping > 0, 'a parcel from Kuala Lumpur to Selangor costs something');
  const sums = page.locator('.sums');
  await sums.getByText(rm(q.sums.total)).waitFor();
  const text = await sums.innerText();
  assert.match(text, new RegExp(`Items\\s+${rm(5000)}`));
  assert.match(text, new RegExp(`Shipping \\(West Malaysia to West Malaysia, 0\\.7 kg\\)\\s+${rm(q.sums.shipping)}`));
  assert.match(text, new RegExp(`Total\\s+${rm(q.sums.total)}`));
  assert.equal(q.sums.total, q.sums.items + q.sums.shipping + q.sums.tax);
  assert.match(await page.locator('p.deadline').innerText(), /^Pay within (23:[45]\d|24:00) \(hours:minutes\)$/);

  // Card (the default choice) → the Payment Element for the server's intent.
  assert.ok(await page.getByRole('radio', { name: /^Card/ }).isChecked());
  await page.getByRole('button', { name: `Pay ${rm(q.sums.total)}` }).click();
  await page.getByLabel('Card number').waitFor();
  assert.equal(env.fake.scriptLoads, 1, 'Stripe.js loaded once');

  await payByCard(page, '4000 0000 0000 0002', `Pay ${rm(q.sums.total)}`);
  await page.getByRole('alert').filter({ hasText: 'Your card was declined: pay with another card, FPX or GrabPay before the deadline.' }).waitFor();

  await payByCard(page, '4242 4242 4242 4242', `Pay ${rm(q.sums.total)}`);
  await page.getByRole('heading', { name: 'Paid — thank you!' }).waitFor();
  assert.match(await page.getByRole('status').innerText(), new RegExp(`We received ${rm(q.sums.total)} by Card`));

  const paid = await orderWhen(buyer, order.id, (o) => o.status === 'paid', 'paid');
  assert.equal(paid.paid, q.sums.total);
  assert.equal(paid.people.ship_to.name, ADDRESS.name);

  // The order's page: amounts, ship-to, the people and the timeline.
  await page.getByRole('link', { name: 'See the order' }).click();
  await page.getByRole('heading', { name: 'Timeline' }).waitFor();
  const sumsText = await page.locator('.sums').innerText();
  assert.match(sumsText, new RegExp(`Item\\s+${rm(5000)}\\s+Shipping\\s+${rm(q.sums.shipping)}`));
  assert.match(sumsText, new RegExp(`Total paid\\s+${rm(q.sums.total)}`));
  assert.match(await page.locator('.order-detail address').innerText(), /Aminah binti Ali[\s\S]*40000 Shah Alam, Selangor/);
  assert.match(await page.locator('.timeline').innerText(), new RegExp(`Paid ${rm(q.sums.total)} by Card`));
  assert.match(await page.locator('.order-state').innerText(), /^Paid$/);
  assert.equal(await page.getByRole('link', { name: /^Pay$|Fix payment/ }).count(), 0);

  // Its receipt, once the worker has made it: a PDF behind a link on the order's page.
  const withDoc = await orderWhen(buyer, order.id, (o) => o.documents?.[0]?.status === 'ready', 'its receipt');
  await page.reload();
  const docLink = page.getByRole('link', { name: `Receipt ${withDoc.documents[0].number} (PDF)` });
  const pdf = await page.request.get(await docLink.getAttribute('href'));
  assert.equal(pdf.status(), 200);
  assert.equal(pdf.headers()['content-type'], 'application/pdf');

  // The seller's sales: who bought it and where it ships.
  const { ctx: sctx, page: sp } = await pageAs(seller);
  await sp.goto('/orders?role=seller');
  const sale = sp.locator(`.order[data-order-id="${order.id}"]`);
  await sale.waitFor();
  assert.match(await sale.innerText(), new RegExp(`Buyer: ${buyer.user.username} · ships to Aminah binti Ali, 40000 Shah Alam, Selangor`));
  assert.match(await sale.innerText(), /Paid/);

  await finish(ctx, sctx);
});

test('two wins from one show paid together by FPX: one shipping fee, the bank chosen, off to the bank and back, both paid', { timeout: 120000 }, async () => {
  const { seller, buyer } = await people({ state: 'Sabah', city: 'Kota Kinabalu', postcode: '88000' });
  const [order, other] = await winLots(seller, buyer, [12000, 3000], 'Kamera Filem Pentax');
  const q = await quoteOf(buyer, order.id);
  assert.deepEqual([...q.order_ids].sort(), [order.id, other.id].sort());
  assert.equal(q.sums.items, 15000);
  assert.equal(q.shipping.to_zone, 'E');
  assert.equal(q.sums.total, q.sums.items + q.sums.shipping + q.sums.tax);
  const { ctx, page } = await pageAs(buyer);

  await page.goto(`/checkout/${order.id}`);
  await page.locator('.sums').getByText(/West Malaysia to East Malaysia/).waitFor();
  await page.locator('.checkout-items').getByText('Kamera Filem Pentax 2').waitFor(); // titles come with the orders
  const items = (await page.locator('.checkout-items li').allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
  assert.deepEqual(items.sort(), [`Kamera Filem Pentax ${rm(12000)}`, `Kamera Filem Pentax 2 ${rm(3000)}`].sort());
  assert.match(await page.locator('.sums').innerText(), new RegExp(`Shipping \\(West Malaysia to East Malaysia, 1\\.4 kg\\)\\s+${rm(q.sums.shipping)}`));
  await page.getByText('2 wins from this seller in this show ship together: one shipping fee.').waitFor();
  await page.getByRole('radio', { name: /^FPX online banking/ }).check();
  await page.getByRole('button', { name: `Pay ${rm(q.sums.total)}` }).click();
  await page.getByRole('heading', { name: `Pay ${rm(q.sums.total)} by FPX online banking` }).waitFor();
  const bank = page.getByLabel('FPX Bank');
  await bank.waitFor();
  assert.ok((await bank.locator('option').count()) > 20, 'the bank list');
  await bank.selectOption({ label: 'Maybank2U' });
  const bankVisits = [];
  page.on('request', (r) => { if (r.url().startsWith(`${env.fake.url}/authorize/`)) bankVisits.push(r.url()); });
  await page.getByRole('button', { name: `Pay ${rm(q.sums.total)}` }).click();
  await page.waitForURL(new RegExp(`/checkout/${order.id}\\?payment=\\d+.*redirect_status=succeeded`));
  assert.equal(bankVisits.length, 1, 'the browser went to the bank (the fake) once');
  await page.getByRole('heading', { name: 'Paid — thank you!' }).waitFor();
  assert.match(await page.getByRole('status').innerText(), new RegExp(`We received ${rm(q.sums.total)} by FPX online banking. The seller ships your 2 items together next.`));

  const paid = await orderWhen(buyer, order.id, (o) => o.status === 'paid', 'paid');
  const paidToo = await orderWhen(buyer, other.id, (o) => o.status === 'paid', 'paid');
  assert.equal(paid.paid + paidToo.paid, q.sums.total);
  assert.equal(paid.shipping + paidToo.shipping, q.sums.shipping);
  assert.equal(paid.payment_id, paidToo.payment_id);
  const pm = await api(env.srv, 'GET', `/api/v1/payments/${paid.payment_id}`, { token: buyer.access_token });
  assert.equal(pm.json.payment.method_used, 'fpx');
  await finish(ctx);
});

test('GrabPay abandoned at the bank: the buyer is told, the order says so, and paying again works', { timeout: 120000 }, async () => {
  const { seller, buyer } = await people();
  const order = await win(seller, buyer, { price: 3000, title: 'Jam Tangan Seiko' });
  const q = await quoteOf(buyer, order.id);
  const { ctx, page } = await pageAs(buyer);
  // The buyer gives up at GrabPay's page: the fake settles the intent as failed.
  await page.route(/\/authorize\//, (route) => {
    const u = new URL(route.request().url());
    u.searchParams.set('outcome', 'fail');
    return route.continue({ url: u.toString() });
  });

  await page.goto(`/checkout/${order.id}`);
  await page.getByRole('radio', { name: /^GrabPay/ }).check();
  await page.getByRole('button', { name: `Pay ${rm(q.sums.total)}` }).click();
  await page.getByText('After you pay, you will be sent to GrabPay').waitFor();
  await page.getByRole('button', { name: `Pay ${rm(q.sums.total)}` }).click();
  await page.waitForURL(/redirect_status=failed/);
  await page.getByRole('alert').filter({ hasText: 'The payment was not completed at your bank. Nothing was charged: try again.' }).waitFor();

  await orderWhen(buyer, order.id, (o) => o.payment_failed, 'marked failed');
  await page.goto('/orders');
  const row = page.locator(`.order[data-order-id="${order.id}"]`);
  await row.waitFor();
  assert.match(await row.locator('.order-state').innerText(), /^RM 30\.00 · Awaiting payment · Payment failed — fix it before /);
  await page.unroute(/\/authorize\//);
  await row.getByRole('link', { name: 'Fix payment' }).click();
  await page.getByRole('radio', { name: /^GrabPay/ }).check();
  await page.getByRole('button', { name: `Pay ${rm(q.sums.total)}` }).click();
  await page.getByText('After you pay, you will be sent to GrabPay').waitFor();
  await page.getByRole('button', { name: `Pay ${rm(q.sums.total)}` }).click();
  await page.getByRole('heading', { name: 'Paid — thank you!' }).waitFor();
  await orderWhen(buyer, order.id, (o) => o.status === 'paid' && !o.payment_failed, 'paid');
  await finish(ctx);
});

test('saved cards: added in the account through the Payment Element, made default, removed; a win is charged to the default card', { timeout: 150000 }, async () => {
  const { seller, buyer } = await people();
  const { ctx, page } = await pageAs(buyer);
  await page.goto('/account');
  const cards = page.locator('section', { has: page.getByRole('heading', { name: 'Saved cards' }) });
  await cards.getByText('No saved card.').waitFor();

  const addCard = async (number, name) => {
    await cards.getByRole('button', { name: 'Add a card' }).click();
    await payByCard(page, number, 'Save card');
    await cards.getByRole('status').filter({ hasText: 'Card saved.' }).waitFor();
    await cards.locator('.saved-cards li', { hasText: name }).waitFor();
  };
  // A card whose bank wants every payment confirmed: saved, the default (the first one).
  await addCard('4000 0027 6000 3184', 'Visa •••• 3184');
  assert.match(await cards.locator('.saved-cards li').first().innerText(), /Visa •••• 3184[\s\S]*Default/);

  // A win is charged to it off-session; the bank's "confirm it" leaves the order to fix.
  const first = await win(seller, buyer, { price: 4000, title: 'Piring Antik' });
  await orderWhen(buyer, first.id, (o) => o.payment_failed, 'the off-session charge failed');
  await page.goto('/orders');
  const row = page.locator(`.order[data-order-id="${first.id}"]`);
  await row.waitFor();
  assert.match(await row.innerText(), /Payment failed — fix it before/);
  await row.getByRole('link', { name: 'Fix payment' }).waitFor();

  // A second card, made the default; the first removed.
  await page.goto('/account');
  await addCard('4242 4242 4242 4242', 'Visa •••• 4242');
  await cards.getByRole('button', { name: 'Make default: Visa •••• 4242' }).click();
  await cards.getByRole('status').filter({ hasText: 'Visa •••• 4242 is your default card.' }).waitFor();
  await cards.getByRole('button', { name: 'Remove Visa •••• 3184' }).click();
  await cards.getByRole('status').filter({ hasText: 'Card removed.' }).waitFor();
  await cards.locator('.saved-cards li', { hasText: 'Visa •••• 3184' }).waitFor({ state: 'detached' });
  const listed = await api(env.srv, 'GET', '/api/v1/users/me/cards', { token: buyer.access_token });
  assert.deepEqual(listed.json.cards.map((c) => [c.brand, c.last4, c.is_default]), [['visa', '4242', true]]);

  // The next win is paid at once by the default card, without a checkout.
  const second = await win(seller, buyer, { price: 2500, title: 'Pinggan Lama' });
  const paid = await orderWhen(buyer, second.id, (o) => o.status === 'paid', 'paid off-session');
  await page.goto(`/orders/${second.id}`);
  assert.match(await page.locator('.order-state').innerText(), /^Paid$/);
  assert.match(await page.locator('.timeline').innerText(), /Payment started: .*\(card on file\)[\s\S]*Paid .* by Card/);
  assert.ok(paid.paid >= 2500);
  await finish(ctx);
});

test('a seller who asks bidders for a card: set in the studio; a buyer without one is told why and how, adds one and bids', { timeout: 120000 }, async () => {
  const { seller, buyer } = await people();
  const { ctx: sctx, page: sp } = await pageAs(seller);
  await sp.goto('/studio');
  const rule = sp.getByLabel('Only buyers with a saved card');
  await rule.waitFor();
  assert.equal(await rule.isChecked(), false, 'off unless the seller turns it on');
  await rule.check();
  await sp.getByRole('status').filter({ hasText: 'Only buyers with a saved card can bid in your shows now.' }).waitFor();
  const shop = await api(env.srv, 'GET', `/api/v1/sellers/${seller.user.id}`);
  assert.equal(shop.json.seller.require_card, true);

  const { auction } = await liveShow(env.srv, seller, { title: 'Gramofon Antik', auction: { duration_s: 120 } });
  const { ctx, page } = await pageAs(buyer);
  await page.goto(`/s/${auction.stream_id}`);
  const bid = page.getByTestId('bid-hold');
  await bid.filter({ hasText: 'Hold to bid RM 1.00' }).waitFor();
  await hold(bid);
  await page.getByTestId('standing').filter({ hasText: 'This seller takes bids from buyers with a card on file. Add one under Account → Saved cards' }).waitFor();
  assert.equal((await api(env.srv, 'GET', `/api/v1/auctions/${auction.id}`)).json.auction.bid_count ?? 0, 0);

  await page.goto('/account');
  const cards = page.locator('section', { has: page.getByRole('heading', { name: 'Saved cards' }) });
  await cards.getByRole('button', { name: 'Add a card' }).click();
  await payByCard(page, '4242 4242 4242 4242', 'Save card');
  await cards.getByRole('status').filter({ hasText: 'Card saved.' }).waitFor();
  await page.goto(`/s/${auction.stream_id}`);
  await bid.filter({ hasText: 'Hold to bid RM 1.00' }).waitFor();
  await hold(bid);
  await page.getByTestId('standing').filter({ hasText: "You're the highest bidder at RM 1.00" }).waitFor();
  await finish(ctx, sctx);
});

test('checkout, an order and saved cards lay out at phone and desktop sizes and pass axe', { timeout: 150000 }, async () => {
  const { seller, buyer } = await people();
  const unpaid = await win(seller, buyer, { price: 1500, title: 'Buku Komik Lama Edisi Pertama Yang Sangat Jarang Ditemui' });
  const other = await win(seller, buyer, { price: 900, title: 'Poskad Pulau Pinang' });
  const { ctx: pctx, page: payer } = await pageAs(buyer);
  // One paid order for its page: by card at checkout.
  await payer.goto(`/checkout/${other.id}`);
  const q = await quoteOf(buyer, other.id);
  await payer.getByRole('button', { name: `Pay ${rm(q.sums.total)}` }).click();
  await payByCard(payer, '4242 4242 4242 4242', `Pay ${rm(q.sums.total)}`);
  await payer.getByRole('heading', { name: 'Paid — thank you!' }).waitFor();
  await orderWhen(buyer, other.id, (o) => o.documents?.[0]?.status === 'ready', 'paid, its receipt made');
  await pctx.close();

  const problems = [];
  for (const [label, viewport] of [['desktop', { width: 1280, height: 800 }], ['phone', { width: 360, height: 740 }]]) {
    const { ctx, page } = await pageAs(buyer, viewport);
    const look = async (name, selectors) => {
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({ path: shotPath(`${name}-${label}`), fullPage: true });
      problems.push(...(await layoutProblems(page, `${name} (${label})`, selectors, viewport.width)));
      for (const v of await audit(page)) problems.push(`${name} (${label}): ${v}`);
    };
    await page.goto('/orders');
    await page.locator(`.order[data-order-id="${unpaid.id}"] .pay-button`).waitFor();
    await look('orders-unpaid', ['h1', '.order .pay-button', '.order .deadline']);

    await page.goto(`/checkout/${unpaid.id}`);
    await page.locator('.sums .total').first().waitFor();
    await look('checkout', ['h1', 'p.deadline', '.choice', '.sums .total', '.pay-now']);
    await page.locator('.pay-now').click();
    await page.getByLabel('Card number').waitFor();
    await look('checkout-pay', ['h1', '.pay-element', '.pay-form button[type="submit"]']);

    await page.goto(`/orders/${other.id}`);
    await page.getByRole('heading', { name: 'Timeline' }).waitFor();
    await look('order-detail', ['h1', '.sums .total', '.order-panels address', '.timeline li', '.documents li']);

    await page.goto('/account');
    const cards = page.locator('section', { has: page.getByRole('heading', { name: 'Saved cards' }) });
    await cards.getByRole('button', { name: 'Add a card' }).waitFor();
    if (label === 'desktop') {
      await cards.getByRole('button', { name: 'Add a card' }).click();
      await payByCard(page, '5555 5555 5555 4444', 'Save card');
      await cards.locator('.saved-cards li', { hasText: 'Mastercard •••• 4444' }).waitFor();
    }
    await cards.getByRole('button', { name: 'Add a card' }).click();
    await page.getByLabel('Card number').waitFor();
    await cards.scrollIntoViewIfNeeded();
    await look('cards', ['#cards-h', '.saved-cards li', '.card-setup .pay-element', '.card-setup button[type="submit"]']);
    await finish(ctx);
  }
  assert.deepEqual(problems, [], problems.join('\n'));
});
