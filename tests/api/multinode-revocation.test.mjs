// Revocation across nodes (docs/api.md "Sessions"): three blytz processes on one PostgreSQL
// database and one JWT key. Nodes 1 and 2 share Redis; node 2 polls the revocation list only
// every 10 minutes, so what it refuses it learned from the bus. Node 3 has no Redis at all
// and polls every 200 ms: a node that misses every announcement still converges. No fixed
// sleeps: each wait asks again until a generous bound.
// Always PostgreSQL; skipped only when BLYTZ_TEST_PG or BLYTZ_TEST_REDIS is missing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { io } from 'socket.io-client';
import { startServer, api, registerUser } from './lib/harness.mjs';
import { stopAll } from './lib/live.mjs';

const missing = ['BLYTZ_TEST_PG', 'BLYTZ_TEST_REDIS'].filter((v) => !process.env[v]);
const skip = missing.length ? `needs ${missing.join(' and ')} (scripts/test.sh sets both)` : false;
if (skip) console.log(`# multinode-revocation: skipped, ${skip}`);

const REDIS = { BLYTZ_REDIS: process.env.BLYTZ_TEST_REDIS };
let n1, n2, n3;
const sockets = [];

before(async () => {
  if (skip) return;
  n1 = await startServer({ db: 'pg', env: REDIS });
  n2 = await startServer({ sharedWith: n1, env: { ...REDIS, BLYTZ_REVOCATION_POLL_MS: '600000' } });
  n3 = await startServer({ sharedWith: n1, env: { BLYTZ_REVOCATION_POLL_MS: '200' } });
  // /readyz answers 200 once a node's bus is connected and subscribed
  for (const n of [n1, n2]) await until(async () => (await api(n, 'GET', '/readyz')).status === 200, 20000, 'bus ready');
});
after(() => stopAll(sockets, n3, n2, n1));

/** Ask `check` again every 50 ms until it holds or `ms` pass; returns whether it held. */
async function until(check, ms, what) {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const me = (node, token) => api(node, 'GET', '/api/v1/users/me', { token });
const login = async (node, u) => {
  const r = await api(node, 'POST', '/api/v1/auth/login', { body: { email: u.email, password: u.password } });
  assert.equal(r.status, 200, r.text);
  return { ...u, ...r.json };
};

async function socketOn(node, token) {
  const s = io(node.url, { transports: ['websocket'], reconnection: false, timeout: 8000, auth: { token } });
  sockets.push(s);
  await new Promise((ok, fail) => { s.once('connect', ok); s.once('connect_error', fail); });
  return s;
}

test('logout on node 1: node 2 refuses the token soon after, told by the bus', { skip }, async () => {
  const u = await registerUser(n1);
  const s = await socketOn(n2, u.access_token);
  assert.equal((await me(n2, u.access_token)).status, 200);
  const before = await s.timeout(8000).emitWithAck('join:stream', { stream_id: '999999999' });
  assert.equal(before.error.code, 'not_found', 'the socket acts as the user');

  assert.equal((await api(n1, 'POST', '/api/v1/auth/logout', { body: { refresh_token: u.refresh_token } })).status, 204);
  assert.equal((await me(n1, u.access_token)).status, 401, 'at once where it happened');
  await until(async () => (await me(n2, u.access_token)).status === 401, 10000, 'node 2 to refuse');
  const after = await s.timeout(8000).emitWithAck('chat:message', { stream_id: '1', text: 'x' });
  assert.equal(after.error.code, 'unauthorized', "and node 2's socket of that session");
});

test('password change on node 1: the other sessions end on node 2 too', { skip }, async () => {
  const u = await registerUser(n1);
  const other = await login(n2, u);
  assert.equal((await me(n2, other.access_token)).status, 200);
  const r = await api(n1, 'POST', '/api/v1/users/me/password', {
    token: u.access_token,
    body: { current_password: u.password, new_password: 'another long passphrase' },
  });
  assert.equal(r.status, 204, r.text);
  await until(async () => (await me(n2, other.access_token)).status === 401, 10000, 'node 2 to refuse');
  assert.equal((await me(n2, u.access_token)).status, 200, 'the session that changed it stays');
});

test('a node without the bus converges through its poll', { skip }, async () => {
  const u = await registerUser(n1);
  assert.equal((await me(n3, u.access_token)).status, 200);
  assert.equal((await api(n1, 'POST', '/api/v1/auth/logout', { body: { refresh_token: u.refresh_token } })).status, 204);
  await until(async () => (await me(n3, u.access_token)).status === 401, 30000, 'node 3 to refuse');
});
