// Co-hosts with the embedded default, a real Janus (scripts/test.sh starts one on loopback and
// exports JANUS_*): a co-host's publish key joins the show's room only once the invitation's
// outbox job (video.publisher_allow) has run, and a removal (video.publisher_revoke) kicks them
// and keeps the key out. Janus is asked directly, as a browser would ask it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { startServer, api, registerUser, registerSeller, createShow } from './lib/harness.mjs';

const JANUS = ['JANUS_URL', 'JANUS_ADMIN_KEY', 'JANUS_TOKEN_SECRET', 'JANUS_REC_DIR'];
let srv;
before(async () => {
  const missing = JANUS.filter((k) => !process.env[k]);
  if (missing.length) throw new Error(`${missing.join(', ')} unset: run through scripts/test.sh, or source scripts/services.sh and svc_janus_start`);
  srv = await startServer({ env: { BLYTZ_VIDEO: 'janus', BLYTZ_RATE_VIDEO_BURST: '1000', ...Object.fromEntries(JANUS.map((k) => [k, process.env[k]])) } });
});
after(async () => { await srv?.stop(); });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function grant(id, role, who) {
  const r = await api(srv, 'POST', `/api/v1/streams/${id}/video/token`, { token: who?.access_token, body: { role } });
  assert.equal(r.status, 200, r.text);
  return r.json.video;
}

/** The publish key of `identity` in `room`, derived as docs/video.md says, independently. */
const publishKey = (room, identity) =>
  'pk' + createHmac('sha256', process.env.JANUS_TOKEN_SECRET).update(`blytz janus publish key\n${room}\n${identity}`).digest('hex');

/** A Janus session with the VideoRoom attached, on grant `g`'s token. */
async function videoroom(g) {
  const post = async (path, body) => {
    const res = await fetch(g.url + path, { method: 'POST', body: JSON.stringify({ ...body, transaction: 't' + Math.random(), token: g.token }) });
    assert.equal(res.status, 200);
    return res.json();
  };
  const s = (await post('', { janus: 'create' })).data.id;
  const h = (await post(`/${s}`, { janus: 'attach', plugin: 'janus.plugin.videoroom' })).data.id;
  return {
    /** A synchronous request's answer. */
    async ask(body) {
      return (await post(`/${s}/${h}`, { janus: 'message', body })).plugindata.data;
    },
    /** A publisher join (asynchronous): its event's data. */
    async join(display, key) {
      const ack = await post(`/${s}/${h}`, { janus: 'message', body: { request: 'join', ptype: 'publisher', room: g.room, display, token: key } });
      assert.equal(ack.janus, 'ack', JSON.stringify(ack));
      for (let i = 0; i < 20; i++) {
        const res = await fetch(`${g.url}/${s}?maxev=1&token=${encodeURIComponent(g.token)}`);
        const [e] = [].concat(await res.json());
        if (e?.plugindata) return e.plugindata.data;
      }
      throw new Error('no answer to the join');
    },
    destroy: () => post(`/${s}`, { janus: 'destroy' }),
  };
}

async function until(what, check, ms = 10000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms\n${srv.logs().split("\n").filter((l) => !l.includes("\"access\"")).join("\n").slice(-3000)}`);
    await sleep(100);
  }
}

test('a co-host publishes only once the invitation reached Janus, and not after removal', async () => {
  const seller = await registerSeller(srv);
  const ali = await registerUser(srv);
  const { stream } = await createShow(srv, seller, { live: true });
  const watcher = await videoroom(await grant(stream.id, 'viewer'));
  const identity = `u${ali.user.id}`;
  const key = publishKey(stream.id, identity);
  try {
    await until('the room opens', async () => (await watcher.ask({ request: 'exists', room: stream.id })).exists);
    // Not invited: no grant, and the key (derived here) is not in the room's ACL.
    const early = await videoroom(await grant(stream.id, 'viewer', ali));
    assert.equal((await early.join(identity, key)).error_code, 433, 'a key before the invitation');
    await early.destroy();

    const inv = await api(srv, 'POST', `/api/v1/streams/${stream.id}/cohosts`, { token: seller.access_token, body: { username: ali.user.username } });
    assert.equal(inv.status, 201, inv.text);
    const g = await grant(stream.id, 'cohost', ali);
    assert.equal(g.role, 'cohost');
    assert.equal(g.identity, identity);
    assert.equal(g.publish_key, key, 'the key the grant carries is the one the ACL learns');
    // The outbox job adds the key to the ACL: the join succeeds once it has run.
    const joined = await until('the co-host joins', async () => {
      const s = await videoroom(g);
      const a = await s.join(identity, g.publish_key);
      if (a.videoroom === 'joined') return s;
      assert.equal(a.error_code, 433, JSON.stringify(a));
      await s.destroy();
      return null;
    });
    const inRoom = async () => ((await watcher.ask({ request: 'listparticipants', room: stream.id })).participants ?? []).some((p) => p.display === identity);
    assert.ok(await inRoom());

    // Removed: no grant from now on; the revocation kicks them and takes the key away.
    const rm = await api(srv, 'DELETE', `/api/v1/streams/${stream.id}/cohosts/${ali.user.id}`, { token: seller.access_token });
    assert.equal(rm.status, 204, rm.text);
    const refused = await api(srv, 'POST', `/api/v1/streams/${stream.id}/video/token`, { token: ali.access_token, body: { role: 'cohost' } });
    assert.equal(refused.status, 403, refused.text);
    await until('the co-host is kicked', async () => !(await inRoom()));
    const again = await videoroom(g); // the grant minted before: its key no longer opens the room
    assert.equal((await again.join(identity, g.publish_key)).error_code, 433, 'a removed co-host cannot come back');
    await again.destroy();
    await joined.destroy();

    assert.doesNotMatch(srv.logs(), /outbox: video\.publisher_\w+ \d+ parked/, 'no row was parked');
  } finally {
    await watcher.destroy();
  }
});

test('co-hosts invited before the show goes live may publish once it is live', async () => {
  const seller = await registerSeller(srv);
  const bala = await registerUser(srv);
  const { stream } = await createShow(srv, seller);
  const inv = await api(srv, 'POST', `/api/v1/streams/${stream.id}/cohosts`, { token: seller.access_token, body: { username: bala.user.username } });
  assert.equal(inv.status, 201, inv.text);
  const live = await api(srv, 'POST', `/api/v1/streams/${stream.id}/live`, { token: seller.access_token });
  assert.equal(live.status, 200, live.text);
  const g = await grant(stream.id, 'cohost', bala);
  const s = await until('the co-host joins', async () => {
    const v = await videoroom(g);
    const a = await v.join(g.identity, g.publish_key);
    if (a.videoroom === 'joined') return v;
    await v.destroy();
    return null;
  });
  await s.destroy();
});
