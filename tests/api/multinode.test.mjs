// Several nodes through Redis (README "Several nodes"): two blytz processes on the same
// PostgreSQL database, the same Redis (BLYTZ_REDIS) and the same JWT key. A viewer on node 2
// sees, in order, the bids placed over REST on node 1; an auction closes exactly once, with
// one order, while both engines run; the login rate limit is one bucket for both nodes.
// Always PostgreSQL (SQLite is one node by nature), so it runs in both passes of
// scripts/test.sh; skipped only when BLYTZ_TEST_PG or BLYTZ_TEST_REDIS is missing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { io } from 'socket.io-client';
import { startServer, api, registerUser, registerSeller, createShow, freePort, track } from './lib/harness.mjs';
import { sleep, once, startAuction, stopAll } from './lib/live.mjs';

const missing = ['BLYTZ_TEST_PG', 'BLYTZ_TEST_REDIS'].filter((v) => !process.env[v]);
const skip = missing.length ? `needs ${missing.join(' and ')} (scripts/test.sh sets both)` : false;
if (skip) console.log(`# multinode: skipped, ${skip}`);

const REDIS = { BLYTZ_REDIS: process.env.BLYTZ_TEST_REDIS };
let n1, n2;
const sockets = [];

before(async () => {
  if (skip) return;
  n1 = await startServer({ db: 'pg', env: REDIS });
  n2 = await startServer({ sharedWith: n1, env: REDIS });
});
after(() => stopAll(sockets, n2, n1));

const liveShow = (server, seller, n = 1) =>
  createShow(server, seller, { products: n, live: true, title: 'Lelong Dua Nod', lot: 'Kipas antik lot', price: 90000, weight: 800 });

/* The buses connect in the background right after start (sub-millisecond on loopback);
 * /healthz does not wait for them, so give them a moment before the first event. */
const waitBusesReady = () => sleep(500);

test('a viewer on node 2 receives, in order, the bids placed on node 1', { skip }, async () => {
  await waitBusesReady();
  const seller = await registerSeller(n1);
  const { stream, productIds } = await liveShow(n1, seller);
  const viewer = io(n2.url, { transports: ['websocket'], reconnectionDelay: 100, timeout: 5000 });
  sockets.push(viewer);
  await once(viewer, 'connect');
  const joined = await viewer.timeout(5000).emitWithAck('join:stream', { stream_id: stream.id });
  assert.ok(!joined.error, JSON.stringify(joined));
  const seen = [];
  viewer.on('auction:bid', (ev) => seen.push(ev));
  const a = await startAuction(n1, seller, stream.id, { product_id: productIds[0], starting_bid: 1000, duration_s: 60 });
  const bidders = [await registerUser(n1), await registerUser(n1)];
  const amounts = [];
  for (let i = 0, amount = 1000; i < 6; i++, amount += 500) {
    const r = await api(n1, 'POST', `/api/v1/auctions/${a.id}/bids`, { token: bidders[i % 2].access_token, body: { amount } });
    assert.equal(r.status, 201, r.text);
    amounts.push(amount);
  }
  const deadline = Date.now() + 5000;
  while (seen.length < amounts.length && Date.now() < deadline) await sleep(20);
  assert.deepEqual(seen.map((e) => e.amount), amounts, 'every bid, in commit order, on the other node');
  assert.ok(seen.every((e) => e.auction_id === a.id));
});

test('viewer counts and presence span both nodes', { skip }, async () => {
  await waitBusesReady();
  const seller = await registerSeller(n1);
  const { stream } = await liveShow(n1, seller);
  const join = async (node, token) => {
    const s = io(node.url, { transports: ['websocket'], timeout: 5000, ...(token ? { auth: { token } } : {}) });
    sockets.push(s);
    await once(s, 'connect');
    const ack = await s.timeout(5000).emitWithAck('join:stream', { stream_id: stream.id });
    assert.equal(ack.ok, true, JSON.stringify(ack));
    return { s, ack };
  };
  const a = await join(n1); // anonymous on node 1: counted, never announced
  const presence = [];
  a.s.on('user:joined', (ev) => presence.push(ev));
  await join(n2);
  const c = await registerUser(n1);
  await join(n1, c.access_token);
  await sleep(2500); // each node publishes its count on its next 1 s tick
  const d = await registerUser(n2);
  const last = await join(n2, d.access_token);
  assert.equal(last.ack.viewers, 4, 'the join answer counts both nodes');
  const deadline = Date.now() + 5000;
  while (!presence.some((e) => e.user.username === d.user.username) && Date.now() < deadline) await sleep(50);
  const fromNode2 = presence.find((e) => e.user.username === d.user.username);
  assert.ok(fromNode2, 'a join on node 2 is announced to viewers on node 1');
  assert.equal(fromNode2.viewers, 4);
  for (const s of [last.s]) s.disconnect();
  const left = Date.now() + 8000;
  let count;
  while (Date.now() < left) {
    const probe = await join(n1);
    count = probe.ack.viewers;
    probe.s.disconnect();
    if (count === 4) break; // 3 that stayed + the probe itself
    await sleep(500);
  }
  assert.equal(count, 4, 'a viewer who left node 2 is no longer counted on node 1');
});

test('an auction closes exactly once with one order while both nodes run', { skip }, async () => {
  const seller = await registerSeller(n1);
  const buyer = await registerUser(n2);
  const { stream, productIds } = await liveShow(n1, seller);
  const a = await startAuction(n1, seller, stream.id, { product_id: productIds[0], starting_bid: 1000, duration_s: 5, mode: 'sudden_death' });
  const r1 = await api(n2, 'POST', `/api/v1/auctions/${a.id}/bids`, { token: buyer.access_token, body: { amount: 1500 } });
  assert.equal(r1.status, 201, r1.text);
  const deadline = Date.now() + 20000;
  let ended;
  while (Date.now() < deadline) {
    ended = (await api(n2, 'GET', `/api/v1/auctions/${a.id}`)).json.auction;
    if (ended.status !== 'running') break;
    await sleep(200);
  }
  assert.equal(ended.status, 'ended');
  assert.equal(ended.winner_id, buyer.user.id);
  await sleep(1500); /* give a second closer, if there were one, the time to act */
  for (const srv of [n1, n2]) {
    const mine = (await api(srv, 'GET', '/api/v1/orders', { token: buyer.access_token })).json.orders
      .filter((o) => o.auction_id === a.id);
    assert.equal(mine.length, 1, 'one order, seen from either node');
    const sales = (await api(srv, 'GET', '/api/v1/orders?role=seller', { token: seller.access_token })).json.orders
      .filter((o) => o.auction_id === a.id);
    assert.equal(sales.length, 1);
  }
});

test('the login rate limit is shared: burst spent on node 1, 429 on node 2', { skip }, async () => {
  const limits = { ...REDIS, BLYTZ_RATE_AUTH_PER_MIN: '1', BLYTZ_RATE_AUTH_BURST: '3' };
  const a = await startServer({ sharedWith: n1, env: limits });
  let b;
  try {
    b = await startServer({ sharedWith: n1, env: limits });
    const body = { email: `nobody${Date.now()}@example.my`, password: 'whatever it is' };
    const statuses = [];
    for (let i = 0; i < 5 && statuses.at(-1) !== 429; i++) {
      statuses.push((await api(a, 'POST', '/api/v1/auth/login', { body })).status);
    }
    assert.equal(statuses.at(-1), 429, `node 1 limits: ${statuses.join()}`);
    const r = await api(b, 'POST', '/api/v1/auth/login', { body });
    assert.equal(r.status, 429, `node 2 shares the bucket: ${r.status} ${r.text}`);
    assert.equal(r.json.error.code, 'rate_limited');
    assert.ok(Number(r.headers.get('retry-after')) >= 1);
  } finally {
    if (b) await b.stop();
    await a.stop();
  }
});

test('readiness names the bus, and a node cut off from Redis is not ready', { skip }, async () => {
  const ok = await api(n1, 'GET', '/readyz');
  assert.equal(ok.status, 200, ok.text);
  assert.deepEqual(ok.json, { status: 'ready', store: 'postgres', bus: 'redis' });
  // a port nothing listens on: the node serves, but must not be sent viewers
  const closed = await startServer({ sharedWith: n1, env: { BLYTZ_REDIS: 'redis://127.0.0.1:1' } });
  try {
    const r = await api(closed, 'GET', '/readyz');
    assert.equal(r.status, 503, r.text);
    assert.equal(r.json.error.code, 'unavailable');
    assert.deepEqual(r.json.error.details, { bus: 'redis' });
    assert.equal((await api(closed, 'GET', '/healthz')).status, 200); /* alive, just not ready */
  } finally {
    await closed.stop();
  }
});

/* A Redis of this test's own, so that killing it disturbs no other test. */
function privateRedis(port) {
  const proc = track(spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' }));
  const stop = () => new Promise((ok) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return ok();
    proc.once('exit', ok);
    proc.kill('SIGKILL');
  });
  return { proc, stop };
}

async function until(what, check, ms = 15000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) assert.fail(`timed out waiting until ${what}`);
    await sleep(100);
  }
}

test('Redis goes away and comes back: readiness follows, and bids flow again', { skip }, async () => {
  const port = await freePort();
  let redis = privateRedis(port);
  const env = { BLYTZ_REDIS: `redis://127.0.0.1:${port}` };
  const a = await startServer({ sharedWith: n1, env });
  const b = await startServer({ sharedWith: n1, env });
  try {
    const ready = async (srv) => (await api(srv, 'GET', '/readyz')).status === 200;
    await until('both nodes are ready', async () => (await ready(a)) && (await ready(b)));
    const seller = await registerSeller(a);
    const { stream, productIds } = await liveShow(a, seller);
    const viewer = io(b.url, { transports: ['websocket'], timeout: 5000 });
    sockets.push(viewer);
    await once(viewer, 'connect');
    assert.equal((await viewer.timeout(5000).emitWithAck('join:stream', { stream_id: stream.id })).ok, true);
    const seen = [];
    viewer.on('auction:bid', (ev) => seen.push(ev.amount));
    const auction = await startAuction(a, seller, stream.id, { product_id: productIds[0], starting_bid: 1000, duration_s: 120 });
    const bidders = [await registerUser(a), await registerUser(a)];
    const place = async (i, amount) => {
      const r = await api(a, 'POST', `/api/v1/auctions/${auction.id}/bids`, { token: bidders[i % 2].access_token, body: { amount } });
      assert.equal(r.status, 201, r.text);
    };
    await place(0, 1000);
    await until('the first bid crosses nodes', () => seen.includes(1000));

    await redis.stop();
    await until('node 1 reports the outage', async () => !(await ready(a)));
    await place(1, 1500); // durable even with the bus down: 201, and in the log
    const log = await api(a, 'GET', `/api/v1/auctions/${auction.id}/log`);
    assert.ok(log.json.entries.some((e) => e.amount === 1500), 'the bid is in the log');

    redis = privateRedis(port);
    await until('both nodes reconnect', async () => (await ready(a)) && (await ready(b)), 20000);
    await place(0, 2000);
    await until('bids cross nodes again', () => seen.includes(2000));
    assert.deepEqual(seen.filter((x) => x !== 1500), [1000, 2000], 'in order, nothing twice');
  } finally {
    await b.stop();
    await a.stop();
    await redis.stop();
  }
});
