// /api/v1/users: me, public profiles (no email), profile edits and their authorization.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, registerUser, registerSeller } from './lib/harness.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

test('GET /users/me returns the caller with email and is_seller', async () => {
  const u = await registerUser(srv);
  const r = await api(srv, 'GET', '/api/v1/users/me', { token: u.access_token });
  assert.equal(r.status, 200);
  assert.equal(r.json.user.id, u.user.id);
  assert.equal(r.json.user.email, u.email);
  assert.equal(r.json.user.is_seller, false);
  assert.equal(r.json.user.avatar, null);
  const s = await registerSeller(srv);
  const r2 = await api(srv, 'GET', '/api/v1/users/me', { token: s.access_token });
  assert.equal(r2.json.user.is_seller, true);
});

test('public profile by id or username hides the email', async () => {
  const u = await registerUser(srv);
  const viewer = await registerUser(srv);
  for (const key of [u.user.id, u.user.username]) {
    const r = await api(srv, 'GET', `/api/v1/users/${encodeURIComponent(key)}`, { token: viewer.access_token });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.user.id, u.user.id);
    assert.equal(r.json.user.username, u.user.username);
    assert.equal(r.json.user.email, undefined, 'no email on public profiles');
  }
  const anon = await api(srv, 'GET', `/api/v1/users/${u.user.id}`);
  assert.equal(anon.status, 200);
  assert.equal(anon.json.user.email, undefined);
});

test('unknown profile is 404', async () => {
  let r = await api(srv, 'GET', '/api/v1/users/999999999');
  assert.equal(r.status, 404);
  assert.equal(r.json.error.code, 'not_found');
  r = await api(srv, 'GET', '/api/v1/users/no_such_user_here');
  assert.equal(r.status, 404);
});

test('PATCH /users/me updates display_name and bio, partially', async () => {
  const u = await registerUser(srv);
  let r = await api(srv, 'PATCH', '/api/v1/users/me', {
    token: u.access_token, body: { display_name: 'Siti Aminah', bio: 'Kolektor syiling lama' },
  });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.user.display_name, 'Siti Aminah');
  assert.equal(r.json.user.bio, 'Kolektor syiling lama');
  r = await api(srv, 'PATCH', '/api/v1/users/me', { token: u.access_token, body: { bio: 'Baru' } });
  assert.equal(r.json.user.display_name, 'Siti Aminah');
  assert.equal(r.json.user.bio, 'Baru');
  r = await api(srv, 'PATCH', `/api/v1/users/${u.user.id}`, { token: u.access_token, body: { display_name: 'Siti' } });
  assert.equal(r.status, 200);
  assert.equal(r.json.user.display_name, 'Siti');
});

test('PATCH another user → 403 forbidden; wrong types → 422; anonymous → 401', async () => {
  const a = await registerUser(srv);
  const b = await registerUser(srv);
  let r = await api(srv, 'PATCH', `/api/v1/users/${b.user.id}`, { token: a.access_token, body: { display_name: 'pwned' } });
  assert.equal(r.status, 403);
  assert.equal(r.json.error.code, 'forbidden');
  const check = await api(srv, 'GET', `/api/v1/users/${b.user.id}`);
  assert.notEqual(check.json.user.display_name, 'pwned');
  r = await api(srv, 'PATCH', '/api/v1/users/me', { token: a.access_token, body: { bio: 12 } });
  assert.equal(r.status, 422);
  assert.equal(r.json.error.details.field, 'bio');
  r = await api(srv, 'PATCH', '/api/v1/users/me', { token: a.access_token, body: { display_name: 'x'.repeat(200) } });
  assert.equal(r.status, 422);
  assert.equal(r.json.error.details.field, 'display_name');
  r = await api(srv, 'PATCH', '/api/v1/users/me', { body: { bio: 'x' } });
  assert.equal(r.status, 401);
});

test('a JSON body over 1 MiB is 413', async () => {
  const u = await registerUser(srv);
  const big = JSON.stringify({ bio: 'x'.repeat(1024 * 1024 + 10) });
  const r = await api(srv, 'PATCH', '/api/v1/users/me', {
    token: u.access_token, body: big, headers: { 'content-type': 'application/json' },
  });
  assert.equal(r.status, 413);
});
