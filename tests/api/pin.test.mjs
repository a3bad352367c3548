// A pinned chat message: the seller or a moderator pins one message of the show's chat above
// it (PUT /streams/{id}/chat/pin) and unpins it (DELETE); everyone reads it in the chat
// settings, the room hears chat:pinned, and a message deleted later stops being shown.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { io } from 'socket.io-client';
import { startServer, api, registerUser, registerSeller, createShow } from './lib/harness.mjs';
import { once } from './lib/live.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

const say = (who, stream, text) => api(srv, 'POST', `/api/v1/streams/${stream.id}/chat`, { token: who.access_token, body: { text } });
const pin = (who, stream, messageId) => api(srv, 'PUT', `/api/v1/streams/${stream.id}/chat/pin`, { token: who?.access_token, body: { message_id: messageId } });
const unpin = (who, stream) => api(srv, 'DELETE', `/api/v1/streams/${stream.id}/chat/pin`, { token: who?.access_token });
const settings = async (stream) => (await api(srv, 'GET', `/api/v1/streams/${stream.id}/chat/settings`)).json.settings;

test('the seller pins and unpins; the room hears it; only staff may', async () => {
  const seller = await registerSeller(srv);
  const buyer = await registerUser(srv);
  const { stream } = await createShow(srv, seller, { live: true });
  const { stream: other } = await createShow(srv, seller, { live: true, title: 'Another show' });
  const msg = (await say(seller, stream, 'Free postage for every lot tonight!')).json.message;
  const elsewhere = (await say(seller, other, 'Other room')).json.message;
  assert.equal((await settings(stream)).pinned, null);

  const s = io(srv.url, { transports: ['websocket'], timeout: 10000 });
  try {
    await once(s, 'connect');
    assert.equal((await s.timeout(10000).emitWithAck('join:stream', { stream_id: stream.id })).ok, true);
    const heard = once(s, 'chat:pinned');
    const r = await pin(seller, stream, msg.id);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.settings.pinned.id, msg.id);
    assert.equal(r.json.settings.pinned.text, 'Free postage for every lot tonight!');
    assert.equal((await heard)[0].message.id, msg.id);
    assert.equal((await settings(stream)).pinned.id, msg.id);
    assert.equal((await settings(stream)).slow_mode_s, 0);

    assert.equal((await pin(buyer, stream, msg.id)).status, 403, 'a viewer may not pin');
    assert.equal((await pin(null, stream, msg.id)).status, 401);
    assert.equal((await pin(seller, stream, elsewhere.id)).status, 404, 'only a message of this show');
    assert.equal((await pin(seller, stream, '999999999')).status, 404);
    const bad = await pin(seller, stream, 'abc');
    assert.equal(bad.status, 422);
    assert.equal(bad.json.error.details.field, 'message_id');
    assert.equal((await unpin(buyer, stream)).status, 403);
    assert.equal((await settings(stream)).pinned.id, msg.id, 'refusals change nothing');

    const gone = once(s, 'chat:pinned');
    const off = await unpin(seller, stream);
    assert.equal(off.status, 200, off.text);
    assert.equal(off.json.settings.pinned, null);
    assert.equal((await gone)[0].message, null);
  } finally {
    s.close();
  }
});

test('a moderator pins too, and a pinned message deleted later stops showing', async () => {
  const seller = await registerSeller(srv);
  const mod = await registerUser(srv);
  const talker = await registerUser(srv);
  await api(srv, 'POST', `/api/v1/sellers/me/moderators/${mod.user.id}`, { token: seller.access_token });
  const { stream } = await createShow(srv, seller, { live: true });
  const msg = (await say(talker, stream, 'Boleh COD di KL?')).json.message;
  assert.equal((await pin(mod, stream, msg.id)).status, 200);
  assert.equal((await settings(stream)).pinned.user.id, talker.user.id);
  assert.equal((await api(srv, 'DELETE', `/api/v1/streams/${stream.id}/chat/${msg.id}`, { token: talker.access_token })).status, 204);
  assert.equal((await settings(stream)).pinned, null);
  assert.equal((await pin(seller, stream, msg.id)).status, 404, 'a deleted message cannot be pinned');
});
