// Cross-cutting behaviour of the real binary: operations endpoints, request
// ids, security headers, CORS, access logs without secrets, rate limits,
// protocol errors, static files, graceful shutdown and configuration errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { startServer, api, registerUser } from './lib/harness.mjs';

let srv;
before(async () => {
  srv = await startServer({ env: { BLYTZ_CORS_ORIGINS: 'https://app.blytz.my,https://blytz.my' } });
});
after(async () => srv && srv.stop());

/** Send raw bytes on a fresh connection; resolve with everything read until the server closes. */
function raw(port, chunks, { gapMs = 0 } = {}) {
  return new Promise((resolve, reject) => {
    const sock = connect(port, '127.0.0.1');
    let data = '';
    sock.on('data', (d) => { data += d.toString('latin1'); });
    sock.on('error', reject);
    sock.on('close', () => resolve(data));
    sock.on('connect', async () => {
      for (const c of chunks) {
        sock.write(c);
        if (gapMs) await new Promise((r) => setTimeout(r, gapMs));
      }
    });
    setTimeout(() => sock.destroy(), 5000);
  });
}

test('healthz, readyz and metrics', async () => {
  const h = await api(srv, 'GET', '/healthz');
  assert.equal(h.status, 200);
  assert.equal(h.json.status, 'ok');
  const r = await api(srv, 'GET', '/readyz');
  assert.equal(r.status, 200);
  assert.equal(r.json.bus, 'local'); /* one node: the in-process bus */
  await api(srv, 'GET', '/api/v1/categories');
  const m = await api(srv, 'GET', '/metrics');
  assert.equal(m.status, 200);
  assert.match(m.headers.get('content-type'), /^text\/plain/);
  assert.match(m.text, /^blytz_http_requests_total\{method="GET",route="\/api\/v1\/categories",status="200"\} \d+$/m);
  assert.match(m.text, /^blytz_http_request_duration_seconds_bucket\{.*le="\+Inf"\} \d+$/m);
  assert.match(m.text, /^blytz_store_duration_seconds_count [1-9]\d*$/m);
  assert.match(m.text, /^blytz_http_open_connections \d+$/m);
});

test('X-Request-Id is kept when sane and generated otherwise', async () => {
  const kept = await api(srv, 'GET', '/healthz', { headers: { 'x-request-id': 'abc-123.XYZ_9' } });
  assert.equal(kept.headers.get('x-request-id'), 'abc-123.XYZ_9');
  const made = await api(srv, 'GET', '/healthz');
  assert.match(made.headers.get('x-request-id'), /^[A-Za-z0-9._-]{8,64}$/);
  const bad = await api(srv, 'GET', '/healthz', { headers: { 'x-request-id': 'x'.repeat(65) } });
  assert.notEqual(bad.headers.get('x-request-id'), 'x'.repeat(65));
});

test('security headers on API answers', async () => {
  const r = await api(srv, 'GET', '/api/v1/categories');
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(r.headers.get('x-frame-options'), 'DENY');
  assert.ok(r.headers.get('referrer-policy'));
});

test('CORS allow-list: allowed origins get headers, others do not', async () => {
  const ok = await api(srv, 'GET', '/api/v1/categories', { headers: { origin: 'https://app.blytz.my' } });
  assert.equal(ok.headers.get('access-control-allow-origin'), 'https://app.blytz.my');
  assert.match(ok.headers.get('vary') || '', /Origin/i);
  const no = await api(srv, 'GET', '/api/v1/categories', { headers: { origin: 'https://evil.example' } });
  assert.equal(no.headers.get('access-control-allow-origin'), null);
  const pre = await api(srv, 'OPTIONS', '/api/v1/products', {
    headers: { origin: 'https://blytz.my', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' },
  });
  assert.ok([200, 204].includes(pre.status));
  assert.equal(pre.headers.get('access-control-allow-origin'), 'https://blytz.my');
  assert.match(pre.headers.get('access-control-allow-methods') || '', /POST/);
});

test('unknown routes and methods answer with the JSON error body', async () => {
  const nf = await api(srv, 'GET', '/api/v1/nope');
  assert.equal(nf.status, 404);
  assert.equal(nf.json.error.code, 'not_found');
  const na = await api(srv, 'PUT', '/api/v1/categories');
  assert.equal(na.status, 405);
  assert.equal(na.json.error.code, 'method_not_allowed');
  assert.match(na.headers.get('allow'), /GET/);
});

test('access log: one JSON line per request, never a password or token', async () => {
  const u = await registerUser(srv);
  const login = await api(srv, 'POST', '/api/v1/auth/login', { body: { email: u.email, password: u.password } });
  assert.equal(login.status, 200);
  await api(srv, 'GET', '/api/v1/users/me?secret_query=1', { token: login.json.access_token });
  await new Promise((r) => setTimeout(r, 200)); // log lines are flushed once per loop pass
  const lines = srv.logs().split('\n').filter((l) => l.includes('"type":"access"'));
  const paths = lines.map((l) => JSON.parse(l).path);
  assert.ok(paths.includes('/api/v1/auth/login'));
  assert.ok(paths.includes('/api/v1/users/me'), 'query string is not logged');
  const all = srv.logs();
  for (const secret of [u.password, login.json.access_token, login.json.refresh_token, 'secret_query']) {
    assert.ok(!all.includes(secret), `log must not contain ${secret.slice(0, 12)}…`);
  }
  const me = lines.map((l) => JSON.parse(l)).find((l) => l.path === '/api/v1/users/me');
  assert.equal(me.status, 200);
  assert.equal(String(me.user_id), u.user.id);
  assert.ok(me.request_id && typeof me.duration_ms === 'number');
});

test('malformed HTTP is 400 with the JSON body, then the connection closes', async () => {
  const out = await raw(srv.port, ['GARBAGE / HTTP/1.1\r\n\r\n']);
  assert.match(out, /^HTTP\/1\.1 400 /);
  assert.match(out, /"code":"bad_request"/);
});

test('headers over 16 KiB are 431', async () => {
  const out = await raw(srv.port, [`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(17 * 1024)}\r\n\r\n`]);
  assert.match(out, /^HTTP\/1\.1 431 /);
  assert.match(out, /"code":"headers_too_large"/);
});

test('pipelined requests are answered in order on one connection', async () => {
  const reqs = ['/healthz', '/api/v1/categories', '/api/v1/nope', '/readyz']
    .map((p, i) => `GET ${p} HTTP/1.1\r\nHost: x\r\nX-Request-Id: pipe-${i}\r\n${i === 3 ? 'Connection: close\r\n' : ''}\r\n`);
  const out = await raw(srv.port, [reqs.join('')]);
  const ids = [...out.matchAll(/X-Request-Id: (pipe-\d)/gi)].map((m) => m[1]);
  assert.deepEqual(ids, ['pipe-0', 'pipe-1', 'pipe-2', 'pipe-3']);
  const statuses = [...out.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => m[1]);
  assert.deepEqual(statuses, ['200', '200', '404', '200']);
});

test('chunked request bodies are accepted', async () => {
  const body = JSON.stringify({ email: 'nobody@example.my', password: 'whatever-password' });
  const mid = Math.floor(body.length / 2);
  const chunk = (s) => `${s.length.toString(16)}\r\n${s}\r\n`;
  const out = await raw(srv.port, [
    'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n',
    chunk(body.slice(0, mid)), chunk(body.slice(mid)), '0\r\n\r\n',
  ], { gapMs: 20 });
  assert.match(out, /^HTTP\/1\.1 401 /);
  assert.match(out, /"code":"invalid_credentials"/);
});

test('static files: ETag and 304', async () => {
  const first = await fetch(`${srv.url}/`, { headers: { accept: 'text/html' } });
  assert.equal(first.status, 200);
  assert.match(first.headers.get('content-type'), /text\/html/);
  const etag = first.headers.get('etag');
  assert.ok(etag);
  const again = await fetch(`${srv.url}/`, { headers: { accept: 'text/html', 'if-none-match': etag } });
  assert.equal(again.status, 304);
  const spa = await fetch(`${srv.url}/orders/12345`, { headers: { accept: 'text/html' } });
  assert.equal(spa.status, 200, 'client-side routes fall back to index.html');
});
