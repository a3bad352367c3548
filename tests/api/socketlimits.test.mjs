// Event floods on the socket (docs/realtime.md, "Limits on client events"): every client event
// passes a per-socket token bucket of its class; a burst past it is refused `rate_limited`; a
// socket that keeps going is disconnected; a repeated join is answered without a store read.
// Rates are set so low here (one token per 100 s) that no refill can happen during a test:
// the counts are exact however slow the machine. Store reads are counted by /metrics.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { io } from 'socket.io-client';
import { startServer, api, registerUser, registerSeller, createShow } from './lib/harness.mjs';
import { stopAll, once as nextEvent } from './lib/live.mjs';

let srv;
const sockets = [];

before(async () => {
  srv = await startServer({
    env: {
      BLYTZ_SOCKET_LIMITS: 'join=100/200,leave=0.01/5,other=0.01/3,flood=0.01/4',
      BLYTZ_JOIN_CACHE_MS: '600000', // an answer outlives any test: reuse is never a race
    },
  });
});
after(() => stopAll(sockets, srv));

const once = (emitter, event, ms = 10000) => nextEvent(emitter, event, ms);

async function connect(opts = {}) {
  const s = io(srv.url, { reconnection: false, timeout: 10000, ...opts });
  sockets.push(s);
  if (!s.connected) await once(s, 'connect');
  return s;
}

const ack = (s, event, payload) => s.timeout(10000).emitWithAck(event, payload);

async function metric(name) {
  const r = await api(srv, 'GET', '/metrics');
  assert.equal(r.status, 200);
  const line = r.text.split('\n').find((l) => l.startsWith(`${name} `));
  assert.ok(line, `${name} in /metrics`);
  return Number(line.split(' ')[1]);
}

async function show({ seller } = {}) {
  seller ??= await registerSeller(srv);
  const { stream, productId } = await createShow(srv, seller);
  return { seller, stream, productId };
}

for (const transports of [['websocket'], ['polling']]) {
  const t = transports[0];

  test(`after a burst of K events the rest are refused with rate_limited (${t})`, async () => {
    const before = await metric('blytz_socket_events_limited_total{class="leave"}');
    const s = await connect({ transports });
    // Eight at once: the bucket holds five.
    const answers = await Promise.all(Array.from({ length: 8 }, () => ack(s, 'leave:stream', {})));
    assert.deepEqual(answers.slice(0, 5), Array(5).fill({ ok: true }));
    for (const a of answers.slice(5)) {
      assert.equal(a.ok, false);
      assert.equal(a.error.code, 'rate_limited');
      assert.equal(a.error.details.class, 'leave');
      assert.ok(a.error.details.retry_after_ms > 0);
    }
    // The limit is per socket and per class: this socket may still join, another may leave.
    const other = await connect({ transports });
    assert.deepEqual(await ack(other, 'leave:stream', {}), { ok: true });
    const { stream } = await show();
    assert.equal((await ack(s, 'join:stream', { stream_id: stream.id })).ok, true);
    assert.equal(s.connected, true, 'refused, not dropped');
    assert.equal(await metric('blytz_socket_events_limited_total{class="leave"}'), before + 3);
    s.disconnect();
    other.disconnect();
  });

  test(`a socket that keeps flooding is disconnected and not kept for recovery (${t})`, async () => {
    const before = await metric('blytz_socket_flood_disconnects_total');
    const { seller, stream } = await show();
    const s = await connect({ transports });
    assert.equal((await ack(s, 'join:stream', { stream_id: stream.id })).ok, true);
    const heard = once(s, 'chat:message');
    const said = await api(srv, 'POST', `/api/v1/streams/${stream.id}/chat`, { token: seller.access_token, body: { text: 'Selamat datang' } });
    assert.equal(said.status, 201, said.text);
    await heard; // the client now holds a recovery offset
    const answers = [];
    const gone = once(s, 'disconnect');
    // Any event name counts (class "other": 3 at once), then 4 refusals are allowed.
    for (let i = 0; i < 20; i++) s.emit('no:such:event', {}, (a) => answers.push(a));
    const [reason] = await gone;
    assert.equal(reason, 'io server disconnect'); // the official client does not come back by itself
    assert.equal(s.active, false);
    const codes = answers.map((a) => a.error.code);
    assert.deepEqual(codes, ['not_found', 'not_found', 'not_found', 'rate_limited', 'rate_limited', 'rate_limited', 'rate_limited']);
    assert.equal(await metric('blytz_socket_flood_disconnects_total'), before + 1);
    // Connecting again is the application's choice, and it starts afresh.
    s.connect();
    await once(s, 'connect');
    assert.equal(s.recovered, false);
    s.disconnect();
  });
}

test('a repeated join of the same show does not read the store', async () => {
  const { stream } = await show();
  const reads0 = await metric('blytz_socket_join_reads_total');
  const a = await connect();
  const first = await ack(a, 'join:stream', { stream_id: stream.id });
  assert.equal(first.ok, true);
  assert.equal(await metric('blytz_socket_join_reads_total'), reads0 + 1);
  for (let i = 0; i < 3; i++) {
    const again = await ack(a, 'join:stream', { stream_id: stream.id });
    assert.equal(again.ok, true);
    assert.deepEqual(again.stream, first.stream);
    assert.equal(again.viewers, 1, 'still one viewer: a repeated join is not a second one');
  }
  const b = await connect(); // another anonymous viewer: the node's answer serves it too
  assert.equal((await ack(b, 'join:stream', { stream_id: stream.id })).viewers, 2);
  assert.equal(await metric('blytz_socket_join_reads_total'), reads0 + 1);

  // A signed-in viewer's first join reads what is theirs (name, moderation right) once.
  const u = await registerUser(srv);
  const c = await connect({ auth: { token: u.access_token } });
  assert.equal((await ack(c, 'join:stream', { stream_id: stream.id })).can_moderate, false);
  assert.equal(await metric('blytz_socket_join_reads_total'), reads0 + 2);
  for (let i = 0; i < 3; i++) assert.equal((await ack(c, 'join:stream', { stream_id: stream.id })).ok, true);
  assert.equal(await metric('blytz_socket_join_reads_total'), reads0 + 2);
  for (const s of [a, b, c]) s.disconnect();
});

test('joins arriving together share one read; a missing show is read once too', async () => {
  const { stream } = await show();
  const reads0 = await metric('blytz_socket_join_reads_total');
  const viewers = await Promise.all(Array.from({ length: 6 }, () => connect()));
  const answers = await Promise.all(viewers.map((s) => ack(s, 'join:stream', { stream_id: stream.id })));
  assert.ok(answers.every((r) => r.ok && r.stream.id === stream.id));
  assert.equal(await metric('blytz_socket_join_reads_total'), reads0 + 1);
  for (const s of viewers.slice(0, 2)) {
    const r = await ack(s, 'join:stream', { stream_id: '987654321' });
    assert.equal(r.error.code, 'not_found');
  }
  assert.equal(await metric('blytz_socket_join_reads_total'), reads0 + 2);
  for (const s of viewers) s.disconnect();
});

test('an auction event refreshes the answer; the seller is never answered from the cache', async () => {
  const { seller, stream, productId } = await show();
  const viewer = await connect();
  assert.equal((await ack(viewer, 'join:stream', { stream_id: stream.id })).auction, null);
  assert.equal((await api(srv, 'POST', `/api/v1/streams/${stream.id}/live`, { token: seller.access_token })).status, 200);
  const started = await api(srv, 'POST', `/api/v1/streams/${stream.id}/auctions`, {
    token: seller.access_token,
    body: { product_id: productId, starting_bid: 1000, duration_s: 120, mode: 'standard', reserve_price: 50000 },
  });
  assert.equal(started.status, 201, started.text);
  // The room heard the start; the node dropped the answer it kept, so the next join reads.
  const reads0 = await metric('blytz_socket_join_reads_total');
  const late = await connect();
  const r = await ack(late, 'join:stream', { stream_id: stream.id });
  assert.equal(r.auction.id, started.json.auction.id);
  assert.equal(r.auction.has_reserve, true);
  assert.equal(r.auction.reserve_price, undefined, 'buyers never see the reserve');
  assert.equal(await metric('blytz_socket_join_reads_total'), reads0 + 1);
  const s = await connect({ auth: { token: seller.access_token } });
  for (let i = 0; i < 2; i++) {
    const mine = await ack(s, 'join:stream', { stream_id: stream.id });
    assert.equal(mine.auction.reserve_price, 50000);
    assert.equal(mine.can_moderate, true);
  }
  assert.equal(await metric('blytz_socket_join_reads_total'), reads0 + 3);
  for (const x of [viewer, late, s]) x.disconnect();
});
