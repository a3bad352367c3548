// Sign-in limits no attacker can turn against a user (docs/http.md "Login and sign-up
// limits"): failed logins count per account and address, per address and per account, and
// a correct password from an address that has not failed still gets in; a crowd behind one
// carrier address (CGNAT) can sign up. Each scenario runs on one node with the in-process
// limiter and, when BLYTZ_TEST_REDIS is set, on one node with the Redis limiter; the last
// test spends an attacker's budget on one node and checks it on a second (needs PostgreSQL).
//
// Every request comes from a loopback address of its own (127.a.b.c): the server sees it as
// the client address, and the Redis buckets of other suites and earlier runs stay apart.
// One test puts a proxy in front (BLYTZ_TRUSTED_PROXIES, X-Forwarded-For).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { startServer, postFrom } from './lib/harness.mjs';

/* The harness relaxes the per-address limit for other suites; these tests want the defaults. */
const DEFAULTS = { BLYTZ_RATE_AUTH_PER_MIN: undefined, BLYTZ_RATE_AUTH_BURST: undefined };
const REDIS = process.env.BLYTZ_TEST_REDIS;
const limiters = [['in-process', {}], ['Redis', REDIS ? { BLYTZ_REDIS: REDIS } : null]];

const net = randomInt(1, 255); /* 127.<net>.x.y: this run's own addresses */
let next = 0;
/** A loopback address no other test (or earlier run) has used. */
function freshAddress() {
  next++;
  return `127.${net}.${next >> 8}.${next & 255}`;
}

let users = 0;
async function signUp(srv, from) {
  const n = `${Date.now().toString(36)}${(users++).toString(36)}${randomInt(1e6).toString(36)}`;
  const body = { email: `owner${n}@example.my`, username: `owner_${n}`.slice(0, 32), password: 'correct horse battery staple' };
  const r = await postFrom(srv, from, '/api/v1/auth/register', body);
  assert.equal(r.status, 201, JSON.stringify(r.json));
  return body;
}

const login = (srv, from, email, password) => postFrom(srv, from, '/api/v1/auth/login', { email, password });

for (const [name, env] of limiters) {
  const skip = env ? false : 'needs BLYTZ_TEST_REDIS (scripts/test.sh sets it)';

  test(`${name}: ten wrong passwords from five addresses do not lock the owner out`, { skip }, async () => {
    const srv = await startServer({ env: { ...DEFAULTS, ...env } });
    try {
      const home = freshAddress();
      const owner = await signUp(srv, home);
      for (let a = 0; a < 5; a++) {
        const from = freshAddress();
        for (let i = 0; i < 2; i++) {
          const r = await login(srv, from, owner.email, `guess ${a}-${i}`);
          assert.equal(r.status, 401, `guess ${a}-${i}: ${JSON.stringify(r.json)}`);
          assert.equal(r.json.error.code, 'invalid_credentials');
        }
      }
      const elsewhere = await login(srv, freshAddress(), owner.email, owner.password);
      assert.equal(elsewhere.status, 200, `a sixth address: ${JSON.stringify(elsewhere.json)}`);
      const usual = await login(srv, home, owner.email, owner.password);
      assert.equal(usual.status, 200, `the usual address: ${JSON.stringify(usual.json)}`);
    } finally {
      await srv.stop();
    }
  });

  test(`${name}: an attacker at one address gets 429 after five failures; the owner elsewhere does not`, { skip }, async () => {
    const srv = await startServer({ env: { ...DEFAULTS, ...env } });
    try {
      const owner = await signUp(srv, freshAddress());
      const attacker = freshAddress();
      const statuses = [];
      for (let i = 0; i < 6; i++) statuses.push((await login(srv, attacker, owner.email, `guess ${i}`)).status);
      assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429]);
      const limited = await login(srv, attacker, owner.email, 'guess 7');
      assert.equal(limited.status, 429);
      assert.equal(limited.json.error.code, 'rate_limited');
      assert.ok(Number(limited.headers['retry-after']) >= 1, limited.headers['retry-after']);
      assert.equal((await login(srv, freshAddress(), owner.email, owner.password)).status, 200);
    } finally {
      await srv.stop();
    }
  });

  test(`${name}: only failures count: the owner signs in twenty times in a row`, { skip }, async () => {
    const srv = await startServer({ env: { ...DEFAULTS, ...env } });
    try {
      const from = freshAddress();
      const owner = await signUp(srv, from);
      assert.equal((await login(srv, from, owner.email, 'a typo')).status, 401);
      for (let i = 0; i < 20; i++) {
        const r = await login(srv, from, owner.email, owner.password);
        assert.equal(r.status, 200, `login ${i}: ${JSON.stringify(r.json)}`);
      }
    } finally {
      await srv.stop();
    }
  });

  test(`${name}: 100 people sign up from one carrier address with the default limits`, { skip }, async () => {
    const srv = await startServer({ env: { ...DEFAULTS, ...env } });
    try {
      const carrier = freshAddress();
      for (let i = 0; i < 100; i++) await signUp(srv, carrier);
      // ... and then they sign in, some mistyping first
      const last = await signUp(srv, carrier);
      assert.equal((await login(srv, carrier, last.email, 'mistyped')).status, 401);
      assert.equal((await login(srv, carrier, last.email, last.password)).status, 200);
    } finally {
      await srv.stop();
    }
  });

  test(`${name}: an account guessed at from many addresses: those that failed wait, others get in`, { skip }, async () => {
    const srv = await startServer({ env: { ...DEFAULTS, ...env, BLYTZ_LOGIN_FAIL_ACCOUNT_BURST: '4', BLYTZ_LOGIN_FAIL_ACCOUNT_PER_MIN: '1' } });
    try {
      const owner = await signUp(srv, freshAddress());
      const bots = [freshAddress(), freshAddress(), freshAddress(), freshAddress()];
      for (const bot of bots) assert.equal((await login(srv, bot, owner.email, `guess from ${bot}`)).status, 401);
      // the account's ceiling is spent: an address that failed on it waits ...
      const again = await login(srv, bots[0], owner.email, 'one more guess');
      assert.equal(again.status, 429, JSON.stringify(again.json));
      assert.ok(Number(again.headers['retry-after']) >= 1);
      // ... a new address gets one try, then waits too ...
      const fresh = freshAddress();
      assert.equal((await login(srv, fresh, owner.email, 'fresh guess')).status, 401);
      assert.equal((await login(srv, fresh, owner.email, 'fresh guess 2')).status, 429);
      // ... and the owner, from an address that has not failed, signs in
      assert.equal((await login(srv, freshAddress(), owner.email, owner.password)).status, 200);
    } finally {
      await srv.stop();
    }
  });

  test(`${name}: one address guessing at many accounts is slowed across them`, { skip }, async () => {
    const srv = await startServer({ env: { ...DEFAULTS, ...env, BLYTZ_LOGIN_FAIL_IP_BURST: '3', BLYTZ_LOGIN_FAIL_IP_PER_MIN: '1' } });
    try {
      const sprayer = freshAddress();
      const accounts = [];
      for (let i = 0; i < 4; i++) accounts.push(await signUp(srv, freshAddress()));
      const statuses = [];
      for (const a of accounts) statuses.push((await login(srv, sprayer, a.email, 'Password123')).status);
      assert.deepEqual(statuses, [401, 401, 401, 429]);
      assert.equal((await login(srv, freshAddress(), accounts[3].email, accounts[3].password)).status, 200);
    } finally {
      await srv.stop();
    }
  });
}

test('a stolen access token does not buy unlimited guesses at the current password', async () => {
  const srv = await startServer({ env: DEFAULTS });
  try {
    const home = freshAddress();
    const owner = await signUp(srv, home);
    const session = (await login(srv, home, owner.email, owner.password)).json;
    const thief = freshAddress();
    const change = (from, current) => postFrom(srv, from, '/api/v1/users/me/password',
      { current_password: current, new_password: 'a brand new passphrase' }, { authorization: `Bearer ${session.access_token}` });
    const codes = [];
    for (let i = 0; i < 6; i++) codes.push((await change(thief, `guess ${i}`)).json?.error?.code ?? 'ok');
    assert.deepEqual(codes, ['wrong_password', 'wrong_password', 'wrong_password', 'wrong_password', 'wrong_password', 'rate_limited']);
    // the owner, from an address that has not failed, is not held back by the thief's guesses
    assert.equal((await login(srv, home, owner.email, owner.password)).status, 200);
  } finally {
    await srv.stop();
  }
});

test('behind a trusted proxy the forwarded address counts; a direct client cannot borrow it', async () => {
  const proxy = freshAddress();
  const srv = await startServer({ env: { ...DEFAULTS, BLYTZ_TRUSTED_PROXIES: `::1, ${proxy}` } });
  try {
    const owner = await signUp(srv, freshAddress());
    const via = (client, password) => postFrom(srv, proxy, '/api/v1/auth/login', { email: owner.email, password },
      { 'x-forwarded-for': `10.9.9.9, ${client}` }); // the first hop is whatever the client wrote
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await via('203.0.113.7', `guess ${i}`)).status);
    assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429], 'the client behind the proxy is limited');
    assert.equal((await via('203.0.113.8', owner.password)).status, 200, 'another client behind the same proxy is not');
    // a peer that is not a listed proxy is the client, whatever X-Forwarded-For says
    const direct = await postFrom(srv, freshAddress(), '/api/v1/auth/login', { email: owner.email, password: 'guess' },
      { 'x-forwarded-for': '203.0.113.7' });
    assert.equal(direct.status, 401, JSON.stringify(direct.json));
  } finally {
    await srv.stop();
  }
});

const twoNodes = !REDIS || !process.env.BLYTZ_TEST_PG ? 'needs BLYTZ_TEST_REDIS and BLYTZ_TEST_PG' : false;
test('Redis, two nodes: failures spent on node 1 count on node 2; the owner still gets in there', { skip: twoNodes }, async () => {
  const env = { ...DEFAULTS, BLYTZ_REDIS: REDIS };
  const a = await startServer({ db: 'pg', env });
  let b;
  try {
    b = await startServer({ sharedWith: a, env });
    const owner = await signUp(a, freshAddress());
    const attacker = freshAddress();
    for (let i = 0; i < 5; i++) assert.equal((await login(a, attacker, owner.email, `guess ${i}`)).status, 401);
    const r = await login(b, attacker, owner.email, 'guess on node 2');
    assert.equal(r.status, 429, JSON.stringify(r.json));
    assert.equal((await login(b, freshAddress(), owner.email, owner.password)).status, 200);
  } finally {
    if (b) await b.stop();
    await a.stop();
  }
});
