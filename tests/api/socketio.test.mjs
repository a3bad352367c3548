// The Socket.IO gateway against the official socket.io-client: transports, upgrade, acks,
// reconnection, connection-state recovery, auth, and the Blytz events (join:stream, viewers,
// chat:message). Every wait is bounded.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { io } from 'socket.io-client';
import { startServer, api, registerUser, registerSeller, createShow, SLOW } from './lib/harness.mjs';
import { stopAll, once } from './lib/live.mjs';

let srv;
const sockets = [];

before(async () => { srv = await startServer(); });
after(() => stopAll(sockets, srv));

function connect(opts = {}) {
  const s = io(srv.url, { reconnectionDelay: 100, reconnectionDelayMax: 200, timeout: 5000, ...opts });
  sockets.push(s);
  return s;
}


const connected = (s) => (s.connected ? Promise.resolve() : once(s, 'connect'));
const ack = (s, event, payload, ms = 5000) => s.timeout(ms).emitWithAck(event, payload);

async function scheduledStream(server = srv) {
  const seller = await registerSeller(server);
  const { stream } = await createShow(server, seller, { title: 'Malam Retro', lot: 'Kamera filem lama', price: 12000 });
  return { seller, stream };
}

for (const transports of [['polling'], ['websocket']]) {
  test(`connects and acks over ${transports[0]} only`, async () => {
    const s = connect({ transports });
    await connected(s);
    assert.equal(s.io.engine.transport.name, transports[0]);
    const res = await ack(s, 'leave:stream', { stream_id: '1' });
    assert.deepEqual(res, { ok: true });
    s.disconnect();
  });
}

test('upgrades from polling to WebSocket', async () => {
  const s = connect();
  await connected(s);
  if (s.io.engine.transport.name !== 'websocket') await once(s.io.engine, 'upgrade');
  assert.equal(s.io.engine.transport.name, 'websocket');
  assert.deepEqual(await ack(s, 'leave:stream', {}), { ok: true });
  s.disconnect();
});

test('a bad token is refused with connect_error "unauthorized"', async () => {
  const s = connect({ auth: { token: 'not-a-jwt' }, reconnection: false });
  const [err] = await once(s, 'connect_error');
  assert.equal(err.message, 'unauthorized');
  s.disconnect();
});

test('anonymous sockets join a stream and see the viewer count; join:stream ack shape', async () => {
  const { stream } = await scheduledStream();
  const viewer = await registerUser(srv);
  const a = connect({ transports: ['websocket'] });
  const b = connect({ transports: ['websocket'], auth: { token: viewer.access_token } });
  await Promise.all([connected(a), connected(b)]);
  const ra = await ack(a, 'join:stream', { stream_id: stream.id });
  assert.equal(ra.ok, true);
  assert.equal(ra.stream.id, stream.id);
  assert.equal(ra.auction, null);
  assert.equal(ra.viewers, 1);
  assert.ok(!Number.isNaN(Date.parse(ra.server_time)));
  const joined = once(a, 'user:joined', 3000);
  const rb = await ack(b, 'join:stream', { stream_id: stream.id });
  assert.equal(rb.viewers, 2);
  const [ev] = await joined;
  assert.equal(ev.stream_id, stream.id);
  assert.equal(ev.user.id, viewer.user.id);
  assert.equal(ev.viewers, 2);
  const bad = await ack(a, 'join:stream', { stream_id: '999999' });
  assert.equal(bad.ok, false);
  assert.equal(bad.error.code, 'not_found');
  const chat = await ack(a, 'chat:message', { stream_id: stream.id, text: 'hi' });
  assert.equal(chat.error.code, 'unauthorized');
  a.disconnect();
  b.disconnect();
});

test('reconnects after the transport drops', async () => {
  const s = connect({ transports: ['websocket'] });
  await connected(s);
  const first = s.id;
  const dropped = once(s, 'disconnect');
  s.io.engine.close(); // the client's side of the transport goes away
  await dropped;
  await once(s, 'connect', 5000);
  assert.notEqual(s.id, undefined);
  assert.deepEqual(await ack(s, 'leave:stream', {}), { ok: true });
  assert.ok(first);
  s.disconnect();
});

/** Wait (a loaded machine may be slow) until `seen` holds `n` entries, then a little more, so
 * that an extra one would show too. */
async function seenAll(seen, n) {
  const end = Date.now() + 5000 * SLOW;
  while (seen.length < n && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, 200));
}

test('connection-state recovery replays missed room events in order', async () => {
  const { seller, stream } = await scheduledStream();
  const viewer = await registerUser(srv);
  const s = connect({ transports: ['websocket'], auth: { token: viewer.access_token } });
  await connected(s);
  const seen = [];
  s.on('chat:message', (m) => seen.push(m.text));
  await ack(s, 'join:stream', { stream_id: stream.id });
  const post = (text) => api(srv, 'POST', `/api/v1/streams/${stream.id}/chat`, { token: seller.access_token, body: { text } });
  assert.equal((await post('before')).status, 201);
  await seenAll(seen, 1);
  assert.deepEqual(seen, ['before']);
  const id = s.id;
  const dropped = once(s, 'disconnect');
  // away until the missed events are posted: a loaded machine posts slower than the client
  // reconnects, and a connect before the waiter below would be missed
  s.io.reconnection(false);
  s.io.engine.close();
  await dropped;
  for (const t of ['missed 1', 'missed 2', 'missed 3']) assert.equal((await post(t)).status, 201);
  const back = once(s, 'connect', 5000 * SLOW);
  s.io.reconnection(true);
  s.connect();
  await back;
  assert.equal(s.recovered, true);
  assert.equal(s.id, id);
  await seenAll(seen, 4);
  assert.deepEqual(seen, ['before', 'missed 1', 'missed 2', 'missed 3']);
  assert.equal((await post('after')).status, 201);
  await seenAll(seen, 5);
  assert.deepEqual(seen.at(-1), 'after');
  s.disconnect();
});

// A busy show: far more events than a fixed ring of a few hundred while the socket is away.
test('recovery reaches back over 600 missed events, all in order', async () => {
  const busy = await startServer({ env: { BLYTZ_CHAT_RATE: '100000' } });
  try {
    const { seller, stream } = await scheduledStream(busy);
    const s = io(busy.url, { transports: ['websocket'], reconnectionDelay: 50, reconnectionDelayMax: 50 });
    sockets.push(s);
    await connected(s);
    const seen = [];
    s.on('chat:message', (m) => seen.push(m.text));
    await ack(s, 'join:stream', { stream_id: stream.id });
    const post = (text) => api(busy, 'POST', `/api/v1/streams/${stream.id}/chat`, { token: seller.access_token, body: { text } });
    const first = once(s, 'chat:message');
    assert.equal((await post('before')).status, 201); /* recovery needs an offset: one event seen */
    await first;
    const dropped = once(s, 'disconnect');
    s.io.reconnection(false);
    s.io.engine.close();
    await dropped;
    const want = ['before'];
    for (let i = 0; i < 600; i++) {
      want.push(`m${i}`);
      assert.equal((await post(`m${i}`)).status, 201);
    }
    s.io.reconnection(true);
    s.connect();
    await once(s, 'connect', 10000);
    assert.equal(s.recovered, true);
    for (let i = 0; i < 100 && seen.length < want.length; i++) await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(seen, want);
    s.disconnect();
  } finally {
    await busy.stop();
  }
});

test('the join answer says who may moderate the room: the seller and their moderators', async () => {
  const { seller, stream } = await scheduledStream();
  const mod = await registerUser(srv);
  const viewer = await registerUser(srv);
  const appoint = await api(srv, 'POST', `/api/v1/sellers/me/moderators/${mod.user.id}`, { token: seller.access_token });
  assert.ok(appoint.status < 300, appoint.text);
  const canModerate = async (token) => {
    const s = connect(token ? { auth: { token } } : {});
    await connected(s);
    const r = await ack(s, 'join:stream', { stream_id: stream.id });
    assert.equal(r.ok, true, JSON.stringify(r));
    s.disconnect();
    return r.can_moderate;
  };
  assert.equal(await canModerate(seller.access_token), true);
  assert.equal(await canModerate(mod.access_token), true);
  assert.equal(await canModerate(viewer.access_token), false);
  assert.equal(await canModerate(null), false);
});

test('signed-in users chat over the socket and the room hears it', async () => {
  const { stream } = await scheduledStream();
  const u = await registerUser(srv);
  const s = connect({ auth: { token: u.access_token } });
  const watcher = connect({ transports: ['polling'] });
  await Promise.all([connected(s), connected(watcher)]);
  await ack(s, 'join:stream', { stream_id: stream.id });
  await ack(watcher, 'join:stream', { stream_id: stream.id });
  const heard = once(watcher, 'chat:message');
  const r = await ack(s, 'chat:message', { stream_id: stream.id, text: 'Selamat malam!' });
  assert.equal(r.ok, true, JSON.stringify(r));
  assert.equal(r.message.text, 'Selamat malam!');
  const [m] = await heard;
  assert.equal(m.text, 'Selamat malam!');
  assert.equal(m.user.username, u.user.username);
  s.disconnect();
  watcher.disconnect();
});
