// Receipts and commission invoices: an order paid through the local fake Stripe gets its
// receipt (seller -> buyer) and its commission invoice (Blytz -> seller), numbered per seller
// without gaps, rendered as PDF by the outbox worker and fetched through a short-lived signed
// link; the text pdftotext takes out of the PDF matches the order. The link's MAC is checked
// against one computed here from the server's key (an independent judge of the scheme), and
// an expired, altered or moved link is refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { api, registerUser, registerSeller } from './lib/harness.mjs';
import { startPaying, until, addAddress, buyNow, getOrder, payByCard } from './lib/pay.mjs';

let paying;
let srv;

before(async () => {
  paying = await startPaying({ BLYTZ_TAX_BP: '600', BLYTZ_ISSUER_NAME: 'Blytz Marketplace Sdn. Bhd.' });
  srv = paying.srv;
});
after(async () => {
  await paying?.stop();
});

/** The link MAC of src/crypto/link.c, from the server's first JWT key. */
function linkMac(id, exp) {
  const secret = Buffer.from(srv.env.BLYTZ_JWT_SECRET.split(',')[0].split(':')[1], 'base64');
  const key = createHmac('sha256', secret).update(Buffer.concat([Buffer.from('blytz-link-v1\0'), Buffer.from('document')])).digest();
  return createHmac('sha256', key).update(`${id}.${exp}`).digest('base64url');
}

const pdfText = (bytes) => execFileSync('pdftotext', ['-layout', '-', '-'], { input: bytes }).toString('utf8');
const squash = (s) => s.replace(/\s+/g, ' ');

/** The order's documents once all are ready, as `who` sees them. */
async function readyDocs(who, orderId, n) {
  const o = await until('the documents to be rendered', () => getOrder(srv, who, orderId), (o) => o.documents.length === n && o.documents.every((d) => d.status === 'ready'));
  return o.documents;
}

async function fetchPdf(url) {
  const r = await fetch(`${srv.url}${url}`);
  return { r, bytes: Buffer.from(await r.arrayBuffer()) };
}

test('a paid order gets its receipt and its commission invoice, numbered per seller, and the PDFs say what the order says', async () => {
  const seller = await registerSeller(srv);
  const buyer = await registerUser(srv);
  await addAddress(srv, buyer);
  const order = await buyNow(srv, seller, buyer, 12000, 700, { lot: 'Kuih lapis 千层糕' });
  const before = await getOrder(srv, buyer, order.id);
  assert.deepEqual(before.documents, [], 'nothing before it is paid');
  await payByCard(srv, paying.browser, buyer, order.id);

  const mine = await readyDocs(buyer, order.id, 1);
  assert.equal(mine[0].kind, 'receipt', 'the buyer sees the receipt only');
  const sid = seller.seller.id;
  assert.equal(mine[0].number, `R-${sid}-000001`);
  assert.ok(Date.parse(mine[0].expires_at) - Date.now() <= 300e3, 'the link lives five minutes');

  const { r, bytes } = await fetchPdf(mine[0].url);
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'application/pdf');
  assert.equal(r.headers.get('cache-control'), 'private, no-store');
  assert.match(r.headers.get('content-disposition'), new RegExp(`filename="R-${sid}-000001.pdf"`));
  assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
  const text = squash(pdfText(bytes));
  for (const want of ['Receipt', `R-${sid}-000001`, seller.seller.shop_name, 'Siti Aminah', '8 Jalan Bukit Bintang',
    '55100 Kuala Lumpur', 'Kuih lapis 千层糕 1', 'RM 120.00', 'RM 7.00', 'SST 6% on shipping', 'RM 0.42', 'RM 127.42',
    `#${order.id}`, 'Card']) {
    assert.ok(text.includes(want), `the receipt says ${want}: ${text}`);
  }

  const sale = await readyDocs(seller, order.id, 2);
  assert.deepEqual(sale.map((d) => d.kind), ['receipt', 'commission_invoice'], 'the seller sees both');
  const inv = await fetchPdf(sale[1].url);
  assert.equal(inv.r.status, 200);
  const itext = squash(pdfText(inv.bytes));
  for (const want of ['Invoice', `CI-${sid}-000001`, 'Blytz Marketplace Sdn. Bhd.', seller.seller.shop_name,
    'Commission on the sale of Kuih lapis 千层糕 1 (RM 120.00)', 'RM 12.00', `#${order.id}`]) {
    assert.ok(itext.includes(want), `the invoice says ${want}: ${itext}`);
  }
  assert.ok(!itext.includes('Siti Aminah'), 'the invoice names no buyer');

  // The seller's next sale takes the next numbers; another seller starts at 1.
  const second = await buyNow(srv, seller, buyer, 5000);
  await payByCard(srv, paying.browser, buyer, second.id);
  const next = await readyDocs(seller, second.id, 2);
  assert.deepEqual(next.map((d) => d.number), [`R-${sid}-000002`, `CI-${sid}-000002`]);
  const other = await registerSeller(srv);
  const third = await buyNow(srv, other, buyer, 5000);
  await payByCard(srv, paying.browser, buyer, third.id);
  assert.equal((await readyDocs(buyer, third.id, 1))[0].number, `R-${other.seller.id}-000001`);
  assert.deepEqual(paying.fake.rejected, []);
});

test('a link is its own credential, for one document until it expires: altered, moved or expired links are refused', async () => {
  const seller = await registerSeller(srv);
  const buyer = await registerUser(srv);
  await addAddress(srv, buyer);
  const order = await buyNow(srv, seller, buyer, 3000);
  await payByCard(srv, paying.browser, buyer, order.id);
  const [rec, inv] = await readyDocs(seller, order.id, 2);
  const u = new URL(rec.url, srv.url);
  const exp = u.searchParams.get('exp');
  const sig = u.searchParams.get('sig');
  assert.equal(sig, linkMac(rec.id, exp), 'the MAC is the documented HMAC of "<id>.<exp>"');

  const code = async (path) => {
    const r = await fetch(`${srv.url}${path}`);
    const body = await r.text();
    return [r.status, r.status === 200 ? 'pdf' : JSON.parse(body).error.code];
  };
  assert.deepEqual(await code(`/api/v1/documents/${rec.id}?exp=${exp}&sig=${sig}`), [200, 'pdf']);
  const flipped = sig.slice(0, 10) + (sig[10] === 'A' ? 'B' : 'A') + sig.slice(11);
  assert.deepEqual(await code(`/api/v1/documents/${rec.id}?exp=${exp}&sig=${flipped}`), [403, 'forbidden']);
  assert.deepEqual(await code(`/api/v1/documents/${rec.id}?exp=${Number(exp) + 3600e3}&sig=${sig}`), [403, 'forbidden'], 'no stretching');
  assert.deepEqual(await code(`/api/v1/documents/${inv.id}?exp=${exp}&sig=${sig}`), [403, 'forbidden'], 'no moving to another document');
  assert.deepEqual(await code(`/api/v1/documents/${rec.id}`), [403, 'forbidden']);
  assert.deepEqual(await code(`/api/v1/documents/${rec.id}?exp=abc&sig=${sig}`), [403, 'forbidden']);
  assert.deepEqual(await code(`/api/v1/documents/nope?exp=${exp}&sig=${sig}`), [404, 'not_found']);
  const past = Date.now() - 1000;
  assert.deepEqual(await code(`/api/v1/documents/${rec.id}?exp=${past}&sig=${linkMac(rec.id, past)}`), [410, 'link_expired']);
  const later = Date.now() + 60e3;
  assert.deepEqual(await code(`/api/v1/documents/${rec.id}?exp=${later}&sig=${linkMac(rec.id, later)}`), [200, 'pdf']);
  // An access token is no use in place of a link, and the PDFs are not in the public media.
  const withToken = await api(srv, 'GET', `/api/v1/documents/${rec.id}`, { token: seller.access_token });
  assert.equal(withToken.status, 403);
  const media = await fetch(`${srv.url}/media/documents/${seller.seller.id}/${rec.number}.pdf`);
  assert.equal(media.status, 404);
  // Nobody else sees the order or its links.
  const stranger = await registerUser(srv);
  assert.equal((await api(srv, 'GET', `/api/v1/orders/${order.id}`, { token: stranger.access_token })).status, 404);
});
