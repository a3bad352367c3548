// Slow and greedy clients cannot hold the server: whole-message deadlines for a request head,
// a body and a response (a minimum average rate after a grace period), silent connections
// closed at the header timeout, and per-client-address caps on connections and on Engine.IO
// sessions (count and opening rate). Small limits are configured so each case is quick; no
// assertion is about speed: a deadline is checked as "closed eventually, within a generous
// bound", which the old code (deadlines reset by every read, no caps) never met.
//
// Linux routes all of 127.0.0.0/8 to loopback, so sockets bound to 127.0.0.2, .3, ... are
// distinct client addresses of their own, apart from the harness's own fetches.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { request, Agent } from 'node:http';
import { startServer } from './lib/harness.mjs';
import { sleep } from './lib/live.mjs';

const BOUND_MS = 30000; /* "eventually": far beyond every configured limit */

/** A raw socket from `localAddress`; `closed` resolves with { data, ms } when the server ends it. */
function rawFrom(port, localAddress) {
  const sock = connect({ port, host: '127.0.0.1', localAddress });
  let data = '';
  const t0 = Date.now();
  sock.on('data', (d) => { data += d.toString('latin1'); });
  const closed = new Promise((resolve) => {
    sock.on('error', () => {});
    sock.on('close', () => resolve({ data, ms: Date.now() - t0 }));
  });
  const ready = new Promise((ok, fail) => { sock.once('connect', ok); sock.once('error', fail); });
  return { sock, ready, closed, data: () => data };
}

/** Resolve with the close, or with null once `ms` passed without one. */
const closedWithin = (conn, ms) => Promise.race([conn.closed, sleep(ms).then(() => null)]);

/** Send one request on a raw socket and wait for `until` in what it received. */
async function exchange(conn, req, until = /\r\n\r\n/) {
  conn.sock.write(req);
  for (let i = 0; i < 300 && !until.test(conn.data()); i++) await sleep(50);
  return conn.data();
}

describe('deadlines', () => {
  let srv;
  before(async () => {
    srv = await startServer({
      env: {
        BLYTZ_HEADER_TIMEOUT_MS: '1000',
        BLYTZ_BODY_TIMEOUT_MS: '1000',
        BLYTZ_MIN_RATE: '1000',
        BLYTZ_TRANSFER_MAX_MS: '3000',
        BLYTZ_IDLE_TIMEOUT_MS: '60000', /* so a close below is never the idle timeout */
      },
    });
  });
  after(async () => srv && srv.stop());

  test('a silent new connection is closed at the header timeout', async () => {
    const c = rawFrom(srv.port, '127.0.0.2');
    await c.ready;
    const closed = await closedWithin(c, BOUND_MS);
    assert.ok(closed, 'the server closed the silent connection');
    assert.equal(closed.data, ''); /* nothing was asked, nothing is answered */
  });

  test('a head trickled byte by byte gets 408 and is closed', async () => {
    const c = rawFrom(srv.port, '127.0.0.2');
    await c.ready;
    const head = 'GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ' + 'a'.repeat(400);
    let closed = null;
    for (let i = 0; i < head.length && !closed; i++) {
      c.sock.write(head[i]);
      closed = await Promise.race([c.closed, sleep(100).then(() => null)]);
    }
    closed ||= await closedWithin(c, BOUND_MS);
    assert.ok(closed, 'closed before the head was done');
    assert.match(closed.data, /^HTTP\/1\.1 408 /);
  });

  test('a body trickled one byte at a time gets 408, though no single gap is long', async () => {
    const c = rawFrom(srv.port, '127.0.0.2');
    await c.ready;
    c.sock.write('POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n'
      + 'Content-Length: 1000\r\n\r\n');
    let closed = null;
    for (let i = 0; i < 1000 && !closed; i++) {
      c.sock.write(' ');
      closed = await Promise.race([c.closed, sleep(200).then(() => null)]); /* 5 B/s */
    }
    assert.ok(closed, 'the trickle was cut before the body was complete');
    assert.match(closed.data, /^HTTP\/1\.1 408 /);
    assert.match(closed.data, /"code":"timeout"/);
  });

  test('an honest slow upload above the minimum rate completes', async () => {
    const c = rawFrom(srv.port, '127.0.0.2');
    await c.ready;
    const body = JSON.stringify({ email: 'slow@example.my', password: 'x'.repeat(40000) });
    c.sock.write('POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n'
      + `Content-Length: ${body.length}\r\nConnection: close\r\n\r\n`);
    const parts = 4;
    const size = Math.ceil(body.length / parts);
    for (let i = 0; i < parts; i++) {
      await sleep(400); /* 1.6 s in all: past the 1 s grace, at ~25 kB/s */
      c.sock.write(body.slice(i * size, (i + 1) * size));
    }
    const closed = await closedWithin(c, BOUND_MS);
    assert.ok(closed);
    assert.doesNotMatch(closed.data, /^HTTP\/1\.1 408 /);
    assert.match(closed.data, /^HTTP\/1\.1 (401|422) /); /* read in full, then judged */
  });

  test('a client that asks for a lot and reads nothing is cut', async () => {
    const c = rawFrom(srv.port, '127.0.0.2');
    await c.ready;
    c.sock.pause(); /* read nothing: the responses pile up until the kernel buffers are full */
    for (let i = 0; i < 400; i++) c.sock.write('GET /api/openapi.json HTTP/1.1\r\nHost: x\r\n\r\n');
    // The socket is not read, so learn of the cut by writing: a closed peer answers with a reset.
    let closed = null;
    const t0 = Date.now();
    while (!closed && Date.now() - t0 < BOUND_MS) {
      c.sock.write('\r\n');
      closed = await Promise.race([c.closed, sleep(250).then(() => null)]);
    }
    assert.ok(closed, 'the server cut a connection whose responses were not read');
  });
});

describe('connections per client address', () => {
  let srv;
  before(async () => {
    srv = await startServer({ env: { BLYTZ_CONNS_PER_ADDR: '4', BLYTZ_HEADER_TIMEOUT_MS: '60000' } });
  });
  after(async () => srv && srv.stop());

  const get = 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n';

  test('the connection over the cap is closed at once; other addresses are not affected', async () => {
    const held = [];
    for (let i = 0; i < 4; i++) {
      const c = rawFrom(srv.port, '127.0.0.2');
      await c.ready;
      assert.match(await exchange(c, get), /^HTTP\/1\.1 200 /);
      held.push(c);
    }
    const over = rawFrom(srv.port, '127.0.0.2');
    await over.ready;
    over.sock.write(get);
    const closed = await closedWithin(over, BOUND_MS);
    assert.ok(closed, 'the fifth connection was closed');
    assert.equal(closed.data, ''); /* closed before a byte was read */

    const other = rawFrom(srv.port, '127.0.0.3');
    await other.ready;
    assert.match(await exchange(other, get), /^HTTP\/1\.1 200 /);
    other.sock.destroy();

    held.pop().sock.destroy(); /* a slot frees up once the server sees the close */
    let again = null;
    for (let i = 0; i < 100 && !again; i++) {
      const c = rawFrom(srv.port, '127.0.0.2');
      await c.ready;
      if (/^HTTP\/1\.1 200 /.test(await exchange(c, get))) again = c;
      else { c.sock.destroy(); await sleep(50); }
    }
    assert.ok(again, 'a new connection is admitted after one closed');
    again.sock.destroy();
    for (const c of held) c.sock.destroy();

    const m = await fetch(`${srv.url}/metrics`).then((r) => r.text());
    assert.match(m, /^blytz_http_refused_connections_total [1-9]\d*$/m);
  });
});

describe('Engine.IO sessions per client address', () => {
  let srv;
  before(async () => {
    srv = await startServer({
      env: {
        BLYTZ_EIO_SESSIONS_PER_ADDR: '5',
        BLYTZ_EIO_SESSION_RATE: '1', /* a minute: the burst alone decides within this test */
        BLYTZ_EIO_SESSION_BURST: '10',
      },
    });
  });
  after(async () => srv && srv.stop());

  /** One HTTP request from `localAddress` over `agent`; resolves { status, headers, body }. */
  function call(agent, localAddress, method, path, body) {
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: srv.port, path, method, agent, localAddress,
        headers: body === undefined ? {} : { 'content-type': 'text/plain;charset=UTF-8' } }, (res) => {
        let text = '';
        res.on('data', (d) => { text += d; });
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: text }));
      });
      req.on('error', reject);
      req.end(body);
    });
  }
  const handshake = (agent, from) => call(agent, from, 'GET', '/socket.io/?EIO=4&transport=polling');
  const sidOf = (r) => JSON.parse(r.body.slice(1)).sid;
  const closeSession = (agent, from, sid) =>
    call(agent, from, 'POST', `/socket.io/?EIO=4&transport=polling&sid=${sid}`, '1');

  test('one connection cannot open sessions without end: the cap answers 429', async () => {
    // One keep-alive TCP connection, as in the attack that opened 200,000 sessions.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const sids = [];
    for (let i = 0; i < 5; i++) {
      const r = await handshake(agent, '127.0.0.2');
      assert.equal(r.status, 200);
      sids.push(sidOf(r));
    }
    const refused = await handshake(agent, '127.0.0.2');
    assert.equal(refused.status, 429);
    assert.match(refused.headers['content-type'], /^application\/json/);
    assert.deepEqual(JSON.parse(refused.body), { code: 4, message: 'Too many sessions from this address' });
    assert.ok(Number(refused.headers['retry-after']) >= 1);

    // A WebSocket handshake for a new session is refused the same way (no 101).
    const ws = rawFrom(srv.port, '127.0.0.2');
    await ws.ready;
    const answer = await exchange(ws, 'GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: x\r\n'
      + 'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n'
      + 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n');
    assert.match(answer, /^HTTP\/1\.1 429 /);
    ws.sock.destroy();

    // Another address is not affected; a closed session frees its place.
    assert.equal((await handshake(agent, '127.0.0.4')).status, 200);
    assert.equal((await closeSession(agent, '127.0.0.2', sids.pop())).status, 200);
    assert.equal((await handshake(agent, '127.0.0.2')).status, 200);
    agent.destroy();
  });

  test('sessions opened and closed in a loop hit the rate limit', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    let opened = 0;
    let refused = null;
    for (let i = 0; i < 40 && !refused; i++) {
      const r = await handshake(agent, '127.0.0.3');
      if (r.status === 200) {
        opened++;
        assert.equal((await closeSession(agent, '127.0.0.3', sidOf(r))).status, 200);
      } else {
        refused = r;
      }
    }
    assert.ok(refused, 'the loop was stopped');
    assert.equal(opened, 10); /* the burst, never more than 5 open at once */
    assert.equal(refused.status, 429);
    assert.equal(JSON.parse(refused.body).message, 'Too many new sessions from this address');
    assert.ok(Number(refused.headers['retry-after']) >= 1);
    agent.destroy();
  });
});
