// A buyer's own limits: spending cap per day or week and a cool-off that can
// be extended but never shortened, round-tripped through
// /api/v1/users/me/limits. (Enforcement at bid time is the auction engine's
// call of app_wellbeing_check_bid_on; the app unit tests cover the check.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, registerUser } from './lib/harness.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

const DAY = 24 * 3600 * 1000;
const get = (u, s = srv) => api(s, 'GET', '/api/v1/users/me/limits', { token: u.access_token });
const put = (u, body, s = srv) => api(s, 'PUT', '/api/v1/users/me/limits', { token: u.access_token, body });

test('no limits until set; anonymous is 401', async () => {
  const u = await registerUser(srv);
  const r = await get(u);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.limits, { spending_cap: null, cool_off_until: null, committed: 0, currency: 'MYR' });
  assert.equal((await api(srv, 'GET', '/api/v1/users/me/limits')).status, 401);
});

test('a spending cap round-trips, changes and is removed with null', async () => {
  const u = await registerUser(srv);
  let r = await put(u, { spending_cap: { amount: 50000, period: 'week' } });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.limits.spending_cap, { amount: 50000, currency: 'MYR', period: 'week' });
  assert.equal(r.json.limits.committed, 0);
  assert.deepEqual((await get(u)).json.limits.spending_cap, { amount: 50000, currency: 'MYR', period: 'week' });
  r = await put(u, { cool_off_days: 0 });
  assert.deepEqual(r.json.limits.spending_cap, { amount: 50000, currency: 'MYR', period: 'week' }, 'absent = unchanged');
  r = await put(u, { spending_cap: { amount: 20000, period: 'day' } });
  assert.deepEqual(r.json.limits.spending_cap, { amount: 20000, currency: 'MYR', period: 'day' });
  r = await put(u, { spending_cap: null });
  assert.equal(r.json.limits.spending_cap, null);
});

test('bad caps are 422 with the field', async () => {
  const u = await registerUser(srv);
  const cases = [
    [{ spending_cap: { amount: 99, period: 'day' } }, 'spending_cap.amount'],
    [{ spending_cap: { amount: 1000, period: 'month' } }, 'spending_cap.period'],
    [{ spending_cap: { amount: 1000 } }, 'spending_cap.period'],
    [{ spending_cap: 'lots' }, 'spending_cap'],
    [{ cool_off_days: 366 }, 'cool_off_days'],
    [{ cool_off_days: -1 }, 'cool_off_days'],
  ];
  for (const [body, field] of cases) {
    const r = await put(u, body);
    assert.equal(r.status, 422, JSON.stringify(body));
    assert.equal(r.json.error.details.field, field, JSON.stringify(body));
  }
});

test('a cool-off is set, extended, never shortened, and survives a restart', async () => {
  const s1 = await startServer();
  const u = await registerUser(s1);
  const before7 = Date.now();
  let r = await put(u, { cool_off_days: 7 }, s1);
  assert.equal(r.status, 200, r.text);
  const until7 = Date.parse(r.json.limits.cool_off_until);
  assert.ok(until7 >= before7 + 7 * DAY && until7 <= Date.now() + 7 * DAY);
  r = await put(u, { cool_off_days: 1 }, s1);
  assert.equal(Date.parse(r.json.limits.cool_off_until), until7, 'not shortened');
  r = await put(u, { cool_off_days: 30, spending_cap: { amount: 30000, period: 'day' } }, s1);
  const until30 = Date.parse(r.json.limits.cool_off_until);
  assert.ok(until30 > until7 + 22 * DAY, 'extended');

  const exited = new Promise((res) => s1.child.once('exit', res));
  s1.child.kill('SIGTERM');
  await exited;
  const s2 = await startServer({ reuse: s1 });
  try {
    const after = (await get(u, s2)).json.limits;
    assert.equal(Date.parse(after.cool_off_until), until30);
    assert.deepEqual(after.spending_cap, { amount: 30000, currency: 'MYR', period: 'day' });
  } finally {
    await s2.stop();
  }
});
