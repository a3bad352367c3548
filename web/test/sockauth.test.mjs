// Unit tests of the web app's socket sign-in renewal (src/realtime/sockauth.ts), with fake
// dependencies and a fake clock: no browser, no server. The TypeScript module is bundled
// with rolldown (the bundler Vite uses) into a temporary file and imported.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { importTs } from './lib/import-ts.mjs';

let SocketAuth;

before(async () => { ({ SocketAuth } = await importTs('src/realtime/sockauth.ts')); });

const MIN = 60_000;

/**
 * A world for one SocketAuth: tokens are strings "t<expiry ms>", the tab's token and what
 * REST refresh does are settable, `server` answers each emitted event, and timers run only
 * when the test advances the clock.
 */
function world({ tabToken, refreshTo = null, server }) {
  const w = {
    now: 1_000_000,
    tab: tabToken,
    emitted: [],
    refreshes: 0,
    reconnects: 0,
    timers: [],
  };
  const deps = {
    emit: async (event, payload) => {
      w.emitted.push([event, payload]);
      return server(event, payload, w);
    },
    token: async () => w.tab,
    refresh: async () => {
      w.refreshes++;
      if (!refreshTo) return false;
      w.tab = refreshTo(w);
      return true;
    },
    expiresAt: (t) => Number(t.slice(1)),
    reconnect: () => { w.reconnects++; },
    now: () => w.now,
    setTimer: (fn, ms) => {
      const t = { at: w.now + ms, fn, live: true };
      w.timers.push(t);
      return t;
    },
    clearTimer: (t) => { t.live = false; },
  };
  w.auth = new SocketAuth(deps);
  w.advance = async (ms) => {
    w.now += ms;
    for (const t of w.timers.filter((x) => x.live && x.at <= w.now)) {
      t.live = false;
      t.fn();
    }
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
  };
  w.pending = () => w.timers.filter((t) => t.live);
  return w;
}

const tok = (expiresAt) => `t${expiresAt}`;
const ok = (extra = {}) => ({ ok: true, ...extra });
const refused = (code) => ({ ok: false, error: { code, message: code } });
const granted = (event, payload) => (event === 'auth:refresh'
  ? ok({ expires_at: new Date(Number(payload.token.slice(1))).toISOString() })
  : ok());

test('renews before expiry, with the newer token the tab already holds', async () => {
  const start = 1_000_000;
  const w = world({ tabToken: tok(start + 15 * MIN), server: granted });
  w.auth.connected(tok(start + 15 * MIN));
  assert.equal(w.pending().length, 1);
  assert.equal(w.pending()[0].at, start + 14 * MIN, 'a minute early for a 15 min token');
  w.tab = tok(start + 20 * MIN); // REST rotated the pair meanwhile
  await w.advance(14 * MIN);
  assert.deepEqual(w.emitted, [['auth:refresh', { token: tok(start + 20 * MIN) }]]);
  assert.equal(w.refreshes, 0);
  assert.equal(w.pending().length, 1, 'the next renewal is planned from the new expiry');
  assert.equal(w.pending()[0].at, start + 19 * MIN);
});

test('rotates the pair first when the tab holds nothing newer', async () => {
  const exp = 1_000_000 + 15 * MIN;
  const w = world({ tabToken: tok(exp), refreshTo: (x) => tok(x.now + 15 * MIN), server: granted });
  w.auth.connected(tok(exp));
  await w.advance(14 * MIN);
  assert.equal(w.refreshes, 1);
  assert.deepEqual(w.emitted, [['auth:refresh', { token: tok(w.now + 15 * MIN) }]]);
  assert.equal(w.reconnects, 0);
});

test('short tokens are renewed early enough too', async () => {
  const w = world({ tabToken: tok(1_000_000 + 3000), server: granted });
  w.auth.connected(tok(1_000_000 + 3000));
  assert.equal(w.pending()[0].at, 1_000_000 + 1000, 'at least 2 s before expiry');
});

test('an action refused with token_expired renews and is sent once more', async () => {
  const exp = 1_000_000 + 15 * MIN;
  let chats = 0;
  const w = world({
    tabToken: tok(exp),
    refreshTo: (x) => tok(x.now + 15 * MIN),
    server: (event, payload) => {
      if (event !== 'chat:message') return granted(event, payload);
      return ++chats === 1 ? refused('token_expired') : ok({ message: { text: payload.text } });
    },
  });
  w.auth.connected(tok(exp));
  const ack = await w.auth.emit('chat:message', { stream_id: '1', text: 'hi' });
  assert.deepEqual(ack, { ok: true, message: { text: 'hi' } });
  assert.deepEqual(w.emitted.map(([e]) => e), ['chat:message', 'auth:refresh', 'chat:message']);
  assert.equal(w.refreshes, 1);
});

test('an action is sent at most twice', async () => {
  const w = world({
    tabToken: tok(1_000_000 + 15 * MIN),
    refreshTo: (x) => tok(x.now + 15 * MIN),
    server: (event, payload) => (event === 'auction:bid' ? refused('token_expired') : granted(event, payload)),
  });
  w.auth.connected(tok(1_000_000 + 15 * MIN));
  const ack = await w.auth.emit('auction:bid', { auction_id: '1', amount: 100 });
  assert.equal(ack.error.code, 'token_expired');
  assert.equal(w.emitted.filter(([e]) => e === 'auction:bid').length, 2);
});

test('a session that ended: no retry, and the socket reconnects (anonymously, once signed out)', async () => {
  const w = world({
    tabToken: tok(1_000_000 + 15 * MIN),
    refreshTo: null, // the refresh token died with the session
    server: (event) => (event === 'chat:message' ? refused('unauthorized') : ok()),
  });
  w.auth.connected(tok(1_000_000 + 15 * MIN));
  const ack = await w.auth.emit('chat:message', { stream_id: '1', text: 'x' });
  assert.equal(ack.error.code, 'unauthorized');
  assert.deepEqual(w.emitted.map(([e]) => e), ['chat:message'], 'nothing to present, nothing resent');
  assert.equal(w.refreshes, 1);
  assert.equal(w.reconnects, 1);
});

test('a refused auth:refresh (another user, or an ended session) reconnects', async () => {
  const w = world({
    tabToken: tok(1_000_000 + 30 * MIN), // e.g. another user signed in in another tab
    server: (event) => (event === 'auth:refresh' ? refused('forbidden') : refused('token_expired')),
  });
  w.auth.connected(tok(1_000_000 + 15 * MIN));
  const ack = await w.auth.emit('join:stream', { stream_id: '1' });
  assert.equal(ack.error.code, 'token_expired');
  assert.equal(w.reconnects, 1);
  assert.equal(w.emitted.filter(([e]) => e === 'join:stream').length, 1);
});

test('an anonymous socket never tries to renew', async () => {
  const w = world({ tabToken: null, server: () => refused('unauthorized') });
  w.auth.connected(null);
  assert.equal(w.pending().length, 0);
  const ack = await w.auth.emit('chat:message', { stream_id: '1', text: 'x' });
  assert.equal(ack.error.code, 'unauthorized');
  assert.equal(w.emitted.length, 1);
  assert.equal(w.reconnects + w.refreshes, 0);
});

test('refusals at once share one renewal', async () => {
  let round = 0;
  const w = world({
    tabToken: tok(1_000_000 + 15 * MIN),
    refreshTo: (x) => tok(x.now + 15 * MIN),
    server: (event, payload) => {
      if (event === 'auth:refresh') { round++; return granted(event, payload); }
      return round === 0 ? refused('token_expired') : ok();
    },
  });
  w.auth.connected(tok(1_000_000 + 15 * MIN));
  const acks = await Promise.all([
    w.auth.emit('chat:message', { text: 'a' }),
    w.auth.emit('auction:bid', { amount: 1 }),
  ]);
  assert.ok(acks.every((a) => a.ok));
  assert.equal(w.emitted.filter(([e]) => e === 'auth:refresh').length, 1);
  assert.equal(w.refreshes, 1, 'a refresh token is single-use: one rotation');
});

test('a disconnect cancels the planned renewal', async () => {
  const w = world({ tabToken: tok(1_000_000 + 15 * MIN), server: granted });
  w.auth.connected(tok(1_000_000 + 15 * MIN));
  w.auth.disconnected();
  assert.equal(w.pending().length, 0);
  await w.advance(20 * MIN);
  assert.equal(w.emitted.length, 0);
});
