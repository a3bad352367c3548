// The show room keeps working past the access token its socket signed in with: the web
// app hands the socket a fresh token (`auth:refresh`) before the server would refuse the
// old one (docs/web.md "Real-time flow"), so a chat message sent after that token expired
// goes through on the first try. Short tokens (20 s, + the server's 5 s leeway) make the
// wait short; the wait itself asks the server, never sleeps a fixed time.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { api, registerSeller, registerUser, startServer } from '../api/lib/harness.mjs';
import { ensureWebBuilt, launch, liveShow, newContext, newPage, until } from './lib/web.mjs';

let srv;
let browser;

before(async () => {
  ensureWebBuilt();
  srv = await startServer({ env: { BLYTZ_ACCESS_TTL_S: '20' } });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

test('chat still works after the socket’s first token expired, renewed in place', { timeout: 120000 }, async () => {
  const seller = await registerSeller(srv);
  const { stream } = await liveShow(srv, seller);
  const buyer = await registerUser(srv);
  const ctx = await newContext(browser, srv, { session: buyer });
  const page = await newPage(ctx);
  // What the app sends on the socket: polling POST bodies (packets split on 0x1E), then
  // WebSocket frames after the upgrade.
  const frames = [];
  page.on('websocket', (ws) => ws.on('framesent', (f) => frames.push(String(f.payload))));
  const restChats = [];
  page.on('request', (r) => {
    if (r.method() !== 'POST') return;
    if (r.url().includes('/socket.io/')) frames.push(...(r.postData() ?? '').split('\x1e'));
    else if (r.url().includes('/chat')) restChats.push(r.url());
  });

  await page.goto(`/s/${stream.id}`);
  await until(page, 'the socket to join', () => document.querySelector('.room')?.dataset.phase === 'joined');
  const connect = frames.find((f) => f.startsWith('40'));
  assert.ok(connect, 'the Socket.IO CONNECT was seen');
  const first = JSON.parse(connect.slice(2)).token;
  assert.ok(first, 'the socket signed in');

  // Until the server refuses the token the socket connected with.
  const deadline = Date.now() + 90000;
  for (;;) {
    const r = await api(srv, 'GET', '/api/v1/users/me', { token: first });
    if (r.status === 401) {
      assert.equal(r.json.error.code, 'token_expired');
      break;
    }
    assert.ok(Date.now() < deadline, 'the first token should expire');
    await new Promise((r) => setTimeout(r, 250));
  }
  assert.ok(frames.some((f) => f.includes('"auth:refresh"')), 'the app renewed the socket before that');

  await page.fill('#chat-input', 'still here after the first token');
  await page.press('#chat-input', 'Enter');
  await page.locator('.chat-line .chat-text', { hasText: 'still here after the first token' }).waitFor();
  assert.equal(frames.filter((f) => f.includes('"chat:message"')).length, 1, 'sent once: no refusal to retry');
  assert.deepEqual(restChats, [], 'over the socket, not the REST fallback');
  const history = await api(srv, 'GET', `/api/v1/streams/${stream.id}/chat`);
  assert.equal(history.json.messages[0].user.id, buyer.user.id);
  assert.deepEqual(ctx.errors, []);
  await ctx.close();
});
