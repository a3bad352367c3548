// POST /api/v1/streams/{id}/video/token: who may watch and who may publish a show's video
// (app/video.h, docs/video.md). The rules hold whatever provider is configured; this file
// checks them on a server with no video provider, where a caller the rules admit gets 503.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, registerUser, registerSeller, createShow } from './lib/harness.mjs';

let srv;
before(async () => { srv = await startServer({ env: { BLYTZ_RATE_VIDEO_BURST: '1000' } }); });
after(async () => { await srv.stop(); });

const token = (s, id, role, who) => api(s, 'POST', `/api/v1/streams/${id}/video/token`, { token: who?.access_token, body: { role } });

test('the rules come before the provider: 404, 409, 401, 403, then 503 without one', async () => {
  const seller = await registerSeller(srv);
  const buyer = await registerUser(srv);
  const { stream } = await createShow(srv, seller);
  let r = await token(srv, '999999999', 'viewer');
  assert.equal(r.status, 404, r.text);
  r = await token(srv, stream.id, 'viewer');
  assert.equal(r.status, 409, r.text);
  assert.equal(r.json.error.code, 'conflict');
  assert.match(r.json.error.message, /not live/);
  r = await token(srv, stream.id, 'publisher', seller);
  assert.equal(r.status, 409, r.text);

  const live = await api(srv, 'POST', `/api/v1/streams/${stream.id}/live`, { token: seller.access_token });
  assert.equal(live.status, 200, live.text);
  r = await token(srv, stream.id, 'publisher');
  assert.equal(r.status, 401, r.text);
  r = await token(srv, stream.id, 'publisher', buyer);
  assert.equal(r.status, 403, r.text);
  assert.equal(r.json.error.code, 'forbidden');
  r = await token(srv, stream.id, 'cohost', buyer);
  assert.equal(r.status, 403, r.text);
  for (const [role, who] of [['viewer', undefined], ['viewer', buyer], ['publisher', seller]]) {
    r = await token(srv, stream.id, role, who);
    assert.equal(r.status, 503, `${role}: ${r.text}`);
    assert.equal(r.json.error.code, 'unavailable');
  }
});

test('a banned viewer gets no video', async () => {
  const seller = await registerSeller(srv);
  const buyer = await registerUser(srv);
  const { stream } = await createShow(srv, seller, { live: true });
  const ban = await api(srv, 'POST', `/api/v1/streams/${stream.id}/bans/${buyer.user.id}`, { token: seller.access_token });
  assert.equal(ban.status, 204, ban.text);
  const r = await token(srv, stream.id, 'viewer', buyer);
  assert.equal(r.status, 403, r.text);
  assert.equal(r.json.error.code, 'banned');
});

test('the body names a role', async () => {
  const seller = await registerSeller(srv);
  const { stream } = await createShow(srv, seller, { live: true });
  for (const body of [{}, { role: 'director' }, { role: 7 }]) {
    const r = await api(srv, 'POST', `/api/v1/streams/${stream.id}/video/token`, { body });
    assert.equal(r.status, 422, r.text);
    assert.equal(r.json.error.code, 'validation_failed');
    assert.equal(r.json.error.details.field, 'role');
  }
  const r = await api(srv, 'POST', `/api/v1/streams/${stream.id}/video/token`, { body: 'role=viewer', headers: { 'Content-Type': 'text/plain' } });
  assert.equal(r.status, 415, r.text);
});

test('grants are rate-limited per client address, apart from sign-in', async () => {
  const own = await startServer({ env: { BLYTZ_RATE_VIDEO_BURST: '3', BLYTZ_RATE_VIDEO_PER_MIN: '1' } });
  try {
    const seller = await registerSeller(own);
    const { stream } = await createShow(own, seller, { live: true });
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await token(own, stream.id, 'viewer')).status);
    assert.deepEqual(codes, [503, 503, 503, 429]);
    const r = await token(own, stream.id, 'viewer');
    assert.equal(r.json.error.code, 'rate_limited');
    assert.ok(Number(r.headers.get('retry-after')) >= 1);
    const login = await api(own, 'POST', '/api/v1/auth/login', { body: { email: seller.user.email ?? 'x@example.my', password: 'wrong password here' } });
    assert.notEqual(login.status, 429, 'the sign-in bucket is another one');
  } finally {
    await own.stop();
  }
});
