// A buyer's address book through /api/v1/users/me/addresses: kept, normalised (E.164 phone,
// canonical state), the first the default, the default moved and promoted, another user's
// address not found, bad fields refused by name, at most ten.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, registerUser } from './lib/harness.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

const PATH = '/api/v1/users/me/addresses';
const list = async (u) => {
  const r = await api(srv, 'GET', PATH, { token: u.access_token });
  assert.equal(r.status, 200, r.text);
  const defaults = r.json.addresses.filter((a) => a.is_default).length;
  assert.equal(defaults, r.json.addresses.length ? 1 : 0, 'one default while there are any');
  return r.json.addresses;
};
const create = (u, body) => api(srv, 'POST', PATH, { token: u.access_token, body });
const patch = (u, id, body) => api(srv, 'PATCH', `${PATH}/${id}`, { token: u.access_token, body });
const del = (u, id) => api(srv, 'DELETE', `${PATH}/${id}`, { token: u.access_token });
const HOME = { name: 'Siti Aminah', phone: '012-345 6789', line1: '12 Jalan Ampang', city: 'Kuala Lumpur', state: 'KL', postcode: '50450' };

test('an address is kept normalised, the first is the default, and only its owner sees it', async () => {
  const u = await registerUser(srv);
  assert.deepEqual(await list(u), []);
  assert.equal((await api(srv, 'GET', PATH)).status, 401);
  const r = await create(u, HOME);
  assert.equal(r.status, 201, r.text);
  const a = r.json.address;
  assert.match(a.id, /^[1-9][0-9]*$/);
  assert.deepEqual({ ...a, id: undefined, created_at: undefined, updated_at: undefined }, {
    id: undefined, name: 'Siti Aminah', phone: '+60123456789', line1: '12 Jalan Ampang', line2: '',
    city: 'Kuala Lumpur', state: 'W.P. Kuala Lumpur', postcode: '50450', country: 'MY', is_default: true,
    created_at: undefined, updated_at: undefined,
  });
  assert.ok(Date.parse(a.created_at) > 0);
  assert.deepEqual(await list(u), [a]);

  const other = await registerUser(srv);
  assert.deepEqual(await list(other), []);
  assert.equal((await patch(other, a.id, { city: 'Ipoh' })).status, 404);
  assert.equal((await del(other, a.id)).status, 404);
  assert.equal((await patch(u, 'abc', { city: 'Ipoh' })).status, 404);
});

test('bad fields are 422 with the field named, and nothing is kept', async () => {
  const u = await registerUser(srv);
  const cases = [
    [{ ...HOME, phone: '+65 6123 4567' }, 'phone'],
    [{ ...HOME, postcode: '88000' }, 'postcode'],
    [{ ...HOME, state: 'Singapore' }, 'state'],
    [{ ...HOME, name: undefined }, 'name'],
    [{ ...HOME, line1: ' ' }, 'line1'],
    [{ ...HOME, country: 'SG' }, 'country'],
    [{ ...HOME, name: 7 }, 'name'],
  ];
  for (const [body, field] of cases) {
    const r = await create(u, body);
    assert.equal(r.status, 422, `${field}: ${r.text}`);
    assert.equal(r.json.error.code, 'validation_failed');
    assert.equal(r.json.error.details?.field, field, r.text);
  }
  assert.deepEqual(await list(u), []);
});

test('the default moves, an update is validated whole, deleting the default promotes the newest', async () => {
  const u = await registerUser(srv);
  const a = (await create(u, HOME)).json.address;
  const b = (await create(u, { ...HOME, name: 'Office', line2: 'Level 12', is_default: true })).json.address;
  assert.equal(b.is_default, true);
  const c = (await create(u, { ...HOME, name: 'Mak' })).json.address;
  assert.deepEqual((await list(u)).map((x) => x.id), [b.id, c.id, a.id]);

  let r = await patch(u, c.id, { state: 'Selangor' }); // KL's postcode in Selangor
  assert.equal(r.status, 422, r.text);
  assert.equal(r.json.error.details.field, 'postcode');
  r = await patch(u, c.id, { state: 'Selangor', postcode: '46000', city: 'Petaling Jaya', phone: '+60 3-2345 6789', is_default: true });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.address.state, 'Selangor');
  assert.equal(r.json.address.phone, '+60323456789');
  assert.equal(r.json.address.name, 'Mak', 'kept');
  assert.equal(r.json.address.is_default, true);
  assert.deepEqual((await list(u)).map((x) => [x.id, x.is_default]), [[c.id, true], [b.id, false], [a.id, false]]);

  assert.equal((await del(u, c.id)).status, 204);
  assert.deepEqual((await list(u)).map((x) => [x.id, x.is_default]), [[b.id, true], [a.id, false]]);
  assert.equal((await del(u, c.id)).status, 404);
});

test('at most ten addresses', async () => {
  const u = await registerUser(srv);
  for (let i = 0; i < 10; i++) assert.equal((await create(u, { ...HOME, name: `Ali ${i}` })).status, 201);
  const r = await create(u, HOME);
  assert.equal(r.status, 409, r.text);
  assert.equal(r.json.error.code, 'conflict');
  assert.equal((await list(u)).length, 10);
});
