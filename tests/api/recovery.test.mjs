// Connection-state recovery never claims what it did not do (docs/realtime.md, "Offsets"):
// after a viewer switches shows, after it comes back to an older show, and with an offset the
// server never issued. Over WebSocket and over long-polling, with the official client; the
// drop is the client's transport closing (no Socket.IO DISCONNECT), as in socketio.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { io } from 'socket.io-client';
import { startServer, api, registerSeller, createShow } from './lib/harness.mjs';
import { stopAll, once as nextEvent } from './lib/live.mjs';

let srv;
const sockets = [];

before(async () => { srv = await startServer({ env: { BLYTZ_CHAT_RATE: '100000' } }); });
after(() => stopAll(sockets, srv));

const once = (emitter, event, ms = 10000) => nextEvent(emitter, event, ms);

async function show() {
  const seller = await registerSeller(srv);
  const id = (await createShow(srv, seller)).stream.id;
  const say = async (text) => {
    const c = await api(srv, 'POST', `/api/v1/streams/${id}/chat`, { token: seller.access_token, body: { text } });
    assert.equal(c.status, 201, c.text);
  };
  return { id, say };
}

// A viewer whose chat messages are recorded as "<stream>:<text>".
async function viewer(transports) {
  const s = io(srv.url, { transports, reconnectionDelay: 50, reconnectionDelayMax: 50, timeout: 10000 });
  sockets.push(s);
  if (!s.connected) await once(s, 'connect');
  const seen = [];
  s.on('chat:message', (m) => seen.push(m.text));
  const join = async (id) => {
    const r = await s.timeout(10000).emitWithAck('join:stream', { stream_id: id });
    assert.equal(r.ok, true, JSON.stringify(r));
  };
  // The transport drops, `meanwhile` runs, the client reconnects: whether it recovered.
  const away = async (meanwhile) => {
    await drop(s);
    await meanwhile();
    await reconnect(s);
    return s.recovered;
  };
  return { s, seen, join, away };
}

// Wait until `seen` has `n` entries (each event is awaited, not slept for).
async function heard(s, seen, n) {
  while (seen.length < n) await once(s, 'chat:message');
}

async function drop(s) {
  const gone = once(s, 'disconnect');
  s.io.reconnection(false);
  s.io.engine.close();
  await gone;
}

async function reconnect(s) {
  s.io.reconnection(true);
  s.connect();
  await once(s, 'connect');
}

for (const transports of [['websocket'], ['polling']]) {
  const t = transports[0];

  test(`after switching shows, recovery replays the new show's missed events (${t})`, async () => {
    const a = await show();
    const b = await show();
    const v = await viewer(transports);
    await v.join(a.id);
    await a.say('a1');
    await heard(v.s, v.seen, 1); // the client's offset is now one of show A's
    await v.join(b.id); // one show at a time: this leaves A
    const recovered = await v.away(async () => {
      await b.say('b1');
      await b.say('b2');
      await a.say('a2'); // A's room no longer has this viewer
    });
    assert.equal(recovered, true);
    assert.deepEqual(v.seen, ['a1', 'b1', 'b2']);
    await b.say('b3'); // and live events flow again
    await heard(v.s, v.seen, 4);
    assert.deepEqual(v.seen, ['a1', 'b1', 'b2', 'b3']);
    v.s.disconnect();
  });

  test(`recovery never replays what happened before the socket joined (young show to old, ${t})`, async () => {
    const old = await show();
    const young = await show();
    for (let i = 1; i <= 5; i++) await old.say(`old${i}`); // before the viewer is there
    const v = await viewer(transports);
    await v.join(young.id);
    await young.say('young1');
    await heard(v.s, v.seen, 1);
    await v.join(old.id); // the join answer is the state; old1..old5 are history
    assert.equal(await v.away(() => old.say('old6')), true);
    assert.deepEqual(v.seen, ['young1', 'old6']);
    v.s.disconnect();
  });

  test(`back in a show left earlier, only events since the return are replayed (${t})`, async () => {
    const a = await show();
    const b = await show();
    const v = await viewer(transports);
    await v.join(a.id);
    await a.say('a1');
    await heard(v.s, v.seen, 1);
    await v.join(b.id);
    await a.say('a2'); // while the viewer was in B
    await v.join(a.id);
    assert.equal(await v.away(() => a.say('a3')), true);
    assert.deepEqual(v.seen, ['a1', 'a3']);
    v.s.disconnect();
  });

  test(`an offset the server never issued is refused: a fresh session (${t})`, async () => {
    const a = await show();
    const v = await viewer(transports);
    await v.join(a.id);
    await a.say('a1');
    await heard(v.s, v.seen, 1);
    const id = v.s.id;
    const recovered = await v.away(async () => {
      await a.say('a2');
      v.s._lastOffset = '99999999'; // ahead of anything this node has sent
    });
    assert.equal(recovered, false);
    assert.notEqual(v.s.id, id);
    assert.deepEqual(v.seen, ['a1']); // nothing was claimed replayed: the app reloads over REST
    v.s.disconnect();
  });
}
