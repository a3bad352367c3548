// Sockets honour expiry and revocation (docs/realtime.md "Auth"), with the official
// socket.io-client: once the access token a socket signed in with has expired, every event
// that acts as the user answers `token_expired` until the client presents a fresh token
// with `auth:refresh`, without reconnecting; once its session is revoked they answer
// `unauthorized`. `auth:refresh` only renews the same user. Every wait is bounded.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { io } from 'socket.io-client';
import { startServer, api, registerUser, registerSeller } from './lib/harness.mjs';
import { sleep, stopAll, once as nextEvent } from './lib/live.mjs';

const TTL_S = 3; // + the verifier's 5 s leeway: tokens lapse about 8 s after they are made
let short, normal;
const sockets = [];

before(async () => {
  short = await startServer({ env: { BLYTZ_ACCESS_TTL_S: String(TTL_S) } });
  normal = await startServer();
});
after(() => stopAll(sockets, short, normal));

const once = (emitter, event, ms = 8000) => nextEvent(emitter, event, ms);

async function socketFor(srv, token) {
  const s = io(srv.url, { transports: ['websocket'], reconnection: false, timeout: 8000, auth: token ? { token } : {} });
  sockets.push(s);
  await once(s, 'connect');
  return s;
}

const ack = (s, event, payload) => s.timeout(8000).emitWithAck(event, payload);

async function refreshed(srv, who) {
  const r = await api(srv, 'POST', '/api/v1/auth/refresh', { body: { refresh_token: who.refresh_token } });
  assert.equal(r.status, 200, r.text);
  Object.assign(who, r.json);
  return who;
}

/** REST as `who`, refreshing once on token_expired (short tokens lapse mid-setup on a slow machine). */
async function call(srv, who, method, path, body) {
  let r = await api(srv, method, path, { token: who.access_token, body });
  if (r.status === 401 && r.json?.error?.code === 'token_expired') {
    await refreshed(srv, who);
    r = await api(srv, method, path, { token: who.access_token, body });
  }
  return r;
}

async function show(srv, seller, live = true) {
  const p = await call(srv, seller, 'POST', '/api/v1/products', { title: 'Radio transistor', condition: 'good', quantity: 1, buy_now_price: 8000, shipping_weight_g: 900 });
  assert.equal(p.status, 201, p.text);
  const st = await call(srv, seller, 'POST', '/api/v1/streams', { title: 'Radio Lama', starts_at: new Date(Date.now() + 3600e3).toISOString(), product_ids: [p.json.product.id] });
  assert.equal(st.status, 201, st.text);
  if (!live) return st.json.stream;
  const l = await call(srv, seller, 'POST', `/api/v1/streams/${st.json.stream.id}/live`);
  assert.equal(l.status, 200, l.text);
  return l.json.stream;
}

test('an expired token answers token_expired; auth:refresh renews the socket in place', async () => {
  const seller = await registerSeller(short);
  const stream = await show(short, seller);
  const u = await registerUser(short);
  const firstToken = u.access_token;
  const s = await socketFor(short, firstToken);
  assert.equal((await ack(s, 'join:stream', { stream_id: stream.id })).ok, true);
  const sent = await ack(s, 'chat:message', { stream_id: stream.id, text: 'before expiry' });
  if (!sent.ok) assert.equal(sent.error.code, 'token_expired', 'only a very slow machine gets here late');

  // Wait for the lapse by asking, not by sleeping a fixed time: a join of a show that does not
  // exist answers not_found while the token holds, token_expired after.
  let res;
  const deadline = Date.now() + 60000;
  do {
    res = await ack(s, 'join:stream', { stream_id: '999999999' });
    if (res.error?.code !== 'token_expired') await sleep(250);
  } while (res.error?.code !== 'token_expired' && Date.now() < deadline);
  assert.equal(res.error?.code, 'token_expired', JSON.stringify(res));

  const chat = await ack(s, 'chat:message', { stream_id: stream.id, text: 'after expiry' });
  assert.equal(chat.ok, false);
  assert.equal(chat.error.code, 'token_expired');
  const bid = await ack(s, 'auction:bid', { auction_id: '1', amount: 100 });
  assert.equal(bid.error.code, 'token_expired');
  assert.equal(s.connected, true, 'the socket stays connected');

  // the stale token itself cannot renew anything
  const stale = await ack(s, 'auth:refresh', { token: firstToken });
  assert.equal(stale.ok, false);
  assert.equal(stale.error.code, 'token_expired');

  await refreshed(short, u); // what the client does: rotate the pair over REST...
  const renewed = await ack(s, 'auth:refresh', { token: u.access_token }); // ...and hand the socket the new token
  assert.equal(renewed.ok, true, JSON.stringify(renewed));
  assert.ok(Date.parse(renewed.expires_at) > Date.now() - 5000, renewed.expires_at);
  const again = await ack(s, 'chat:message', { stream_id: stream.id, text: 'renewed' });
  assert.equal(again.ok, true, JSON.stringify(again));
  assert.equal(again.message.user.id, u.user.id);
});

test('auth:refresh renews the same user only', async () => {
  const u = await registerUser(normal);
  const v = await registerUser(normal);
  const s = await socketFor(normal, u.access_token);
  let r = await ack(s, 'auth:refresh', { token: v.access_token });
  assert.equal(r.ok, false);
  assert.equal(r.error.code, 'forbidden', 'another user must reconnect');
  r = await ack(s, 'auth:refresh', { token: 'not-a-jwt' });
  assert.equal(r.error.code, 'unauthorized');
  r = await ack(s, 'auth:refresh', {});
  assert.equal(r.error.code, 'validation_failed');
  const anon = await socketFor(normal, null);
  r = await ack(anon, 'auth:refresh', { token: u.access_token });
  assert.equal(r.error.code, 'forbidden', 'an anonymous socket signs in by reconnecting');
  const chat = await ack(anon, 'chat:message', { stream_id: '1', text: 'x' });
  assert.equal(chat.error.code, 'unauthorized');
  // the refusals left the socket as it was
  r = await ack(s, 'auth:refresh', { token: u.access_token });
  assert.equal(r.ok, true, JSON.stringify(r));
});

test('a revoked session answers unauthorized; a new session of the same user renews the socket', async () => {
  const seller = await registerSeller(normal);
  const stream = await show(normal, seller);
  const fan = await registerUser(normal);
  assert.equal((await api(normal, 'POST', `/api/v1/sellers/${seller.seller.id}/follow`, { token: fan.access_token })).status, 204);
  const s = await socketFor(normal, fan.access_token);
  assert.equal((await ack(s, 'join:stream', { stream_id: stream.id })).ok, true);
  assert.equal((await ack(s, 'chat:message', { stream_id: stream.id, text: 'hi' })).ok, true);

  assert.equal((await api(normal, 'POST', '/api/v1/auth/logout', { body: { refresh_token: fan.refresh_token } })).status, 204);
  const refused = await ack(s, 'chat:message', { stream_id: stream.id, text: 'still here?' });
  assert.equal(refused.error.code, 'unauthorized');
  const revokedToken = await ack(s, 'auth:refresh', { token: fan.access_token });
  assert.equal(revokedToken.error.code, 'unauthorized');

  const back = await api(normal, 'POST', '/api/v1/auth/login', { body: { email: fan.email, password: fan.password } });
  assert.equal(back.status, 200);
  const renewed = await ack(s, 'auth:refresh', { token: back.json.access_token });
  assert.equal(renewed.ok, true, JSON.stringify(renewed));
  assert.equal((await ack(s, 'chat:message', { stream_id: stream.id, text: 'back' })).ok, true);

  // and the user's private room is its own again: the next show's notification arrives
  const next = await show(normal, seller, false);
  const heard = once(s, 'notification');
  assert.equal((await api(normal, 'POST', `/api/v1/streams/${next.id}/live`, { token: seller.access_token })).status, 200);
  const [n] = await heard;
  assert.equal(n.stream_id, next.id);
});
