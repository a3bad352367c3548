// Recording a show, end to end through the outbox, with the embedded default: a real Janus
// (scripts/test.sh starts one and exports JANUS_*) and janus-pp-rec. The seller chooses;
// going live starts the recording once the room is open; ending the show stops it and makes
// its files; the replay gives their URLs (served with Range, so a player can seek) and places
// the lots on the recording; each order of the show points at the moment its lot sold.
// No browser here: the recording's .mjr files are written the way Janus writes them
// (tests/integration/mjr.mjs); tests/video records a real camera.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, api, registerUser, registerSeller, createShow } from './lib/harness.mjs';
import { startAuction } from './lib/live.mjs';
import { mjr, opusSilence, vp8Key } from '../integration/mjr.mjs';

const JANUS = ['JANUS_URL', 'JANUS_ADMIN_KEY', 'JANUS_TOKEN_SECRET', 'JANUS_REC_DIR'];
let srv, plain;
before(async () => {
  const missing = JANUS.filter((k) => !process.env[k]);
  if (missing.length) throw new Error(`${missing.join(', ')} unset: run through scripts/test.sh, or source scripts/services.sh and svc_janus_start`);
  const env = Object.fromEntries([...JANUS, 'JANUS_PP_REC'].filter((k) => process.env[k]).map((k) => [k, process.env[k]]));
  [srv, plain] = await Promise.all([startServer({ env: { BLYTZ_VIDEO: 'janus', ...env } }), startServer()]);
});
after(async () => { await Promise.all([srv?.stop(), plain?.stop()]); });

const as = (who) => ({ token: who?.access_token });
const replay = async (s, id) => {
  const r = await api(s, 'GET', `/api/v1/streams/${id}/replay`);
  assert.equal(r.status, 200, r.text);
  return r.json.replay;
};

async function until(what, check, ms = 20000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms\n${srv.logs().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
const inState = (id, ...states) => until(`recording of ${id} in ${states}`, async () => {
  const r = await replay(srv, id);
  return states.includes(r.state) && r;
});

test('the seller chooses whether a show is recorded, until it goes live', async () => {
  const seller = await registerSeller(plain);
  const other = await registerSeller(plain);
  const { stream } = await createShow(plain, seller);
  assert.equal(stream.record, true, 'recorded unless the seller says not');
  const set = (who, body, id = stream.id) => api(plain, 'PUT', `/api/v1/streams/${id}/record`, { ...as(who), body });
  const off = await set(seller, { record: false });
  assert.equal(off.status, 200, off.text);
  assert.equal(off.json.stream.record, false);
  assert.equal((await api(plain, 'GET', `/api/v1/streams/${stream.id}`)).json.stream.record, false);
  assert.equal((await set(other, { record: true })).status, 403);
  assert.equal((await set(null, { record: true })).status, 401);
  for (const body of [{}, { record: 'yes' }]) {
    const bad = await set(seller, body);
    assert.equal(bad.status, 422, JSON.stringify(body));
    assert.equal(bad.json.error.details.field, 'record');
  }
  assert.equal((await set(seller, { record: true }, '424242')).status, 404);
  const scheduledOff = await api(plain, 'POST', '/api/v1/streams', { ...as(seller), body: {
    title: 'Tidak dirakam', starts_at: new Date(Date.now() + 3600e3).toISOString(), product_ids: stream.product_ids, record: false } });
  assert.equal(scheduledOff.status, 201, scheduledOff.text);
  assert.equal(scheduledOff.json.stream.record, false);

  assert.equal((await api(plain, 'POST', `/api/v1/streams/${stream.id}/live`, as(seller))).status, 200);
  const late = await set(seller, { record: true });
  assert.equal(late.status, 409);
  assert.equal(late.json.error.details.field, 'record');
  // No video on this server: nothing is recorded, and the replay says so.
  const r = await replay(plain, stream.id);
  assert.deepEqual({ ...r, lots: undefined }, { stream_id: stream.id, status: 'live', record: false, state: 'none',
    reason: null, started_at: null, duration_ms: null, video: null, audio: null, lots: undefined });
  assert.deepEqual(r.lots, []);
  assert.equal((await api(plain, 'GET', '/api/v1/streams/424242/replay')).status, 404);
});

// The recording's directory in Janus's rec_dir: s<show>-<ms> (the recording id).
const recDir = (id) => {
  const name = readdirSync(process.env.JANUS_REC_DIR).find((d) => d.startsWith(`s${id}-`));
  return name && join(process.env.JANUS_REC_DIR, name);
};

test('a show is recorded through the outbox, replayed with its lots, and its orders link to the sale', { timeout: 90000 }, async () => {
  const seller = await registerSeller(srv);
  const buyer = await registerUser(srv);
  const named = await registerUser(srv);
  await api(srv, 'PATCH', '/api/v1/users/me', { ...as(named), body: { show_win_name: true } });
  const { stream, productIds } = await createShow(srv, seller, { products: 2, lot: 'Canon AE-1', price: 50000 });
  assert.equal((await api(srv, 'POST', `/api/v1/streams/${stream.id}/live`, as(seller))).status, 200);

  // The room opens, then the recording starts in it.
  const recording = await inState(stream.id, 'recording');
  assert.equal(recording.video, null, 'nothing to play while it records');
  const dir = await until('the recording directory', () => recDir(stream.id));
  const startedAt = Date.parse(recording.started_at);

  // The seller's camera and microphone, as Janus writes them, from 200 ms in.
  const firstMs = startedAt + 200;
  writeFileSync(join(dir, 'videoroom-1-user-1-video-0.mjr'), mjr('v', 'vp8', Array.from({ length: 90 }, vp8Key), 3000, firstMs * 1000));
  writeFileSync(join(dir, 'videoroom-1-user-1-audio-1.mjr'), mjr('a', 'opus', Array.from({ length: 150 }, opusSilence), 960, (firstMs + 40) * 1000));

  // Two lots sell (buy-it-now: no waiting for a clock), one to a buyer who shows their name,
  // once the picture is under way.
  await until('the picture is under way', () => Date.now() > firstMs + 300);
  const a = await startAuction(srv, seller, stream.id, { product_id: productIds[0], starting_bid: 1000, buy_now_price: 1200, duration_s: 60 });
  const bid1 = await api(srv, 'POST', `/api/v1/auctions/${a.id}/bids`, { ...as(buyer), body: { amount: 1200 } });
  assert.equal(bid1.json.auction.status, 'ended');
  const b = await startAuction(srv, seller, stream.id, { product_id: productIds[1], starting_bid: 1000, buy_now_price: 3400, duration_s: 60 });
  assert.equal((await api(srv, 'POST', `/api/v1/auctions/${b.id}/bids`, { ...as(named), body: { amount: 3400 } })).json.auction.status, 'ended');

  // While it records, a receipt already points at the sale; not playable yet.
  let orders = (await api(srv, 'GET', '/api/v1/orders', as(buyer))).json.orders;
  assert.equal(orders[0].receipt.stream_id, stream.id);
  assert.equal(orders[0].receipt.ready, false);

  // The end stops it and makes the files.
  assert.equal((await api(srv, 'POST', `/api/v1/streams/${stream.id}/end`, as(seller))).status, 200);
  const r = await inState(stream.id, 'ready', 'failed');
  assert.equal(r.state, 'ready', r.reason);
  assert.equal(r.status, 'ended');
  assert.equal(r.record, true);
  assert.equal(r.reason, null);
  assert.equal(Date.parse(r.started_at), firstMs, 'time 0 is the first packet written');
  const key = `recordings/show-${stream.id}/${dir.split('/').pop()}`;
  assert.deepEqual(r.video, { url: `/media/${key}.webm`, type: 'video/webm' });
  assert.deepEqual(r.audio, { url: `/media/${key}.opus`, type: 'audio/ogg', offset_ms: 40 });

  // The lots, placed on the recording, winners named only when they allow it.
  assert.equal(r.lots.length, 2);
  const [l1, l2] = r.lots;
  assert.equal(l1.auction_id, a.id);
  assert.equal(l1.title, 'Canon AE-1 1');
  assert.equal(l1.status, 'ended');
  assert.equal(l1.start_ms, Math.max(0, Date.parse(l1.started_at) - firstMs));
  assert.equal(l1.decided_ms, Date.parse(l1.ended_at) - firstMs);
  assert.ok(l1.decided_ms >= l1.start_ms);
  assert.equal(l1.sale.price, 1200);
  assert.equal(l1.sale.winner, null);
  assert.equal(l2.sale.price, 3400);
  assert.deepEqual(l2.sale.winner, { id: named.user.id, username: named.user.username });

  // The files: a WebM and an Ogg, served with ranges.
  const whole = await fetch(srv.url + r.video.url);
  assert.equal(whole.status, 200);
  assert.equal(whole.headers.get('content-type'), 'video/webm');
  assert.equal(whole.headers.get('accept-ranges'), 'bytes');
  const size = (await whole.arrayBuffer()).byteLength;
  const head = await fetch(srv.url + r.video.url, { headers: { range: 'bytes=0-3' } });
  assert.equal(head.status, 206);
  assert.equal(head.headers.get('content-range'), `bytes 0-3/${size}`);
  assert.deepEqual([...new Uint8Array(await head.arrayBuffer())], [0x1a, 0x45, 0xdf, 0xa3], 'EBML');
  const tail = await fetch(srv.url + r.video.url, { headers: { range: 'bytes=-16' } });
  assert.equal(tail.headers.get('content-range'), `bytes ${size - 16}-${size - 1}/${size}`);
  assert.equal((await fetch(srv.url + r.video.url, { headers: { range: `bytes=${size}-` } })).status, 416);
  const ogg = await fetch(srv.url + r.audio.url, { headers: { range: 'bytes=0-3' } });
  assert.equal(ogg.headers.get('content-type'), 'audio/ogg');
  assert.equal(Buffer.from(await ogg.arrayBuffer()).toString(), 'OggS');

  // The video receipts: the buyer's and the seller's orders point at the moment of the sale.
  orders = (await api(srv, 'GET', '/api/v1/orders', as(buyer))).json.orders;
  assert.deepEqual(orders[0].receipt, { stream_id: stream.id, at_ms: l1.decided_ms, ready: true });
  const sales = (await api(srv, 'GET', '/api/v1/orders?role=seller', as(seller))).json.orders;
  assert.deepEqual(sales.map((o) => o.receipt.at_ms).sort((x, y) => x - y), [l1.decided_ms, l2.decided_ms]);

  // The outbox did it all, once each.
  const outbox = (await api(srv, 'GET', '/metrics')).text;
  assert.match(outbox, /blytz_outbox_parked 0\b/);
});

test('a recorded show where nothing reached the video server says so', { timeout: 60000 }, async () => {
  const seller = await registerSeller(srv);
  const { stream } = await createShow(srv, seller, { live: true });
  await inState(stream.id, 'recording');
  assert.equal((await api(srv, 'POST', `/api/v1/streams/${stream.id}/end`, as(seller))).status, 200);
  const r = await inState(stream.id, 'failed', 'ready');
  assert.equal(r.state, 'failed');
  assert.match(r.reason, /nothing was recorded/);
  assert.equal(r.video, null);
});

test('a show the seller does not record has no recording', async () => {
  const seller = await registerSeller(srv);
  const { stream } = await createShow(srv, seller);
  assert.equal((await api(srv, 'PUT', `/api/v1/streams/${stream.id}/record`, { ...as(seller), body: { record: false } })).status, 200);
  assert.equal((await api(srv, 'POST', `/api/v1/streams/${stream.id}/live`, as(seller))).status, 200);
  assert.equal((await api(srv, 'POST', `/api/v1/streams/${stream.id}/end`, as(seller))).status, 200);
  const r = await replay(srv, stream.id);
  assert.equal(r.state, 'none');
  assert.equal(r.record, false);
  assert.equal(recDir(stream.id), undefined, 'Janus never recorded it');
});

test('a large file is served a few MiB a response, as a player reads on', async () => {
  const dir = join(plain.dir, 'media', 'recordings', 'show-1');
  mkdirSync(dir, { recursive: true });
  const big = Buffer.alloc(9 << 20, 7);
  big.write('end', big.length - 3);
  writeFileSync(join(dir, 'big.webm'), big);
  const first = await fetch(`${plain.url}/media/recordings/show-1/big.webm`, { headers: { range: 'bytes=0-' } });
  assert.equal(first.status, 206);
  assert.equal(first.headers.get('content-range'), `bytes 0-${(4 << 20) - 1}/${big.length}`);
  assert.equal((await first.arrayBuffer()).byteLength, 4 << 20);
  const last = await fetch(`${plain.url}/media/recordings/show-1/big.webm`, { headers: { range: `bytes=${8 << 20}-` } });
  assert.equal(last.headers.get('content-range'), `bytes ${8 << 20}-${big.length - 1}/${big.length}`);
  assert.ok(Buffer.from(await last.arrayBuffer()).subarray(-3).equals(Buffer.from('end')));
});
