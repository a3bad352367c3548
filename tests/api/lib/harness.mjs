// Test harness: runs the real `blytz` binary (BLYTZ_BIN) on a free loopback
// port with a fresh database — SQLite by default, PostgreSQL when
// BLYTZ_TEST_DB=pg (a new database on the server at BLYTZ_TEST_PG) — and
// gives tests a small fetch-based client. stop() sends SIGTERM, expects a
// clean exit 0, and fails on any sanitizer report in the server's stderr.
//
// Every process a test starts is tracked (track()): a server that does not
// become ready is killed before the error is thrown, and whatever is still
// running when the test process exits — a failed assertion, an uncaught
// error, a signal from the test runner — is killed with it, so a failure
// never leaves a child holding the suite until CI's limit.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const BIN = process.env.BLYTZ_BIN || join(repo, 'build/asan/blytz');

/* Sanitizer builds start and load data several times slower, and more so on a busy machine:
 * waits for the server scale with the build (BLYTZ_TEST_SLOW=<factor> overrides). */
export const SLOW = Number(process.env.BLYTZ_TEST_SLOW) || (/asan|sanitize/i.test(BIN) ? 4 : 1);

const live = new Set();

/** Kill `child` (SIGKILL) if the test process exits while it runs; returns it. */
export function track(child) {
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

function killAll() {
  for (const child of live) {
    try { child.kill('SIGKILL'); } catch { /* already gone */ }
  }
  live.clear();
}
process.once('exit', killAll);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(sig, () => {
    killAll();
    process.exit(128 + (sig === 'SIGINT' ? 2 : sig === 'SIGTERM' ? 15 : 1));
  });
}

/** SIGKILL `child` and wait until it is gone. */
export function killNow(child) {
  return new Promise((ok) => {
    if (child.exitCode !== null || child.signalCode !== null) return ok();
    child.once('exit', () => ok());
    child.kill('SIGKILL');
  });
}

export function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

function freshPgDatabase() {
  const base = process.env.BLYTZ_TEST_PG;
  if (!base) throw new Error('BLYTZ_TEST_DB=pg needs BLYTZ_TEST_PG (scripts/test.sh sets it)');
  const name = `t_${Date.now()}_${randomBytes(4).toString('hex')}`;
  execFileSync('psql', [base, '-q', '-c', `CREATE DATABASE ${name}`], { stdio: 'pipe' });
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/* Poll `path` until it answers 200. Throws (the caller kills the child) when the child exits
 * or `ms` passes. */
async function waitFor(url, path, child, logs, ms) {
  const deadline = Date.now() + ms;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`blytz exited (${child.exitCode ?? child.signalCode}) before ${path} answered:\n${logs.join('')}`);
    }
    try {
      const r = await fetch(`${url}${path}`);
      // The port came from freePort and was free a moment ago; another process may have taken
      // it since, and then a server that is not ours answers. Ours says it listens first.
      if (r.ok && logs.join('').includes(`listening on ${new URL(url).host}`)) return;
      last = `${r.status} ${await r.text()}`;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`blytz: ${path} did not answer 200 within ${ms} ms (last: ${last}):\n${logs.join('')}`);
}

/* Alive (/healthz: it listens) and, when asked, ready (/readyz: e.g. demo data loaded). */
async function waitReady(url, child, logs, ready) {
  await waitFor(url, '/healthz', child, logs, 20000 * SLOW);
  if (ready) await waitFor(url, '/readyz', child, logs, 60000 * SLOW);
}

/**
 * Start a server. Options: env (extra environment), args (extra flags after `serve`),
 * db ('sqlite' | 'pg', default from BLYTZ_TEST_DB), reuse (a previous server, stopped or
 * killed: the new one takes over its directory, database and JWT key, so its data and tokens
 * stay valid; the previous server's stop() must not be called after this), sharedWith (a
 * running server: the new one is a second node on the same database and JWT key, with its
 * own directory and port; both are stopped separately), ready (also wait for /readyz to
 * answer 200; the default with --demo, whose data loads after the server listens).
 */
export async function startServer(options = {}) {
  // freePort's port can be taken by another process before blytz binds it (suites run side by
  // side): then blytz exits saying so, and a new port is tried.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startServerOnce(options);
    } catch (e) {
      if (attempt === 3 || !/address already in use/i.test(e.message)) throw e;
    }
  }
}

async function startServerOnce({ env = {}, args = [], db = process.env.BLYTZ_TEST_DB || 'sqlite', reuse, sharedWith, ready = args.includes('--demo') } = {}) {
  const dir = reuse ? reuse.dir : mkdtempSync(join(tmpdir(), 'blytz-api-'));
  const port = await freePort();
  const peer = reuse || sharedWith;
  const database = peer ? peer.env.BLYTZ_DATABASE
    : db === 'pg' ? freshPgDatabase() : `sqlite:${join(dir, 'blytz.db')}`;
  const fullEnv = {
    PATH: process.env.PATH,
    ASAN_OPTIONS: process.env.ASAN_OPTIONS || 'detect_leaks=1',
    UBSAN_OPTIONS: process.env.UBSAN_OPTIONS || 'print_stacktrace=1:halt_on_error=1',
    LSAN_OPTIONS: process.env.LSAN_OPTIONS || '',
    BLYTZ_ADDR: `127.0.0.1:${port}`,
    BLYTZ_DATABASE: database,
    BLYTZ_VAR_DIR: dir,
    BLYTZ_BLOB: `file:${join(dir, 'media')}`,
    BLYTZ_ARGON2: 'min',
    BLYTZ_WORKERS: '2',
    BLYTZ_STATIC_DIR: join(repo, 'web/dist'),
    BLYTZ_JWT_SECRET: peer ? peer.env.BLYTZ_JWT_SECRET : `k1:${randomBytes(32).toString('base64')}`,
    BLYTZ_LOG_SIGNING_KEY: peer ? peer.env.BLYTZ_LOG_SIGNING_KEY : `l1:${randomBytes(32).toString('base64')}`,
    BLYTZ_RATE_AUTH_PER_MIN: '100000',
    BLYTZ_RATE_AUTH_BURST: '100000',
    ...env,
  };
  const logs = [];
  const child = track(spawn(BIN, ['serve', ...args], { env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'] }));
  child.stdout.on('data', (d) => logs.push(d.toString()));
  child.stderr.on('data', (d) => logs.push(d.toString()));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitReady(url, child, logs, ready);
  } catch (e) {
    await killNow(child);
    if (!reuse) rmSync(dir, { recursive: true, force: true });
    throw e;
  }

  const srv = {
    url,
    port,
    dir,
    env: fullEnv,
    child,
    logs: () => logs.join(''),
    async stop({ signal = 'SIGTERM' } = {}) {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', (code, sig) => r({ code, sig })));
        child.kill(signal);
        const limit = 15000 * SLOW;
        let timer;
        const res = await Promise.race([exited, new Promise((r) => { timer = setTimeout(() => r(null), limit); })]);
        clearTimeout(timer); /* a pending timer would keep the test process alive for `limit` */
        if (!res) {
          await killNow(child);
          rmSync(dir, { recursive: true, force: true });
          throw new Error(`blytz did not exit within ${limit} ms of SIGTERM:\n${logs.join('').slice(-4000)}`);
        }
        srv.exit = res;
      }
      const out = logs.join('');
      rmSync(dir, { recursive: true, force: true });
      if (/ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:/.test(out)) {
        throw new Error(`sanitizer report from blytz:\n${out}`);
      }
      if (signal === 'SIGTERM' && srv.exit && srv.exit.code !== 0) {
        throw new Error(`blytz exited with ${JSON.stringify(srv.exit)}:\n${out.slice(-4000)}`);
      }
    },
  };
  return srv;
}

/** Poll `fn` until `ok(value)`, every 100 ms for at most `ms` (scaled by SLOW): the last
 * value; throws saying `what` it waited for, with the last value, when time runs out. */
export async function until(what, fn, ok, ms = 20000 * SLOW) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Call the API. Returns { status, headers, json, text }. body: object (JSON) or Buffer/string. */
export async function api(srv, method, path, { body, token, headers = {} } = {}) {
  const h = { ...headers };
  let payload = body;
  if (body !== undefined && !(body instanceof Uint8Array) && typeof body !== 'string') {
    payload = JSON.stringify(body);
    h['content-type'] ??= 'application/json';
  }
  if (token) h.authorization = `Bearer ${token}`;
  const res = await fetch(srv.url + path, { method, headers: h, body: payload });
  const text = await res.text();
  let json;
  try { json = text ? JSON.parse(text) : undefined; } catch { json = undefined; }
  return { status: res.status, headers: res.headers, json, text };
}

/** POST JSON from a loopback source address (the server sees it as the client address). */
export function postFrom(srv, localAddress, path, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const req = request({ host: '127.0.0.1', port: srv.port, path, method: 'POST', localAddress, agent: false,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers } }, (res) => {
      let text = '';
      res.on('data', (d) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, json: text ? JSON.parse(text) : undefined }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

let counter = 0;
/** Register a fresh user; returns { user, access_token, refresh_token, password, email }. */
export async function registerUser(srv, over = {}) {
  const n = `${Date.now().toString(36)}${(counter++).toString(36)}${randomBytes(2).toString('hex')}`;
  const body = {
    email: `user${n}@example.my`,
    username: `user_${n}`.slice(0, 32),
    password: 'correct horse battery staple',
    ...over,
  };
  const r = await api(srv, 'POST', '/api/v1/auth/register', { body });
  if (r.status !== 201) throw new Error(`register failed: ${r.status} ${r.text}`);
  return { ...r.json, password: body.password, email: body.email };
}

/**
 * A show of `seller` (a registerSeller session) with `products` lots of `quantity` units
 * (titled `${lot} 1`, `${lot} 2`, … at buy-now `price`), scheduled `startsIn` ms ahead (an hour)
 * and, with `live`, put live. Throws on any refusal. Returns
 * { stream (as the last call answered it), productIds, productId (the first) }.
 */
export async function createShow(srv, seller, { products = 1, quantity = 1, live = false, title = 'Malam Barang Lama',
  lot = 'Barang lama', price = 900000, weight = 500, startsIn = 3600e3 } = {}) {
  const call = async (path, body, want) => {
    const r = await api(srv, 'POST', path, { token: seller.access_token, body });
    if (r.status !== want) throw new Error(`POST ${path}: ${r.status} ${r.text}`);
    return r.json;
  };
  const productIds = [];
  for (let i = 0; i < products; i++) {
    const p = await call('/api/v1/products', { title: `${lot} ${i + 1}`, condition: 'good', quantity, buy_now_price: price, shipping_weight_g: weight }, 201);
    productIds.push(p.product.id);
  }
  let { stream } = await call('/api/v1/streams', { title, starts_at: new Date(Date.now() + startsIn).toISOString(), product_ids: productIds }, 201);
  if (live) ({ stream } = await call(`/api/v1/streams/${stream.id}/live`, undefined, 200));
  return { stream, productIds, productId: productIds[0] };
}

/** Register a user and make them a seller; returns the session plus { seller }. */
export async function registerSeller(srv, over = {}) {
  const s = await registerUser(srv);
  const r = await api(srv, 'POST', '/api/v1/sellers', {
    token: s.access_token,
    body: {
      shop_name: `Kedai ${s.user.username}`.slice(0, 60),
      description: 'Preloved gadgets and collectibles',
      pickup_address: { line1: '12 Jalan Ampang', line2: '', city: 'Kuala Lumpur', state: 'W.P. Kuala Lumpur', postcode: '50450' },
      ...over,
    },
  });
  if (r.status !== 201) throw new Error(`become seller failed: ${r.status} ${r.text}`);
  return { ...s, seller: r.json.seller };
}
