// LiveKit in the browser (src/video/livekit.ts) against a stand-in Room that keeps LiveKit's
// rule: an identity is in a room once, and a second connection with it pushes the first out.
// A seller's camera and shared screen are one identity (u<id>: the stage, a kick and the
// co-host rules name it), so they must share one connection; the seller's page watching the
// stage has a viewer identity of its own (the server's grant) and a connection of its own.
import { test, before, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { importTs } from './lib/import-ts.mjs';

let m;
before(async () => {
  globalThis.__livekitClient = await import('livekit-client'); /* the stand-in's constants */
  m = await importTs('src/video/livekit.ts', {
    alias: { 'livekit-client': fileURLToPath(new URL('./lib/livekit-room.mjs', import.meta.url)) },
  });
});
let sessions = [];
beforeEach(() => {
  globalThis.__livekit = { connections: [], present: new Map() };
});
afterEach(async () => { /* a failed case leaves no session retrying */
  await Promise.all(sessions.map((s) => s.close()));
  sessions = [];
});
const publish = (...args) => { const s = m.livekit.publish(...args); sessions.push(s); return s; };
const watch = (...args) => { const s = m.livekit.watch(...args); sessions.push(s); return s; };

const world = () => globalThis.__livekit;
const grant = (identity, role = 'publisher') => ({
  provider: 'livekit', url: 'wss://livekit.test', room: 'show-7', identity, role, expires_at: '',
  token: JSON.stringify({ room: 'show-7', identity }),
});
const grants = (identity, role) => async () => grant(identity, role);
const track = (kind) => ({ kind, stopped: false, stop() { this.stopped = true; } });
const media = (...kinds) => {
  const tracks = kinds.map(track);
  return { getTracks: () => tracks };
};
async function until(what, ok) {
  for (let i = 0; i < 300; i++) {
    if (ok()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  assert.fail(`never: ${what}`);
}
const live = () => world().connections.filter((c) => c.state === 'connected');
const sources = (c) => c.published.map((p) => p.source).sort();

test('a camera and a shared screen of one identity are two sets of tracks on one connection', async () => {
  const camera = publish(grants('u1'), media('video', 'audio'), 'camera');
  const screen = publish(grants('u1'), media('video'), 'screen');
  await until('both publishing', () => camera.state === 'playing' && screen.state === 'playing');
  assert.equal(world().connections.length, 1, 'one connection for the identity');
  const [c] = world().connections;
  assert.equal(c.identity, 'u1');
  assert.equal(c.connectOptions.autoSubscribe, false, 'a publisher subscribes to nothing');
  assert.deepEqual(sources(c), ['camera', 'microphone', 'screen_share']);

  await screen.close();
  assert.equal(c.state, 'connected', 'the camera keeps the connection');
  assert.deepEqual(sources(c), ['camera', 'microphone']);
  assert.equal(camera.state, 'playing');
  await camera.close();
  assert.equal(c.state, 'disconnected', 'the last one out closes it');
  assert.equal(c.reason, 1 /* CLIENT_INITIATED */);
  assert.deepEqual(world().connections.map((x) => x.reason), [1], 'nobody was pushed out');
});

test('the seller watching the stage beside the camera: two identities, neither pushes the other out', async () => {
  const camera = publish(grants('u1'), media('video', 'audio'), 'camera');
  const watching = watch(grants('u1-v00112233aabbccdd', 'viewer'), ['u1']);
  await until('both connected', () => camera.state === 'playing' && live().length === 2);
  const viewer = world().connections.find((c) => c.identity.startsWith('u1-v'));
  assert.equal(viewer.connectOptions.autoSubscribe, true, 'a viewer subscribes');
  assert.equal(watching.state, 'waiting', 'nothing on stage to watch in the stand-in');
  await watching.close();
  await camera.close();
  assert.deepEqual(world().connections.map((c) => c.reason), [1, 1]);
});

test('the shared connection dropped by the server: camera and screen come back on one new connection', async () => {
  const camera = publish(grants('u1'), media('video', 'audio'), 'camera');
  const screen = publish(grants('u1'), media('video'), 'screen');
  await until('both publishing', () => camera.state === 'playing' && screen.state === 'playing');
  world().connections[0].drop(3 /* SERVER_SHUTDOWN */);
  await until('back on a new connection', () => live().length === 1 && sources(live()[0]).length === 3);
  assert.equal(world().connections.length, 2, 'one new connection, not one each');
  assert.deepEqual(sources(live()[0]), ['camera', 'microphone', 'screen_share']);
  await camera.close();
  await screen.close();
  assert.equal(live().length, 0);
  assert.ok(world().connections.every((c) => c.reason !== 2 /* DUPLICATE_IDENTITY */));
});

test('the stand-in keeps LiveKit\'s rule: a second connection of one identity pushes the first out', async () => {
  const a = watch(grants('u1', 'viewer'), []);
  await until('a connected', () => live().length === 1);
  const b = watch(grants('u1', 'viewer'), []);
  await until('a pushed out', () => world().connections[0].reason === 2 /* DUPLICATE_IDENTITY */);
  await a.close();
  await b.close();
});
