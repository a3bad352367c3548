// Video grants with the embedded default, a real Janus (scripts/test.sh starts one on
// loopback and exports JANUS_*): what the server hands the browser is what Janus accepts.
// The media itself is the browser suite's (tests/e2e/video.test.mjs, in a namespace).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, registerUser, registerSeller, createShow } from './lib/harness.mjs';

const JANUS = ['JANUS_URL', 'JANUS_ADMIN_KEY', 'JANUS_TOKEN_SECRET', 'JANUS_REC_DIR'];
let srv;
before(async () => {
  const missing = JANUS.filter((k) => !process.env[k]);
  if (missing.length) throw new Error(`${missing.join(', ')} unset: run through scripts/test.sh, or source scripts/services.sh and svc_janus_start`);
  srv = await startServer({ env: { BLYTZ_VIDEO: 'janus', ...Object.fromEntries(JANUS.map((k) => [k, process.env[k]])) } });
});
after(async () => { await srv?.stop(); });

const grant = async (id, role, who) => {
  const r = await api(srv, 'POST', `/api/v1/streams/${id}/video/token`, { token: who?.access_token, body: { role } });
  assert.equal(r.status, 200, r.text);
  return r.json.video;
};

// One Janus API call with the grant's token, as the browser makes it.
async function janus(g, path, body) {
  const res = await fetch(g.url + path, { method: 'POST', body: JSON.stringify({ ...body, transaction: 't' + Math.random(), token: g.token }) });
  assert.equal(res.status, 200);
  return res.json();
}

test('a viewer grant: Janus accepts its token, it carries no publish key, it lasts minutes', async () => {
  const seller = await registerSeller(srv);
  const { stream } = await createShow(srv, seller, { live: true });
  const g = await grant(stream.id, 'viewer');
  assert.equal(g.provider, 'janus');
  assert.equal(g.url, process.env.JANUS_URL);
  assert.equal(g.room, stream.id);
  assert.equal(g.role, 'viewer');
  assert.match(g.identity, /^v[0-9a-f]{16}$/);
  assert.equal(g.publish_key, undefined);
  const ttl = Date.parse(g.expires_at) - Date.now();
  assert.ok(ttl > 5 * 60e3 && ttl <= 10 * 60e3 + 5e3, `expires in ${ttl} ms`);
  const created = await janus(g, '', { janus: 'create' });
  assert.equal(created.janus, 'success', JSON.stringify(created));
  await janus(g, `/${created.data.id}`, { janus: 'destroy' });
  const forged = await janus({ ...g, token: g.token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')) }, '', { janus: 'create' });
  assert.equal(forged.janus, 'error');
});

test('a publisher grant names the seller and carries the room key', async () => {
  const seller = await registerSeller(srv);
  const buyer = await registerUser(srv);
  const { stream } = await createShow(srv, seller, { live: true });
  const g = await grant(stream.id, 'publisher', seller);
  assert.equal(g.role, 'publisher');
  assert.equal(g.identity, `u${seller.user.id}`);
  assert.match(g.publish_key, /^pk[0-9a-f]+$/);
  const v = await grant(stream.id, 'viewer', buyer);
  assert.match(v.identity, new RegExp(`^u${buyer.user.id}-v[0-9a-f]{16}$`), 'a viewer session of its own');
  const again = await grant(stream.id, 'viewer', seller);
  assert.notEqual(again.identity, g.identity, 'the seller watching is not their camera');
  assert.equal(v.publish_key, undefined);
});

// Does Janus have show `id`'s room? Asked as a browser would, with a viewer grant's token.
async function roomExists(g, id) {
  const s = await janus(g, '', { janus: 'create' });
  const h = await janus(g, `/${s.data.id}`, { janus: 'attach', plugin: 'janus.plugin.videoroom' });
  const r = await janus(g, `/${s.data.id}/${h.data.id}`, { janus: 'message', body: { request: 'exists', room: String(id) } });
  await janus(g, `/${s.data.id}`, { janus: 'destroy' });
  return r.plugindata.data.exists === true;
}

async function until(what, check, ms = 10000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('the room opens when the show goes live and closes when it ends (through the outbox)', async () => {
  const seller = await registerSeller(srv);
  const { stream } = await createShow(srv, seller);
  const live = await api(srv, 'POST', `/api/v1/streams/${stream.id}/live`, { token: seller.access_token });
  assert.equal(live.status, 200, live.text);
  const g = await grant(stream.id, 'viewer');
  await until('the room opens', () => roomExists(g, stream.id)).catch((e) => { throw new Error(`${e.message}\n${srv.logs().slice(-3000)}`); });
  const end = await api(srv, 'POST', `/api/v1/streams/${stream.id}/end`, { token: seller.access_token });
  assert.equal(end.status, 200, end.text);
  await until('the room closes', async () => !(await roomExists(g, stream.id)));
});
