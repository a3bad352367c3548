// Sessions that end early end at once (docs/api.md "Sessions"): after logout, after a
// refresh token's reuse revoked its family, and after a password change, the session's
// access tokens are refused on the very next request, over REST and over the socket,
// although they have not expired; also after a restart (the list is in the database).
// One node here; tests/api/multinode-revocation.test.mjs covers several.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { io } from 'socket.io-client';
import { startServer, api, registerUser, registerSeller, createShow } from './lib/harness.mjs';
import { stopAll, once as nextEvent } from './lib/live.mjs';

let srv;
const sockets = [];

before(async () => { srv = await startServer(); });
after(() => stopAll(sockets, srv));

const once = (emitter, event, ms = 8000) => nextEvent(emitter, event, ms);

async function socketFor(token) {
  const s = io(srv.url, { transports: ['websocket'], reconnection: false, timeout: 8000, auth: token ? { token } : {} });
  sockets.push(s);
  await once(s, 'connect');
  return s;
}

const ack = (s, event, payload) => s.timeout(8000).emitWithAck(event, payload);
const me = (token) => api(srv, 'GET', '/api/v1/users/me', { token });
const login = async (u) => {
  const r = await api(srv, 'POST', '/api/v1/auth/login', { body: { email: u.email, password: u.password } });
  assert.equal(r.status, 200, r.text);
  return { ...u, ...r.json };
};

async function liveShow() {
  const seller = await registerSeller(srv);
  return { seller, stream: (await createShow(srv, seller, { live: true })).stream };
}

/** A socket signed in as `token`, in the show's room, whose chat works. */
async function chattingSocket(token, streamId) {
  const s = await socketFor(token);
  const joined = await ack(s, 'join:stream', { stream_id: streamId });
  assert.equal(joined.ok, true, JSON.stringify(joined));
  const sent = await ack(s, 'chat:message', { stream_id: streamId, text: 'hello' });
  assert.equal(sent.ok, true, JSON.stringify(sent));
  return s;
}

test('logout: the access token is refused at once, over REST and on the socket', async () => {
  const { stream } = await liveShow();
  const u = await registerUser(srv);
  const other = await login(u); // a second session of the same user
  const s = await chattingSocket(u.access_token, stream.id);
  assert.equal((await me(u.access_token)).status, 200);

  const out = await api(srv, 'POST', '/api/v1/auth/logout', { body: { refresh_token: u.refresh_token } });
  assert.equal(out.status, 204);

  const r = await me(u.access_token);
  assert.equal(r.status, 401);
  assert.equal(r.json.error.code, 'unauthorized');
  const chat = await ack(s, 'chat:message', { stream_id: stream.id, text: 'still me?' });
  assert.equal(chat.ok, false);
  assert.equal(chat.error.code, 'unauthorized');
  const bid = await ack(s, 'auction:bid', { auction_id: '1', amount: 100 });
  assert.equal(bid.error.code, 'unauthorized');
  assert.deepEqual(await ack(s, 'leave:stream', { stream_id: stream.id }), { ok: true });

  // a new socket with the old token is refused at CONNECT
  const again = io(srv.url, { transports: ['websocket'], reconnection: false, auth: { token: u.access_token } });
  sockets.push(again);
  const [err] = await once(again, 'connect_error');
  assert.equal(err.message, 'unauthorized');

  // the user's other session is untouched
  assert.equal((await me(other.access_token)).status, 200);
});

test('refresh-token reuse: every access token of the family is refused at once', async () => {
  const u = await registerUser(srv);
  const rotated = await api(srv, 'POST', '/api/v1/auth/refresh', { body: { refresh_token: u.refresh_token } });
  assert.equal(rotated.status, 200, rotated.text);
  const next = rotated.json;
  assert.equal((await me(next.access_token)).status, 200);
  const s = await socketFor(next.access_token);

  // someone replays the spent refresh token
  const replay = await api(srv, 'POST', '/api/v1/auth/refresh', { body: { refresh_token: u.refresh_token } });
  assert.equal(replay.status, 401);
  assert.equal(replay.json.error.code, 'refresh_token_reused');

  for (const token of [u.access_token, next.access_token]) {
    const r = await me(token);
    assert.equal(r.status, 401, 'both the stolen and the current access token');
    assert.equal(r.json.error.code, 'unauthorized');
  }
  const chat = await ack(s, 'chat:message', { stream_id: '1', text: 'x' });
  assert.equal(chat.error.code, 'unauthorized');
});

test('password change: every other session ends at once; this one stays', async () => {
  const { stream } = await liveShow();
  const u = await registerUser(srv);
  const phone = await login(u);
  const thief = await login(u);
  const thiefSocket = await chattingSocket(thief.access_token, stream.id);
  const ownSocket = await chattingSocket(u.access_token, stream.id);
  const path = '/api/v1/users/me/password';

  // refusals first: nothing changes
  let r = await api(srv, 'POST', path, { token: u.access_token, body: { current_password: 'not my password', new_password: 'a fresh long passphrase' } });
  assert.equal(r.status, 422);
  assert.equal(r.json.error.code, 'wrong_password');
  assert.equal(r.json.error.details.field, 'current_password');
  r = await api(srv, 'POST', path, { token: u.access_token, body: { current_password: u.password, new_password: 'short' } });
  assert.equal(r.status, 422);
  assert.equal(r.json.error.code, 'weak_password');
  assert.equal(r.json.error.details.field, 'new_password');
  r = await api(srv, 'POST', path, { token: u.access_token, body: { current_password: u.password } });
  assert.equal(r.status, 422);
  assert.equal(r.json.error.details.field, 'new_password');
  r = await api(srv, 'POST', path, { body: { current_password: u.password, new_password: 'a fresh long passphrase' } });
  assert.equal(r.status, 401);
  assert.equal((await me(phone.access_token)).status, 200);

  r = await api(srv, 'POST', path, { token: u.access_token, body: { current_password: u.password, new_password: 'a fresh long passphrase' } });
  assert.equal(r.status, 204, r.text);

  for (const gone of [phone, thief]) {
    const m = await me(gone.access_token);
    assert.equal(m.status, 401);
    const refreshed = await api(srv, 'POST', '/api/v1/auth/refresh', { body: { refresh_token: gone.refresh_token } });
    assert.equal(refreshed.status, 401, 'its refresh token is dead too');
  }
  const refused = await ack(thiefSocket, 'chat:message', { stream_id: stream.id, text: 'mine now' });
  assert.equal(refused.error.code, 'unauthorized');

  // the session that changed it carries on, on REST and on its socket
  assert.equal((await me(u.access_token)).status, 200);
  const kept = await ack(ownSocket, 'chat:message', { stream_id: stream.id, text: 'new password, same me' });
  assert.equal(kept.ok, true, JSON.stringify(kept));

  const oldPw = await api(srv, 'POST', '/api/v1/auth/login', { body: { email: u.email, password: u.password } });
  assert.equal(oldPw.status, 401);
  const newPw = await api(srv, 'POST', '/api/v1/auth/login', { body: { email: u.email, password: 'a fresh long passphrase' } });
  assert.equal(newPw.status, 200);
});

test("a revoked session's socket stops hearing the user's private events", async () => {
  const seller = await registerSeller(srv);
  const fan = await registerUser(srv);
  const second = await login(fan);
  assert.equal((await api(srv, 'POST', `/api/v1/sellers/${seller.seller.id}/follow`, { token: fan.access_token })).status, 204);
  const ended = await socketFor(fan.access_token);
  const alive = await socketFor(second.access_token);
  const heard = { ended: [], alive: [] };
  ended.on('notification', (n) => heard.ended.push(n));
  alive.on('notification', (n) => heard.alive.push(n));
  assert.equal((await api(srv, 'POST', '/api/v1/auth/logout', { body: { refresh_token: fan.refresh_token } })).status, 204);

  const p = await api(srv, 'POST', '/api/v1/products', {
    token: seller.access_token,
    body: { title: 'Pinggan antik', condition: 'good', quantity: 1, buy_now_price: 3000, shipping_weight_g: 300 },
  });
  const st = await api(srv, 'POST', '/api/v1/streams', {
    token: seller.access_token,
    body: { title: 'Pinggan', starts_at: new Date(Date.now() + 3600e3).toISOString(), product_ids: [p.json.product.id] },
  });
  const notified = once(alive, 'notification');
  assert.equal((await api(srv, 'POST', `/api/v1/streams/${st.json.stream.id}/live`, { token: seller.access_token })).status, 200);
  await notified; // the live session hears it: the event went to the user's room, whose
  // members the server wrote it to at once. An ack on the ended socket, asked for after
  // that, comes back on the same connection behind anything written to it before.
  await ack(ended, 'leave:stream', {});
  assert.equal(heard.alive.length, 1);
  assert.equal(heard.ended.length, 0, 'the ended session is out of the private room');
});

// A token signed with the server's key but without "sid" names no session: it cannot be
// revoked, so it is refused (clients refresh on 401 and get a token that has one).
test('an access token without a session id is refused', async () => {
  const u = await registerUser(srv);
  const [kid, b64] = srv.env.BLYTZ_JWT_SECRET.split(':');
  const key = Buffer.from(b64, 'base64');
  const enc = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const forge = (claims) => {
    const input = `${enc({ alg: 'HS256', typ: 'JWT', kid })}.${enc(claims)}`;
    return `${input}.${createHmac('sha256', key).update(input).digest('base64url')}`;
  };
  const base = { sub: u.user.id, iat: now, exp: now + 600, jti: randomBytes(8).toString('hex') };
  const sid = JSON.parse(Buffer.from(u.access_token.split('.')[1], 'base64url')).sid;
  assert.match(sid, /^[0-9]+$/, 'issued tokens carry their session as "sid"');
  assert.equal((await me(forge({ ...base, sid }))).status, 200, 'the forging is right');
  const r = await me(forge(base));
  assert.equal(r.status, 401);
  assert.equal(r.json.error.code, 'unauthorized');
});

test('a restarted node still refuses sessions that ended before it started', async () => {
  const u = await registerUser(srv);
  assert.equal((await api(srv, 'POST', '/api/v1/auth/logout', { body: { refresh_token: u.refresh_token } })).status, 204);
  const keep = await registerUser(srv);
  srv.child.kill('SIGKILL'); // no goodbye: the list must come from the database
  await new Promise((r) => (srv.child.exitCode !== null || srv.child.signalCode ? r() : srv.child.once('exit', r)));
  srv = await startServer({ reuse: srv });
  assert.equal((await me(u.access_token)).status, 401);
  assert.equal((await me(keep.access_token)).status, 200);
});
