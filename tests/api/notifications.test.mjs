// /api/v1/notifications and the `notification` Socket.IO event: when a show
// goes live every follower of its seller gets a show_live notification,
// stored (REST list, unread count, mark-read) and pushed to the follower's
// private room. Every wait is bounded.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { io } from 'socket.io-client';
import { startServer, api, registerUser, registerSeller, createShow } from './lib/harness.mjs';
import { stopAll } from './lib/live.mjs';

let srv;
const sockets = [];

before(async () => { srv = await startServer(); });
after(() => stopAll(sockets, srv));

function connect(token) {
  const s = io(srv.url, { transports: ['websocket'], auth: { token }, reconnection: false, timeout: 5000 });
  sockets.push(s);
  return new Promise((ok, fail) => {
    const t = setTimeout(() => fail(new Error('timed out connecting')), 5000);
    s.once('connect', () => { clearTimeout(t); ok(s); });
    s.once('connect_error', (e) => { clearTimeout(t); fail(e); });
  });
}

// Every `notification` the socket hears, collected from now on.
function collect(s) {
  const got = [];
  s.on('notification', (n) => got.push(n));
  return got;
}

async function waitFor(pred, ms = 5000) {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function scheduledShow(seller, title) {
  return (await createShow(srv, seller, { title, lot: 'Jam tangan lama', price: 12000, weight: 300 })).stream;
}

async function follow(user, seller) {
  const r = await api(srv, 'POST', `/api/v1/sellers/${seller.user.id}/follow`, { token: user.access_token });
  assert.equal(r.status, 204, r.text);
}

const goLive = async (seller, stream) => {
  const r = await api(srv, 'POST', `/api/v1/streams/${stream.id}/live`, { token: seller.access_token });
  assert.equal(r.status, 200, r.text);
};

/** A seller, a user who follows them and one who does not. */
async function sellerAndFan() {
  const seller = await registerSeller(srv);
  const fan = await registerUser(srv);
  const other = await registerUser(srv);
  await follow(fan, seller);
  return { seller, fan, other };
}

const list = (user, query = '') => api(srv, 'GET', `/api/v1/notifications${query}`, { token: user.access_token });

test('a follower hears `notification` when the seller goes live; a non-follower does not', async () => {
  const { seller, fan, other: stranger } = await sellerAndFan();
  const stream = await scheduledShow(seller, 'Malam "Retro" Jumaat');
  const fanGot = collect(await connect(fan.access_token));
  const strangerGot = collect(await connect(stranger.access_token));

  await goLive(seller, stream);
  await waitFor(() => fanGot.length === 1);
  const n = fanGot[0];
  assert.equal(n.kind, 'show_live');
  assert.equal(n.stream_id, stream.id);
  assert.equal(n.title, 'Malam "Retro" Jumaat');
  assert.equal(typeof n.id, 'string');
  assert.match(n.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

  // going live again (already live) notifies nobody twice
  await goLive(seller, stream);
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(fanGot.length, 1);
  assert.equal(strangerGot.length, 0);
  const r = await list(stranger);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json, { notifications: [], next_cursor: null, unread: 0 });
});

test('the REST list shows it, mark-read works, and another user cannot mark it', async () => {
  const { seller, fan, other } = await sellerAndFan();
  const first = await scheduledShow(seller, 'Pertama');
  const second = await scheduledShow(seller, 'Kedua');
  await goLive(seller, first);
  await goLive(seller, second);

  let r = await list(fan);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.unread, 2);
  assert.equal(r.json.next_cursor, null);
  assert.deepEqual(r.json.notifications.map((n) => n.stream_id), [second.id, first.id], 'newest first');
  const [newest] = r.json.notifications;
  assert.equal(newest.kind, 'show_live');
  assert.equal(newest.title, 'Kedua');
  assert.equal(newest.read_at, null);

  // pages by cursor
  r = await list(fan, '?limit=1');
  assert.equal(r.json.notifications.length, 1);
  assert.equal(typeof r.json.next_cursor, 'string');
  const page2 = await list(fan, `?limit=1&cursor=${r.json.next_cursor}`);
  assert.deepEqual(page2.json.notifications.map((n) => n.stream_id), [first.id]);
  assert.equal(page2.json.next_cursor, null);
  assert.equal((await list(fan, '?limit=0')).status, 422);

  // someone else's notification looks missing; the owner marks it (twice is fine)
  const path = `/api/v1/notifications/${newest.id}/read`;
  assert.equal((await api(srv, 'POST', path, { token: other.access_token })).status, 404);
  assert.equal((await api(srv, 'POST', path)).status, 401);
  assert.equal((await api(srv, 'POST', path, { token: fan.access_token })).status, 204);
  assert.equal((await api(srv, 'POST', path, { token: fan.access_token })).status, 204);
  assert.equal((await api(srv, 'POST', '/api/v1/notifications/999999/read', { token: fan.access_token })).status, 404);

  r = await list(fan);
  assert.equal(r.json.unread, 1);
  assert.match(r.json.notifications[0].read_at, /Z$/);
  assert.equal(r.json.notifications[1].read_at, null);
  assert.equal((await list(other)).json.unread, 0);
  assert.equal((await api(srv, 'GET', '/api/v1/notifications')).status, 401);
});
