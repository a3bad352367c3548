// How soon other nodes refuse the access token of a session that ended on one node
// (docs/api.md "Sessions"). Usage: node bench/revocation.mjs URL1 URL2 URL3 [ROUNDS]
//   URL1  the node where each session ends (logout)
//   URL2  a node on the same Redis whose poll is too slow to matter: it learns from the bus
//   URL3  a node without Redis: it learns from its poll of the database
// Each round registers a user on node 1, checks both other nodes accept the token, logs out
// on node 1, then asks nodes 2 and 3 again and again (every 2 ms / 10 ms) until they answer
// 401, timing from the logout's answer. Prints one JSON line.
const [u1, u2, u3] = process.argv.slice(2, 5);
const rounds = Number(process.argv[5] || 30);
if (!u3) {
  console.error('usage: node bench/revocation.mjs URL1 URL2 URL3 [ROUNDS]');
  process.exit(2);
}

async function call(url, method, path, { body, token } = {}) {
  const headers = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const r = await fetch(url + path, { method, headers, body: body ? JSON.stringify(body) : undefined });
  const text = await r.text();
  return { status: r.status, json: text ? JSON.parse(text) : null };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** ms from `t0` until `url` refuses `token`, asking every `every` ms (give up after 30 s). */
async function refusedAfter(url, token, t0, every) {
  for (;;) {
    const r = await call(url, 'GET', '/api/v1/users/me', { token });
    if (r.status === 401) return performance.now() - t0;
    if (performance.now() - t0 > 30000) return Infinity;
    await sleep(every);
  }
}

const pct = (xs, p) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const bus = [];
const poll = [];
for (let i = 0; i < rounds; i++) {
  const email = `rev${Date.now()}${i}@bench.example.my`;
  const reg = await call(u1, 'POST', '/api/v1/auth/register', {
    body: { email, username: `rev${Date.now().toString(36)}${i}`, password: 'a long bench passphrase' },
  });
  if (reg.status !== 201) throw new Error(`register: ${reg.status} ${JSON.stringify(reg.json)}`);
  const { access_token: token, refresh_token: refresh } = reg.json;
  for (const u of [u2, u3]) {
    const ok = await call(u, 'GET', '/api/v1/users/me', { token });
    if (ok.status !== 200) throw new Error(`${u} refused a fresh token: ${ok.status}`);
  }
  // A random pause, so that logouts do not fall at one phase of node 3's poll (each round
  // ends just after a poll, which would otherwise make every wait a whole interval).
  await sleep(Math.random() * 1000);
  const out = await call(u1, 'POST', '/api/v1/auth/logout', { body: { refresh_token: refresh } });
  const t0 = performance.now();
  if (out.status !== 204) throw new Error(`logout: ${out.status}`);
  const [b, p] = await Promise.all([refusedAfter(u2, token, t0, 2), refusedAfter(u3, token, t0, 10)]);
  bus.push(b);
  poll.push(p);
}
bus.sort((a, b) => a - b);
poll.sort((a, b) => a - b);
const r1 = (x) => Math.round(x * 10) / 10;
console.log(JSON.stringify({
  scenario: 'revocation_propagation',
  rounds,
  bus_ms: { p50: r1(pct(bus, 50)), p95: r1(pct(bus, 95)), max: r1(bus[bus.length - 1]) },
  poll_ms: { p50: r1(pct(poll, 50)), p95: r1(pct(poll, 95)), max: r1(poll[poll.length - 1]) },
}));
