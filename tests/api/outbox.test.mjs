// The outbox as an operator meets it (docs/outbox.md): a running node's worker takes a due row
// (this build registers no handler yet, so a row of any kind is parked with the reason), the
// /metrics gauges follow, `blytz outbox list` shows the parked row and `blytz outbox retry`
// puts it back, after which the node runs it again within a second.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { startServer, api, BIN } from './lib/harness.mjs';

let srv;
before(async () => {
  srv = await startServer();
});
after(async () => srv && srv.stop());

/* Run SQL on the server's database behind its back (the test's hand, not a use case). */
function sql(text) {
  const db = srv.env.BLYTZ_DATABASE;
  if (db.startsWith('sqlite:')) {
    execFileSync('sqlite3', ['-cmd', '.timeout 5000', db.slice(7), text], { stdio: 'pipe' });
  } else {
    execFileSync('psql', [db, '-q', '-v', 'ON_ERROR_STOP=1', '-c', text], { stdio: 'pipe' });
  }
}

function outbox(...args) {
  const r = spawnSync(BIN, ['outbox', ...args], { env: { ...srv.env }, encoding: 'utf8', timeout: 20000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

async function gauge(name) {
  const m = await api(srv, 'GET', '/metrics');
  const line = m.text.split('\n').find((l) => l.startsWith(`${name} `));
  assert.ok(line, `${name} on /metrics`);
  return Number(line.split(' ')[1]);
}

async function until(what, fn, ms = 10000) {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await fn()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('a due row of a kind without a handler is parked; list and retry bring it back', async () => {
  const now = Date.now();
  const id = 7000000000000000001n;
  sql(`INSERT INTO outbox (id, kind, dedupe_key, payload, next_at, created_at, updated_at)
       VALUES (${id}, 'test.nobody', 'test.nobody:1', '{}', ${now}, ${now}, ${now})`);
  /* a row due tomorrow stays pending and ages */
  sql(`INSERT INTO outbox (id, kind, dedupe_key, payload, next_at, created_at, updated_at)
       VALUES (${id + 1n}, 'test.later', 'test.later:1', '{}', ${now + 86400000}, ${now - 60000}, ${now})`);

  await until('the parked gauge', async () => (await gauge('blytz_outbox_parked')) === 1);
  assert.equal(await gauge('blytz_outbox_pending'), 1);
  assert.ok((await gauge('blytz_outbox_oldest_pending_age_seconds')) >= 60);
  assert.equal(await gauge('blytz_outbox_stats_ok'), 1);
  assert.ok((await gauge('blytz_outbox_rows_run_total')) >= 1);

  let r = outbox('list', '--state', 'parked');
  assert.equal(r.code, 0, r.err);
  const line = r.out.split('\n').find((l) => l.startsWith(`${id} `));
  assert.ok(line, r.out);
  assert.match(line, /\bparked\s+test\.nobody\s+1\b/);
  assert.match(line, /internal: no handler for kind "test\.nobody"/);
  r = outbox('list', '--state', 'pending');
  assert.match(r.out, new RegExp(`^${id + 1n} +pending +test\\.later`, 'm'));
  assert.doesNotMatch(r.out, new RegExp(`^${id} `, 'm'));

  r = outbox('retry', String(id));
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /pending again/);
  /* the node runs it again (and, still without a handler, parks it again) */
  await until('the row to run again', async () => {
    const l = outbox('list', '--state', 'parked').out.split('\n').find((x) => x.startsWith(`${id} `));
    return l && /\bparked\s+test\.nobody\s+1\b/.test(l) && (await gauge('blytz_outbox_rows_run_total')) >= 2;
  });

  r = outbox('retry', String(id + 1n));
  assert.equal(r.code, 1);
  assert.match(r.err, /not parked/);
  r = outbox('retry', '12345');
  assert.equal(r.code, 1);
  assert.match(r.err, /no outbox row 12345/);
  r = outbox('list', '--state', 'stuck');
  assert.equal(r.code, 2);
  r = outbox('retry');
  assert.equal(r.code, 2);
});
