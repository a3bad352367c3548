// The request parser against hostile framing, over raw sockets: chunked trailers (once a
// crash: http-parser reports trailer fields through the header callbacks after the head was
// frozen), and a keep-alive connection whose next request must never run as the previous
// request's user or come from the previous request's client address.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { startServer, api, registerUser } from './lib/harness.mjs';

let srv;
before(async () => { srv = await startServer({ env: { BLYTZ_TRUSTED_PROXIES: '127.0.0.1' } }); });
after(async () => srv && srv.stop());

/** A keep-alive connection that reads Content-Length framed responses one at a time. */
function dial(port) {
  const sock = connect(port, '127.0.0.1');
  let buf = Buffer.alloc(0);
  let waiter = null;
  let closed = false;
  const wake = () => { if (waiter) { const w = waiter; waiter = null; w(); } };
  sock.on('data', (d) => { buf = Buffer.concat([buf, d]); wake(); });
  sock.on('close', () => { closed = true; wake(); });
  sock.on('error', () => {});
  const ready = new Promise((ok, fail) => { sock.once('connect', ok); sock.once('error', fail); });
  return {
    ready,
    send: (s) => sock.write(s),
    close: () => sock.destroy(),
    /** The next response: { status, headers (lower-case), body }, or null if the server closed. */
    async response(ms = 15000) {
      const deadline = Date.now() + ms;
      for (;;) {
        const end = buf.indexOf('\r\n\r\n');
        if (end >= 0) {
          const head = buf.subarray(0, end).toString('latin1').split('\r\n');
          const headers = {};
          for (const line of head.slice(1)) {
            const i = line.indexOf(':');
            headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
          }
          const len = Number(headers['content-length'] || 0);
          if (buf.length >= end + 4 + len) {
            const body = buf.subarray(end + 4, end + 4 + len).toString();
            buf = buf.subarray(end + 4 + len);
            return { status: Number(head[0].split(' ')[1]), headers, body };
          }
        }
        if (closed) return null;
        if (Date.now() > deadline) throw new Error('no response in time');
        await new Promise((r) => { waiter = r; setTimeout(r, 100); });
      }
    },
  };
}

test('a chunked body with trailers is answered and the server lives on', async () => {
  // The exact request that crashed the server (unauthenticated).
  const c = dial(srv.port);
  await c.ready;
  c.send('POST /api/v1/auth/logout HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n'
    + 'Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\nX-T: 1\r\n\r\n');
  const r = await c.response();
  assert.ok(r, 'the server answered');
  assert.equal(r.status, 422); /* {} lacks refresh_token: the body was read, the trailer dropped */
  // A trailer big enough to move a growing buffer, then more requests on the same connection.
  c.send('POST /api/v1/auth/logout HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n'
    + `Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\nX-Big: ${'v'.repeat(4000)}\r\nX-T: 1\r\n\r\n`);
  assert.equal((await c.response()).status, 422);
  c.send('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
  assert.equal((await c.response()).status, 200);
  c.close();
  assert.equal((await api(srv, 'GET', '/healthz')).status, 200);
});

test('trailers beyond the head cap are refused with 431', async () => {
  const c = dial(srv.port);
  await c.ready;
  c.send('POST /api/v1/auth/logout HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n'
    + `Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\nX-Big: ${'v'.repeat(20000)}\r\n\r\n`);
  const r = await c.response();
  assert.equal(r.status, 431);
  assert.equal(JSON.parse(r.body).error.code, 'headers_too_large');
  c.close();
});

test('on a reused connection a request without Authorization is anonymous', async () => {
  const a = await registerUser(srv);
  const c = dial(srv.port);
  await c.ready;
  // User A, with padding so that A's Authorization sits past where the next head ends.
  const body = JSON.stringify({ bio: 'bio of A' });
  c.send('PATCH /api/v1/users/me HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n'
    + `Content-Length: ${body.length}\r\nX-Pad-1: ${'a'.repeat(60)}\r\nX-Pad-2: ${'a'.repeat(60)}\r\n`
    + `Authorization: Bearer ${a.access_token}\r\n\r\n${body}`);
  const first = await c.response();
  assert.equal(first.status, 200);
  assert.equal(JSON.parse(first.body).user.bio, 'bio of A');
  // Same socket, no Authorization, a chunked body with trailers.
  const evil = JSON.stringify({ bio: 'changed by nobody' });
  c.send('PATCH /api/v1/users/me HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n'
    + `Transfer-Encoding: chunked\r\n\r\n${evil.length.toString(16)}\r\n${evil}\r\n0\r\n`
    + 'A: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n');
  const second = await c.response();
  assert.equal(second.status, 401);
  assert.equal(JSON.parse(second.body).error.code, 'unauthorized');
  // And a plain one without trailers, for good measure.
  c.send(`PATCH /api/v1/users/me HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${evil.length}\r\n\r\n${evil}`);
  assert.equal((await c.response()).status, 401);
  c.close();
  const me = await api(srv, 'GET', '/api/v1/users/me', { token: a.access_token });
  assert.equal(me.json.user.bio, 'bio of A');
});

test('the client address is per request, not per connection', async () => {
  // Behind a trusted proxy one connection carries many clients: a request without
  // X-Forwarded-For is the peer's, never the previous request's client.
  const c = dial(srv.port);
  await c.ready;
  c.send('GET /healthz HTTP/1.1\r\nHost: x\r\nX-Request-Id: xff-one\r\nX-Forwarded-For: 203.0.113.9\r\n\r\n');
  assert.equal((await c.response()).status, 200);
  c.send('GET /healthz HTTP/1.1\r\nHost: x\r\nX-Request-Id: xff-two\r\n\r\n');
  assert.equal((await c.response()).status, 200);
  c.send('GET /healthz HTTP/1.1\r\nHost: x\r\nX-Request-Id: xff-three\r\nX-Forwarded-For: 198.51.100.1, not-an-ip\r\n\r\n');
  assert.equal((await c.response()).status, 200);
  c.close();
  const ipOf = async (id) => {
    for (let i = 0; i < 100; i++) {
      const line = srv.logs().split('\n').find((l) => l.includes(`"request_id":"${id}"`));
      if (line) return JSON.parse(line).ip;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no access log line for ${id}`);
  };
  assert.equal(await ipOf('xff-one'), '203.0.113.9');
  assert.equal(await ipOf('xff-two'), '127.0.0.1');
  assert.equal(await ipOf('xff-three'), '127.0.0.1'); /* a last hop that is no address is ignored */
});
