// /api/v1/auth: register, login, refresh rotation with reuse detection, logout.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, registerUser } from './lib/harness.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

const uniq = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;

test('register returns the user and a token pair', async () => {
  const n = uniq();
  const r = await api(srv, 'POST', '/api/v1/auth/register', {
    body: { email: `Reg${n}@Example.my`, username: `reg_${n}`, password: 'a long enough passphrase' },
  });
  assert.equal(r.status, 201, r.text);
  assert.equal(typeof r.json.user.id, 'string');
  assert.equal(r.json.user.email, `reg${n}@example.my`, 'email is stored lower-cased');
  assert.equal(r.json.user.username, `reg_${n}`);
  assert.equal(r.json.user.is_seller, false);
  assert.match(r.json.user.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.equal(r.json.user.password_hash, undefined);
  assert.ok(r.json.access_token.split('.').length === 3, 'access token is a JWT');
  assert.ok(r.json.refresh_token.length >= 32);
});

test('register refuses duplicates with 409 email_taken / username_taken', async () => {
  const u = await registerUser(srv);
  let r = await api(srv, 'POST', '/api/v1/auth/register', {
    body: { email: u.email.toUpperCase(), username: `other_${uniq()}`, password: 'a long enough passphrase' },
  });
  assert.equal(r.status, 409);
  assert.equal(r.json.error.code, 'email_taken');
  r = await api(srv, 'POST', '/api/v1/auth/register', {
    body: { email: `x${uniq()}@example.my`, username: u.user.username, password: 'a long enough passphrase' },
  });
  assert.equal(r.status, 409);
  assert.equal(r.json.error.code, 'username_taken');
});

test('register validates fields: 422 with the field, weak_password with a reason', async () => {
  const cases = [
    [{ email: 'not-an-email', username: `u_${uniq()}`, password: 'a long enough passphrase' }, 'validation_failed', 'email'],
    [{ email: `a${uniq()}@example.my`, username: 'x', password: 'a long enough passphrase' }, 'validation_failed', 'username'],
    [{ email: `a${uniq()}@example.my`, username: `u_${uniq()}`, password: 'short' }, 'weak_password', 'password'],
    [{ email: 42, username: `u_${uniq()}`, password: 'a long enough passphrase' }, 'validation_failed', 'email'],
    [{ username: `u_${uniq()}`, password: 'a long enough passphrase' }, 'validation_failed', 'email'],
  ];
  for (const [body, code, field] of cases) {
    const r = await api(srv, 'POST', '/api/v1/auth/register', { body });
    assert.equal(r.status, 422, `${JSON.stringify(body)} → ${r.text}`);
    assert.equal(r.json.error.code, code);
    assert.equal(r.json.error.details?.field, field);
    assert.ok(r.json.error.message.length > 0);
  }
});

test('malformed JSON is 400, wrong content type is 415', async () => {
  let r = await api(srv, 'POST', '/api/v1/auth/register', {
    body: '{"email":', headers: { 'content-type': 'application/json' },
  });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.code, 'invalid_json');
  r = await api(srv, 'POST', '/api/v1/auth/login', {
    body: 'email=a&password=b', headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(r.status, 415);
});

test('login: right password → 200; wrong password or unknown email → 401 invalid_credentials', async () => {
  const u = await registerUser(srv);
  let r = await api(srv, 'POST', '/api/v1/auth/login', { body: { email: u.email, password: u.password } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.user.id, u.user.id);
  assert.ok(r.json.access_token && r.json.refresh_token);
  r = await api(srv, 'POST', '/api/v1/auth/login', { body: { email: u.email, password: 'wrong password here' } });
  assert.equal(r.status, 401);
  assert.equal(r.json.error.code, 'invalid_credentials');
  r = await api(srv, 'POST', '/api/v1/auth/login', { body: { email: `nobody${uniq()}@example.my`, password: u.password } });
  assert.equal(r.status, 401);
  assert.equal(r.json.error.code, 'invalid_credentials');
});

test('refresh rotates; presenting a used token revokes the whole family', async () => {
  const u = await registerUser(srv);
  const r1 = await api(srv, 'POST', '/api/v1/auth/refresh', { body: { refresh_token: u.refresh_token } });
  assert.equal(r1.status, 200, r1.text);
  assert.notEqual(r1.json.refresh_token, u.refresh_token);
  assert.equal(r1.json.user.id, u.user.id);
  const me = await api(srv, 'GET', '/api/v1/users/me', { token: r1.json.access_token });
  assert.equal(me.status, 200);

  const reuse = await api(srv, 'POST', '/api/v1/auth/refresh', { body: { refresh_token: u.refresh_token } });
  assert.equal(reuse.status, 401);
  assert.equal(reuse.json.error.code, 'refresh_token_reused');
  // The legitimate successor is revoked too.
  const r2 = await api(srv, 'POST', '/api/v1/auth/refresh', { body: { refresh_token: r1.json.refresh_token } });
  assert.equal(r2.status, 401);
  assert.equal(r2.json.error.code, 'refresh_token_reused');
});

test('refresh with an unknown token is 401, without one 422', async () => {
  let r = await api(srv, 'POST', '/api/v1/auth/refresh', { body: { refresh_token: 'x'.repeat(43) } });
  assert.equal(r.status, 401);
  r = await api(srv, 'POST', '/api/v1/auth/refresh', { body: {} });
  assert.equal(r.status, 422);
  assert.equal(r.json.error.details.field, 'refresh_token');
});

test('logout revokes the family; repeating it or an unknown token is still 204', async () => {
  const u = await registerUser(srv);
  let r = await api(srv, 'POST', '/api/v1/auth/logout', { body: { refresh_token: u.refresh_token } });
  assert.equal(r.status, 204);
  r = await api(srv, 'POST', '/api/v1/auth/logout', { body: { refresh_token: u.refresh_token } });
  assert.equal(r.status, 204);
  r = await api(srv, 'POST', '/api/v1/auth/logout', { body: { refresh_token: 'never-issued' } });
  assert.equal(r.status, 204);
  r = await api(srv, 'POST', '/api/v1/auth/refresh', { body: { refresh_token: u.refresh_token } });
  assert.equal(r.status, 401);
});

test('a bad or missing access token is 401 unauthorized', async () => {
  let r = await api(srv, 'GET', '/api/v1/users/me');
  assert.equal(r.status, 401);
  assert.equal(r.json.error.code, 'unauthorized');
  r = await api(srv, 'GET', '/api/v1/users/me', { token: 'eyJhbGciOiJIUzI1NiJ9.e30.bad' });
  assert.equal(r.status, 401);
});

test('login is rate limited (429)', async () => {
  const limited = await startServer({ env: { BLYTZ_RATE_AUTH_PER_MIN: '1', BLYTZ_RATE_AUTH_BURST: '3' } });
  try {
    const statuses = [];
    for (let i = 0; i < 8; i++) {
      const r = await api(limited, 'POST', '/api/v1/auth/login', {
        body: { email: 'someone@example.my', password: 'whatever it is' },
      });
      statuses.push(r.status);
      if (r.status === 429) assert.equal(r.json.error.code, 'rate_limited');
    }
    assert.ok(statuses.includes(401), statuses.join());
    assert.equal(statuses.at(-1), 429, statuses.join());
  } finally {
    await limited.stop();
  }
});
