// The per-address rate limit of the sign-in routes (with Retry-After), graceful
// shutdown with a request in flight, and configuration errors. Failed-login limits:
// login_limits.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { startServer, registerUser, postFrom, BIN } from './lib/harness.mjs';

const limited = { BLYTZ_RATE_AUTH_PER_MIN: '1', BLYTZ_RATE_AUTH_BURST: '3' };

test('register, login and refresh share per-IP buckets: 429 with Retry-After', async () => {
  const srv = await startServer({ env: limited });
  try {
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      const r = await postFrom(srv, '127.0.0.2', '/api/v1/auth/register', { email: `r${i}@example.my`, username: `rate_${i}`, password: 'short' });
      statuses.push(r.status);
      if (r.status === 429) {
        assert.equal(r.json.error.code, 'rate_limited');
        assert.ok(Number(r.headers['retry-after']) >= 1);
      }
    }
    assert.deepEqual(statuses, [422, 422, 422, 429]);
    const refresh = await postFrom(srv, '127.0.0.2', '/api/v1/auth/refresh', { refresh_token: 'x'.repeat(43) });
    assert.equal(refresh.status, 429, 'refresh is limited too');
    const other = await postFrom(srv, '127.0.0.3', '/api/v1/auth/refresh', { refresh_token: 'x'.repeat(43) });
    assert.equal(other.status, 401, 'another IP has its own bucket');
  } finally {
    await srv.stop();
  }
});

test('SIGTERM finishes a request in flight, then exits 0', async () => {
  const srv = await startServer();
  const u = await registerUser(srv);
  const body = JSON.stringify({ email: u.email, password: u.password });
  const half = Math.floor(body.length / 2);
  const response = new Promise((resolve, reject) => {
    const sock = connect(srv.port, '127.0.0.1');
    let data = '';
    sock.on('data', (d) => { data += d; });
    sock.on('close', () => resolve(data));
    sock.on('error', reject);
    sock.on('connect', async () => {
      sock.write(`POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, half)}`);
      await new Promise((r) => setTimeout(r, 150));
      srv.child.kill('SIGTERM'); // mid-body: the request must still complete
      await new Promise((r) => setTimeout(r, 300));
      sock.write(body.slice(half));
    });
  });
  const out = await response;
  assert.match(out, /^HTTP\/1\.1 200 /);
  assert.match(out, /Connection: close/i);
  const exit = await new Promise((r) => (srv.child.exitCode !== null ? r(srv.child.exitCode) : srv.child.once('exit', (c) => r(c))));
  assert.equal(exit, 0);
  await srv.stop();
});

test('bad configuration: one line on stderr and exit code 2', () => {
  const cases = [
    [{ BLYTZ_DATABASE: 'mysql://nope' }, /BLYTZ_DATABASE/],
    [{ BLYTZ_WORKERS: 'many' }, /BLYTZ_WORKERS/],
    [{ BLYTZ_JWT_SECRET: 'k1:dG9vLXNob3J0' }, /BLYTZ_JWT_SECRET/],
  ];
  for (const [env, pattern] of cases) {
    const r = spawnSync(BIN, ['serve'], { env: { PATH: process.env.PATH, ASAN_OPTIONS: 'detect_leaks=0', BLYTZ_VAR_DIR: '/tmp', ...env }, encoding: 'utf8', timeout: 10000 });
    assert.equal(r.status, 2, `${JSON.stringify(env)} → ${r.stderr}`);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0], pattern);
  }
  const flag = spawnSync(BIN, ['serve', '--no-such-flag'], { encoding: 'utf8' });
  assert.equal(flag.status, 2);
  assert.match(flag.stderr, /unknown option/);
});

test('--help documents every command and option', () => {
  const top = spawnSync(BIN, ['--help'], { encoding: 'utf8' });
  assert.equal(top.status, 0);
  for (const c of ['serve', 'migrate', 'demo']) assert.match(top.stdout, new RegExp(`\\b${c}\\b`));
  const serve = spawnSync(BIN, ['serve', '--help'], { encoding: 'utf8' });
  assert.equal(serve.status, 0);
  for (const v of ['BLYTZ_ADDR', 'BLYTZ_DATABASE', 'BLYTZ_REDIS', 'BLYTZ_JWT_SECRET', 'BLYTZ_BLOB']) {
    assert.match(serve.stdout, new RegExp(v));
  }
  const migrate = spawnSync(BIN, ['migrate', '--help'], { encoding: 'utf8' });
  assert.equal(migrate.status, 0);
  assert.doesNotMatch(migrate.stdout, /--addr/, 'migrate has no listen address');
});
