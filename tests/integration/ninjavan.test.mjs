// The shipping port on NinjaVan (src/integrations/ninjavan) against the local fake NinjaVan
// (ninjavan_fake.mjs; NinjaVan has no official SDK to judge with, so the fake checks what it
// receives and a refusal the test did not ask for fails the test). Every operation runs
// through tests/integration/ninjavan_drive (several in one process, JSON out): the token is
// granted once for many calls (and for many threads at once), renewed when it is about to
// expire and after a 401, then the call is made once more; 5xx and dropped connections are
// retried, a 4xx never (NinjaVan's title and message come back); a create whose answer was
// lost finds its requested number taken and counts as created; create, waybill (the fake's
// PDF, byte for byte), cancel (twice is fine; after pickup refused); webhooks the fake signs
// and sends (a journey to delivered, a failed attempt, a return; duplicates and out of order)
// read as the port's events, and one changed byte or a missing signature refused; the
// x-nv-request-id of every answer is in our log.
//
// Run: node --test tests/integration/ninjavan.test.mjs (BLYTZ_BUILD_DIR, default build/asan)
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { FakeNinjaVan, CLIENT_ID, CLIENT_SECRET, SHIPPER_PREFIX, JOURNEYS } from './ninjavan_fake.mjs';
import { runJson, driverPath } from './run_json.mjs';

const program = driverPath('ninjavan_drive');

let fake;
let receiver; // where the fake sends its webhooks: {url, got: [{body, signature}]}

const env = () => ({ NINJAVAN_API_BASE: fake.url, NINJAVAN_COUNTRY: 'my', NINJAVAN_CLIENT_ID: CLIENT_ID, NINJAVAN_CLIENT_SECRET: CLIENT_SECRET, NINJAVAN_BACKOFF_MS: '10' });
// Runs the ops (arrays of words) in one process: {rc, results, grants, stderr}.
const drive = (ops, { extra = {}, stdin = '' } = {}) =>
  runJson(program, ops.flatMap((op, i) => (i ? ['+', ...op] : op)), { env: { ...env(), ...extra }, stdin, withStderr: true });
// One op that must succeed: its out.
async function ok(op, opts) {
  const r = await drive([op], opts);
  assert.equal(r.results[0].rc, 'ok', JSON.stringify(r.results[0]));
  return r.results[0].out;
}
const create = (req = {}) => ['create', JSON.stringify(req)];
let serial = 0;
const rtn = () => `BZS${String(process.pid % 1000).padStart(3, '0')}${String(++serial).padStart(5, '0')}`;
const noneRefused = () => assert.deepEqual(fake.rejected.filter((r) => !r.expected), []);
const apiCalls = (path) => fake.calls.filter((c) => c.path === `/my${path}`);

before(async () => {
  receiver = { got: [] };
  receiver.server = http.createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    receiver.got.push({ body: Buffer.concat(chunks).toString('utf8'), signature: req.headers['x-ninjavan-hmac-sha256'], type: req.headers['content-type'] });
    res.writeHead(200).end();
  });
  await new Promise((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${receiver.server.address().port}/webhooks/ninjavan`;
  fake = await new FakeNinjaVan({ webhook: receiver.url }).start();
});
after(async () => {
  await fake?.stop();
  await new Promise((resolve) => (receiver?.server ? receiver.server.close(resolve) : resolve()));
});
beforeEach(() => {
  fake.reset();
  fake.tokenLifetime = 43200;
  fake.holdWebhooks = false;
  receiver.got.length = 0;
});

// ---- the token ---------------------------------------------------------------------------

test('one token grant serves many calls, each with its Bearer; the grant sends the client credentials as JSON', async () => {
  const t = rtn();
  const r = await drive([create({ tracking: t, reference: 'S1' }), ['label', `${SHIPPER_PREFIX}${t}`], ['label', `${SHIPPER_PREFIX}${t}`], ['cancel', `${SHIPPER_PREFIX}${t}`]]);
  assert.deepEqual(r.results.map((x) => x.rc), ['ok', 'ok', 'ok', 'ok']);
  assert.equal(r.grants, 1);
  assert.equal(fake.grants, 1);
  const [grant] = apiCalls('/2.0/oauth/access_token');
  assert.match(grant.headers['content-type'], /^application\/json/);
  assert.deepEqual(JSON.parse(grant.raw), { client_id: CLIENT_ID, client_secret: CLIENT_SECRET, grant_type: 'client_credentials' });
  assert.equal(grant.headers.authorization, undefined);
  const others = fake.calls.filter((c) => c !== grant);
  assert.equal(others.length, 4);
  const token = others[0].headers.authorization;
  assert.match(token, /^Bearer \S+$/);
  for (const c of others) assert.equal(c.headers.authorization, token);
  noneRefused();
});

test('many threads at once share one grant', async () => {
  const t = rtn();
  await ok(create({ tracking: t }));
  fake.reset();
  const r = await drive([['parallel', '8', `${SHIPPER_PREFIX}${t}`]]);
  assert.deepEqual(r.results[0].out.rcs, Array(8).fill('ok'));
  assert.equal(fake.grants, 1);
  assert.equal(apiCalls('/2.0/reports/waybill').length, 8);
  noneRefused();
});

test('a token about to expire (within the margin) is renewed before the call', async () => {
  fake.tokenLifetime = 120; // under the 300 s margin: each call needs a new one
  const t = rtn();
  const r = await drive([create({ tracking: t }), ['label', `${SHIPPER_PREFIX}${t}`], ['label', `${SHIPPER_PREFIX}${t}`]]);
  assert.deepEqual(r.results.map((x) => x.rc), ['ok', 'ok', 'ok']);
  assert.equal(fake.grants, 3);
  const bearers = fake.calls.filter((c) => c.headers.authorization).map((c) => c.headers.authorization);
  assert.equal(new Set(bearers).size, 3);
  noneRefused();
});

test('a 401 renews the token and the call is made once more; a second 401, or refused credentials, is shipping_provider_unauthorized', async () => {
  const t = rtn();
  fake.fault({ expireTokens: true, path: /\/2\.0\/reports\/waybill$/ });
  const r = await drive([create({ tracking: t }), ['label', `${SHIPPER_PREFIX}${t}`]]);
  assert.deepEqual(r.results.map((x) => x.rc), ['ok', 'ok']);
  assert.equal(r.grants, 2);
  assert.equal(r.results[1].note.attempts, 2);
  const labels = apiCalls('/2.0/reports/waybill');
  assert.deepEqual(labels.map((c) => c.status), [401, 200]);
  assert.notEqual(labels[0].headers.authorization, labels[1].headers.authorization);
  noneRefused();

  fake.reset();
  fake.fault({ status: 401, times: 2, path: /\/2\.2\/orders\// });
  const twice = await drive([['cancel', `${SHIPPER_PREFIX}${t}`]]);
  assert.equal(twice.results[0].rc, 'shipping_provider_unauthorized');
  assert.equal(fake.grants, 2); // one at the start, one renewal: never a loop
  assert.equal(apiCalls(`/2.2/orders/${SHIPPER_PREFIX}${t}`).length, 2);

  fake.reset();
  const wrong = await drive([['label', `${SHIPPER_PREFIX}${t}`]], { extra: { NINJAVAN_CLIENT_SECRET: 'not-the-secret' } });
  assert.equal(wrong.results[0].rc, 'shipping_provider_unauthorized');
  assert.equal(wrong.results[0].note.title, 'Unauthorized');
  assert.equal(apiCalls('/2.0/oauth/access_token').length, 1); // a 4xx grant is not retried
  assert.equal(apiCalls('/2.0/reports/waybill').length, 0);
});

// ---- retries ------------------------------------------------------------------------------

test('5xx and dropped connections are retried; a 4xx never is, and NinjaVan\'s reason comes back', async () => {
  fake.fault({ status: 503, path: /\/4\.2\/orders$/ });
  fake.fault({ drop: true, path: /\/4\.2\/orders$/ });
  const made = await drive([create({ tracking: rtn() })]);
  assert.equal(made.results[0].rc, 'ok');
  assert.equal(made.results[0].note.attempts, 3);
  assert.deepEqual(apiCalls('/4.2/orders').map((c) => c.status), [503, 0, 200]);
  noneRefused();

  fake.reset();
  fake.refuse({ title: 'Invalid postcode', message: 'to.address.postcode 10200 is not serviceable', details: { field: 'to.address.postcode' } });
  const refused = await drive([create({ tracking: rtn() })]);
  assert.equal(refused.results[0].rc, 'shipping_refused');
  assert.deepEqual([refused.results[0].note.title, refused.results[0].note.message, refused.results[0].note.http_status, refused.results[0].note.attempts],
    ['Invalid postcode', 'to.address.postcode 10200 is not serviceable', 400, 1]);
  assert.equal(apiCalls('/4.2/orders').length, 1);

  fake.reset();
  fake.fault({ status: 500, times: 3, path: /\/4\.2\/orders$/ });
  const down = await drive([create({ tracking: rtn() })]);
  assert.equal(down.results[0].rc, 'unavailable');
  assert.equal(down.results[0].note.attempts, 3); // 1 + NINJAVAN_MAX_RETRIES (2)
});

test('a create whose answer was lost is retried, finds its requested number taken, and counts as created', async () => {
  const t = rtn();
  fake.fault({ after: true, drop: true, path: /\/4\.2\/orders$/ });
  const r = await drive([create({ tracking: t, reference: 'S77' })]);
  assert.equal(r.results[0].rc, 'ok', JSON.stringify(r.results[0]));
  assert.deepEqual(r.results[0].out, { tracking: `${SHIPPER_PREFIX}${t}`, existed: true });
  assert.deepEqual(apiCalls('/4.2/orders').map((c) => c.status), [0, 400]);
  assert.equal(fake.order(`${SHIPPER_PREFIX}${t}`).reference, 'S77');
  assert.equal([...fake.orders.values()].filter((o) => o.reference === 'S77').length, 1);
  // and by a later run (a worker that died after the call)
  const again = await ok(create({ tracking: t, reference: 'S77' }));
  assert.deepEqual(again, { tracking: `${SHIPPER_PREFIX}${t}`, existed: true });
  noneRefused();
});

// ---- operations ---------------------------------------------------------------------------

test('create sends v4.2 as NinjaVan reads it: RM and kg and cm exactly, the pickup in Malaysia time, our reference', async () => {
  const t = rtn();
  const out = await ok(create({ tracking: t, reference: 'S42', insured_sen: 12550, weight_g: 1250, length_mm: 305, width_mm: 200, height_mm: 95, date: '2026-12-09', slot_start: '15:00', slot_end: '18:00', items: ['Kuih lapis (lot 3)', 'Batik scarf'], level: 'express' }));
  assert.equal(out.tracking, `${SHIPPER_PREFIX}${t}`);
  const body = fake.order(out.tracking).body;
  assert.equal(body.requested_tracking_number, t);
  assert.deepEqual(body.reference, { merchant_order_number: 'S42' });
  assert.deepEqual([body.service_type, body.service_level], ['Parcel', 'Express']);
  const job = body.parcel_job;
  assert.equal(job.insured_value, 125.5);
  assert.deepEqual(job.dimensions, { weight: 1.25, length: 30.5, width: 20, height: 9.5 });
  assert.deepEqual([job.is_pickup_required, job.pickup_date, job.pickup_timeslot], [true, '2026-12-09', { start_time: '15:00', end_time: '18:00', timezone: 'Asia/Kuala_Lumpur' }]);
  assert.deepEqual(job.items.map((i) => i.item_description), ['Kuih lapis (lot 3)', 'Batik scarf']);
  assert.deepEqual([body.from.address.postcode, body.to.address.postcode, body.to.address.country], ['50450', '10200', 'MY']);
  assert.match(apiCalls('/4.2/orders')[0].raw, /"insured_value":125\.5,/);
  // a drop-off: no pickup asked for
  const drop = await ok(create({ tracking: rtn(), pickup: false, date: '' }));
  const dj = fake.order(drop.tracking).body.parcel_job;
  assert.deepEqual([dj.is_pickup_required, dj.pickup_date, dj.pickup_timeslot], [false, undefined, undefined]);
  assert.equal(fake.order(drop.tracking).status, 'Pending Pickup, Shipper Dropoff');
  noneRefused();
});

test('what NinjaVan would refuse: bad shapes stop before any call; a slot it does not offer is its refusal', async () => {
  for (const bad of [{ to_postcode: '1020' }, { to_phone: '', to_email: '' }, { from_name: 'Al' }, { weight_g: 0 }, { tracking: 'BZ--1' }, { date: '9/12/2026' }]) {
    const r = await drive([create({ tracking: rtn(), ...bad })]);
    assert.equal(r.results[0].rc, 'validation_failed', JSON.stringify(bad));
  }
  assert.equal(apiCalls('/4.2/orders').length, 0);
  const r = await drive([create({ tracking: rtn(), slot_start: '10:00', slot_end: '12:00' })]);
  assert.equal(r.results[0].rc, 'shipping_refused');
  assert.match(r.results[0].note.message, /pickup_timeslot/);
  assert.deepEqual(fake.rejected.map((x) => x.status), [400]);
});

test('create, waybill (the fake\'s PDF byte for byte, within the cap), cancel; cancel again is fine; after pickup it is refused', async () => {
  const t = rtn();
  const tn = `${SHIPPER_PREFIX}${t}`;
  const r = await drive([create({ tracking: t }), ['label', tn], ['label', tn, '100'], ['label', `${SHIPPER_PREFIX}NOSUCH1`], ['label', 'NV/../x'], ['cancel', tn], ['cancel', tn]]);
  assert.deepEqual(r.results.map((x) => x.rc), ['ok', 'ok', 'payload_too_large', 'not_found', 'validation_failed', 'ok', 'ok']);
  const pdf = Buffer.from(r.results[1].out.pdf_b64, 'base64');
  assert.deepEqual(pdf, fake.pdfOf(tn));
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  assert.equal(apiCalls('/2.0/reports/waybill')[0].query.tid, tn);
  assert.equal(fake.order(tn).status, 'Cancelled');
  assert.equal(apiCalls(`/2.2/orders/${tn}`).length, 2);

  const u = rtn();
  const picked = `${SHIPPER_PREFIX}${u}`;
  await ok(create({ tracking: u }));
  fake.advance(picked, 'Picked Up, In Transit to Origin Hub');
  const late = await drive([['cancel', picked]]);
  assert.equal(late.results[0].rc, 'shipping_refused');
  assert.match(late.results[0].note.message, /cannot be cancelled/);
  assert.equal(fake.order(picked).status, 'Picked Up, In Transit to Origin Hub');
  assert.deepEqual(fake.rejected.filter((x) => !x.expected).map((x) => [x.status, x.error.message]), [[404, 'No order with tracking number NVMYBZNOSUCH1']]);
});

test('the x-nv-request-id of every answer is in our log', async () => {
  const t = rtn();
  fake.fault({ status: 502, path: /\/2\.0\/reports\/waybill$/ });
  const r = await drive([create({ tracking: t }), ['label', `${SHIPPER_PREFIX}${t}`], create({ tracking: rtn(), slot_start: '10:00' })]);
  assert.deepEqual(r.results.map((x) => x.rc), ['ok', 'ok', 'shipping_refused']);
  const logged = r.stderr.split('\n').filter(Boolean).map((l) => JSON.parse(l).msg);
  assert.equal(fake.calls.length, 5); // the grant, the create, the label twice, the refused create
  for (const c of fake.calls) {
    const line = `${c.method} ${c.path.slice(3)}`; // without the country
    assert.ok(logged.some((m) => m.includes(line) && m.includes(`: ${c.status} x-nv-request-id=${c.requestId} `)), `${line} ${c.status} ${c.requestId} in ${logged.join('\n')}`);
  }
  assert.equal(r.results[2].note.request_id, fake.calls.at(-1).requestId);
});

// ---- webhooks ----------------------------------------------------------------------------

// What the adapter reads from a delivery the receiver got.
async function read(hook) {
  const r = await drive([['event', hook.signature ?? '-']], { stdin: hook.body });
  return r.results[0];
}

async function waitFor(n) {
  for (let i = 0; i < 200 && receiver.got.length < n; i++) await new Promise((r) => setTimeout(r, 10));
  assert.equal(receiver.got.length, n);
}

test('webhooks the fake signs and sends are read, a journey to delivered; one changed byte or no signature is refused', async () => {
  const t = rtn();
  const { tracking } = await ok(create({ tracking: t, reference: 'S9' }));
  fake.journey(tracking, 'delivered');
  await waitFor(1 + JOURNEYS.delivered.length);
  const kinds = [];
  for (const hook of receiver.got) {
    assert.equal(hook.type, 'application/json');
    const ev = await read(hook);
    assert.equal(ev.rc, 'ok', JSON.stringify(ev));
    const sent = JSON.parse(hook.body);
    assert.match(sent.timestamp, /\+08:00$/);
    assert.deepEqual([ev.out.tracking, ev.out.reference, ev.out.text, ev.out.at], [tracking, 'S9', sent.status, Date.parse(sent.timestamp)]);
    kinds.push(ev.out.kind);
  }
  assert.deepEqual(kinds, ['pending_pickup', 'picked_up', 'in_transit', 'in_transit', 'in_transit', 'out_for_delivery', 'delivered']);
  const last = receiver.got.at(-1);
  const changed = Buffer.from(last.body);
  changed[changed.indexOf('Delivered')] ^= 0x20; // "delivered": one byte
  assert.equal((await read({ body: changed.toString(), signature: last.signature })).rc, 'shipping_invalid_signature');
  assert.equal((await read({ body: last.body, signature: undefined })).rc, 'shipping_invalid_signature');
  const other = await drive([['event', last.signature]], { stdin: last.body, extra: { NINJAVAN_WEBHOOK_SECRET: 'a-separate-webhook-key' } });
  assert.equal(other.results[0].rc, 'shipping_invalid_signature');
});

test('failures and a return: reasons read; duplicates read the same, out of order each reads as itself', async () => {
  const { tracking } = await ok(create({ tracking: rtn(), reference: 'S10' }));
  await waitFor(1);
  receiver.got.length = 0;
  fake.holdWebhooks = true;
  fake.advance(tracking, 'Pickup Exception, Pending Reschedule', { reason: 'Shop closed' });
  fake.journey(tracking, 'returned');
  const n = 1 + JOURNEYS.returned.length;
  await fake.flush({ twice: true, reverse: true });
  await waitFor(2 * n);
  const events = [];
  for (const hook of receiver.got) {
    const ev = await read(hook);
    assert.equal(ev.rc, 'ok');
    events.push(ev.out);
  }
  for (let i = 0; i < 2 * n; i += 2) assert.deepEqual(events[i], events[i + 1]); // a duplicate is the same event
  const once = events.filter((_, i) => i % 2 === 0).reverse(); // in the order they happened
  assert.deepEqual(once.map((e) => e.kind), ['pickup_failed', 'picked_up', 'in_transit', 'out_for_delivery', 'delivery_failed', 'rts_started', 'returned']);
  assert.equal(once[0].reason, 'Shop closed');
  assert.equal(once[4].reason, 'Recipient not at home');
  assert.ok(once.every((e, i) => i === 0 || e.at > once[i - 1].at)); // times tell the order
  assert.equal(once.at(-1).rts_leg, true);
});
