// Co-hosts (docs/api.md "Co-hosts"): a show's seller invites users on stage by username
// (POST /streams/{id}/cohosts) and removes them, a co-host steps down (DELETE
// /streams/{id}/cohosts/{user_id}), anyone reads the stage (GET), and the room hears each change
// as show:stage. Co-host video grants follow the stage at once. This server has no video
// provider, so an admitted grant is 503 (the rules come first); cohosts_janus.test.mjs runs the
// provider's side against a real Janus.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { io } from 'socket.io-client';
import { startServer, api, registerUser, registerSeller, createShow } from './lib/harness.mjs';
import { once } from './lib/live.mjs';

let srv;
before(async () => { srv = await startServer({ env: { BLYTZ_RATE_VIDEO_BURST: '1000' } }); });
after(async () => { await srv.stop(); });

const invite = (who, id, username) => api(srv, 'POST', `/api/v1/streams/${id}/cohosts`, { token: who?.access_token, body: { username } });
const remove = (who, id, userId) => api(srv, 'DELETE', `/api/v1/streams/${id}/cohosts/${userId}`, { token: who?.access_token });
const stage = async (id) => {
  const r = await api(srv, 'GET', `/api/v1/streams/${id}/cohosts`);
  assert.equal(r.status, 200, r.text);
  return r.json;
};
const names = (s) => s.cohosts.map((c) => c.username);
const cohostGrant = (who, id) => api(srv, 'POST', `/api/v1/streams/${id}/video/token`, { token: who?.access_token, body: { role: 'cohost' } });

function expectError(r, status, code, field) {
  assert.equal(r.status, status, r.text);
  assert.equal(r.json.error.code, code, r.text);
  if (field) assert.equal(r.json.error.details.field, field, r.text);
}

test('the seller invites by username; the stage is public; inviting again changes nothing', async () => {
  const seller = await registerSeller(srv);
  const [ali, bala] = [await registerUser(srv), await registerUser(srv)];
  const { stream } = await createShow(srv, seller); // scheduled: co-hosts may be lined up first
  assert.deepEqual(await stage(stream.id), { stream_id: stream.id, cohosts: [] });

  let r = await invite(seller, stream.id, `@${ali.user.username.toUpperCase()}`);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.cohost.id, ali.user.id);
  assert.equal(r.json.cohost.username, ali.user.username);
  assert.ok(Date.parse(r.json.cohost.invited_at) > Date.now() - 60e3);
  const first = r.json.cohost.invited_at;
  r = await invite(seller, stream.id, ali.user.username);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.cohost.invited_at, first, 'the first invitation stands');
  assert.equal((await invite(seller, stream.id, bala.user.username)).status, 201);
  const s = await stage(stream.id);
  assert.equal(s.stream_id, stream.id);
  assert.deepEqual(names(s), [ali.user.username, bala.user.username]);
  assert.deepEqual(Object.keys(s.cohosts[0]).sort(), ['id', 'invited_at', 'username']);
});

test('who may invite, whom, and how many: stable codes', async () => {
  const seller = await registerSeller(srv);
  const users = [];
  for (let i = 0; i < 5; i++) users.push(await registerUser(srv));
  const { stream } = await createShow(srv, seller, { live: true });

  expectError(await invite(null, stream.id, users[0].user.username), 401, 'unauthorized');
  expectError(await invite(users[1], stream.id, users[0].user.username), 403, 'forbidden');
  expectError(await invite(seller, '999999999', users[0].user.username), 404, 'not_found');
  expectError(await invite(seller, stream.id, 'no_such_user_here'), 404, 'not_found', 'username');
  expectError(await invite(seller, stream.id, seller.user.username), 422, 'cannot_cohost_self', 'username');
  expectError(await invite(seller, stream.id, ''), 422, 'validation_failed', 'username');
  const wrongType = await api(srv, 'POST', `/api/v1/streams/${stream.id}/cohosts`, { token: seller.access_token, body: { username: 7 } });
  expectError(wrongType, 422, 'validation_failed', 'username');

  const ban = await api(srv, 'POST', `/api/v1/streams/${stream.id}/bans/${users[0].user.id}`, { token: seller.access_token });
  assert.equal(ban.status, 204, ban.text);
  expectError(await invite(seller, stream.id, users[0].user.username), 422, 'cohost_banned', 'username');

  for (const u of users.slice(1, 4)) assert.equal((await invite(seller, stream.id, u.user.username)).status, 201);
  expectError(await invite(seller, stream.id, users[4].user.username), 409, 'cohost_limit', 'username');
  assert.equal((await invite(seller, stream.id, users[3].user.username)).status, 200, 'one of the three again');
  assert.equal((await remove(seller, stream.id, users[3].user.id)).status, 204);
  assert.equal((await invite(seller, stream.id, users[4].user.username)).status, 201, 'room for one after a removal');

  const end = await api(srv, 'POST', `/api/v1/streams/${stream.id}/end`, { token: seller.access_token });
  assert.equal(end.status, 200, end.text);
  expectError(await invite(seller, stream.id, users[3].user.username), 409, 'conflict');
  assert.equal((await stage(stream.id)).cohosts.length, 3, 'the stage of an ended show stays readable');
  expectError(await api(srv, 'GET', '/api/v1/streams/999999999/cohosts'), 404, 'not_found');
});

test('the seller removes, a co-host steps down, nobody else; the room hears show:stage', async () => {
  const seller = await registerSeller(srv);
  const [ali, bala, chong] = [await registerUser(srv), await registerUser(srv), await registerUser(srv)];
  const { stream } = await createShow(srv, seller, { live: true });
  const s = io(srv.url, { transports: ['websocket'], timeout: 10000 });
  try {
    await once(s, 'connect');
    assert.equal((await s.timeout(10000).emitWithAck('join:stream', { stream_id: stream.id })).ok, true);
    let heard = once(s, 'show:stage');
    assert.equal((await invite(seller, stream.id, ali.user.username)).status, 201);
    let [ev] = await heard;
    assert.equal(ev.stream_id, stream.id);
    assert.deepEqual(ev.cohosts.map((c) => [c.id, c.username]), [[ali.user.id, ali.user.username]]);
    assert.ok(ev.seq > 0, 'a room event with its seq: replayed to a socket that reconnects');
    heard = once(s, 'show:stage');
    assert.equal((await invite(seller, stream.id, bala.user.username)).status, 201);
    [ev] = await heard;
    assert.deepEqual(ev.cohosts.map((c) => c.username), [ali.user.username, bala.user.username]);
    assert.deepEqual(ev, { ...(await stage(stream.id)), seq: ev.seq }, 'the event is the REST object');

    expectError(await remove(null, stream.id, ali.user.id), 401, 'unauthorized');
    expectError(await remove(chong, stream.id, ali.user.id), 403, 'forbidden');
    expectError(await remove(bala, stream.id, ali.user.id), 403, 'forbidden', undefined);
    expectError(await remove(seller, '999999999', ali.user.id), 404, 'not_found');

    heard = once(s, 'show:stage');
    assert.equal((await remove(bala, stream.id, bala.user.id)).status, 204, 'steps down');
    [ev] = await heard;
    assert.deepEqual(ev.cohosts.map((c) => c.username), [ali.user.username]);
    heard = once(s, 'show:stage');
    assert.equal((await remove(seller, stream.id, ali.user.id)).status, 204);
    [ev] = await heard;
    assert.deepEqual(ev.cohosts, []);
    assert.equal((await remove(seller, stream.id, ali.user.id)).status, 204, 'not a co-host: nothing to do');
    assert.equal((await remove(seller, stream.id, chong.user.id)).status, 204, 'never one: nothing to do');
  } finally {
    s.close();
  }
});

test('a co-host grant: for a current co-host of a live show only, refused at once after removal', async () => {
  const seller = await registerSeller(srv);
  const [ali, bala] = [await registerUser(srv), await registerUser(srv)];
  const { stream } = await createShow(srv, seller);
  assert.equal((await invite(seller, stream.id, ali.user.username)).status, 201);
  expectError(await cohostGrant(ali, stream.id), 409, 'conflict'); // not live yet
  const live = await api(srv, 'POST', `/api/v1/streams/${stream.id}/live`, { token: seller.access_token });
  assert.equal(live.status, 200, live.text);
  expectError(await cohostGrant(ali, stream.id), 503, 'unavailable'); // admitted; no provider here
  expectError(await cohostGrant(null, stream.id), 401, 'unauthorized');
  expectError(await cohostGrant(bala, stream.id), 403, 'forbidden');
  expectError(await cohostGrant(seller, stream.id), 403, 'forbidden');
  assert.equal((await remove(seller, stream.id, ali.user.id)).status, 204);
  expectError(await cohostGrant(ali, stream.id), 403, 'forbidden');
});
