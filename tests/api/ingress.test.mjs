// Streaming from OBS: POST/GET/DELETE /api/v1/streams/{id}/ingress (app/video_ingress.h,
// docs/video.md "OBS and WHIP"). With LiveKit, against the local stand-in of its server API
// (tests/integration/livekit_fake.mjs, which checks every call's token with livekit-server-sdk
// and its body with @livekit/protocol): the whole life of an endpoint through the outbox.
// With the embedded Janus (scripts/test.sh starts one): refused up front, 501 unsupported.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, api, registerUser, registerSeller, createShow } from './lib/harness.mjs';
import { FakeLiveKit } from '../integration/livekit_fake.mjs';

const KEY = 'APIblytztest';
const SECRET = 'a-livekit-secret-of-at-least-32-chars!!';
let fake, lk, janus;

before(async () => {
  fake = await new FakeLiveKit({ apiKey: KEY, apiSecret: SECRET }).start();
  lk = await startServer({ env: { BLYTZ_VIDEO: 'livekit', LIVEKIT_URL: fake.wsUrl, LIVEKIT_API_KEY: KEY, LIVEKIT_API_SECRET: SECRET } });
  const vars = ['JANUS_URL', 'JANUS_ADMIN_KEY', 'JANUS_TOKEN_SECRET', 'JANUS_REC_DIR'];
  const missing = vars.filter((k) => !process.env[k]);
  if (missing.length) throw new Error(`${missing.join(', ')} unset: run through scripts/test.sh, or source scripts/services.sh and svc_janus_start`);
  janus = await startServer({ env: { BLYTZ_VIDEO: 'janus', ...Object.fromEntries(vars.map((k) => [k, process.env[k]])) } });
});
after(async () => {
  await lk?.stop();
  await janus?.stop();
  await fake?.stop();
});

const ingress = (srv, method, id, who) => api(srv, method, `/api/v1/streams/${id}/ingress`, { token: who?.access_token });

/** Poll until `check()` returns something truthy: the outbox worker runs beside the request. */
async function until(what, check, tries = 200) {
  for (let i = 0; i < tries; i++) {
    const v = await check();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`never happened: ${what}`);
}

const callsOf = (method) => fake.calls.filter((c) => c.method === method);

async function readyIngress(srv, id, seller) {
  return until('the endpoint is ready', async () => {
    const r = await ingress(srv, 'GET', id, seller);
    assert.equal(r.status, 200, r.text);
    return r.json.ingress.state === 'ready' && r.json.ingress;
  });
}

test('LiveKit: asked for → 202 pending → the worker creates it → the seller reads URL and key → the end of the show deletes it', async () => {
  const seller = await registerSeller(lk);
  const { stream } = await createShow(lk, seller); // scheduled: OBS is set up before going live
  let r = await ingress(lk, 'POST', stream.id, seller);
  assert.equal(r.status, 202, r.text);
  assert.equal(r.json.ingress.state, 'pending');
  assert.equal(r.json.ingress.stream_id, stream.id);
  assert.equal(r.json.ingress.url, null);
  assert.equal(r.json.ingress.stream_key, null);
  assert.equal(r.headers.get('cache-control'), 'no-store');

  const ing = await readyIngress(lk, stream.id, seller);
  const [create] = callsOf('Ingress.CreateIngress');
  assert.ok(create, 'the worker called CreateIngress');
  assert.equal(create.body.input_type, 'WHIP_INPUT');
  assert.equal(create.body.room_name, `show-${stream.id}`);
  assert.equal(create.body.participant_identity, `obs-u${seller.user.id}`);
  const made = [...fake.ingresses.values()].find((i) => i.roomName === `show-${stream.id}`);
  assert.equal(ing.url, made.url);
  assert.equal(ing.stream_key, made.streamKey);
  assert.equal(ing.whip, true);
  assert.equal(ing.error, null);

  r = await ingress(lk, 'GET', stream.id, seller);
  assert.equal(r.headers.get('cache-control'), 'no-store');
  r = await ingress(lk, 'POST', stream.id, seller); // asking again: the same endpoint
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.ingress.stream_key, made.streamKey);
  assert.equal(callsOf('Ingress.CreateIngress').length, 1);

  r = await api(lk, 'POST', `/api/v1/streams/${stream.id}/live`, { token: seller.access_token });
  assert.equal(r.status, 200, r.text);
  r = await api(lk, 'POST', `/api/v1/streams/${stream.id}/end`, { token: seller.access_token });
  assert.equal(r.status, 200, r.text);
  const del = await until('the worker called DeleteIngress', () => callsOf('Ingress.DeleteIngress')[0]);
  assert.equal(del.body.ingress_id, made.ingressId);
  assert.equal(fake.ingresses.has(made.ingressId), false);
  r = await ingress(lk, 'GET', stream.id, seller);
  assert.equal(r.status, 404, r.text);
  r = await ingress(lk, 'POST', stream.id, seller);
  assert.equal(r.status, 409, r.text);
  assert.deepEqual(fake.rejected, []);
  assert.ok(!lk.logs().includes(made.streamKey), 'the stream key is never logged');
});

test('LiveKit: only the seller reads or drops it; dropping deletes it at the provider', async () => {
  const seller = await registerSeller(lk);
  const buyer = await registerUser(lk);
  const other = await registerSeller(lk);
  const { stream } = await createShow(lk, seller, { live: true });
  let r = await ingress(lk, 'POST', stream.id);
  assert.equal(r.status, 401, r.text);
  for (const who of [buyer, other]) {
    for (const method of ['POST', 'GET', 'DELETE']) {
      r = await ingress(lk, method, stream.id, who);
      assert.equal(r.status, 403, `${method}: ${r.text}`);
      assert.equal(r.json.error.code, 'forbidden');
    }
  }
  r = await ingress(lk, 'GET', stream.id, seller);
  assert.equal(r.status, 404, r.text);
  r = await ingress(lk, 'POST', '999999999', seller);
  assert.equal(r.status, 404, r.text);
  r = await ingress(lk, 'POST', stream.id, seller);
  assert.equal(r.status, 202, r.text);
  const ing = await readyIngress(lk, stream.id, seller);
  const made = [...fake.ingresses.values()].find((i) => i.streamKey === ing.stream_key);
  assert.ok(made);
  r = await ingress(lk, 'DELETE', stream.id, seller);
  assert.equal(r.status, 204, r.text);
  await until('the worker deleted it', () => !fake.ingresses.has(made.ingressId));
  r = await ingress(lk, 'DELETE', stream.id, seller); // again: nothing left, still fine
  assert.equal(r.status, 204, r.text);
  r = await ingress(lk, 'GET', stream.id, seller);
  assert.equal(r.status, 404, r.text);
  assert.deepEqual(fake.rejected, []);
});

test('LiveKit: a provider that refuses is shown as failed, and asking again starts over', async () => {
  const seller = await registerSeller(lk);
  const { stream } = await createShow(lk, seller, { live: true });
  await until('the room was opened', () => callsOf('RoomService.CreateRoom').some((c) => c.body.name === `show-${stream.id}`));
  fake.failNext = { status: 400, code: 'invalid_argument' };
  let r = await ingress(lk, 'POST', stream.id, seller);
  assert.equal(r.status, 202, r.text);
  const failed = await until('the endpoint failed', async () => {
    const g = await ingress(lk, 'GET', stream.id, seller);
    return g.json.ingress.state === 'failed' && g.json.ingress;
  });
  assert.equal(failed.url, null);
  assert.equal(failed.stream_key, null);
  assert.match(failed.error, /refused/);
  r = await ingress(lk, 'POST', stream.id, seller);
  assert.equal(r.status, 202, r.text);
  assert.equal(r.json.ingress.error, null);
  await readyIngress(lk, stream.id, seller);
});

test('Janus: refused up front with 501 unsupported, saying that it needs LiveKit', async () => {
  const seller = await registerSeller(janus);
  const buyer = await registerUser(janus);
  const { stream } = await createShow(janus, seller, { live: true });
  for (const method of ['POST', 'GET']) {
    const r = await ingress(janus, method, stream.id, seller);
    assert.equal(r.status, 501, r.text);
    assert.equal(r.json.error.code, 'unsupported');
    assert.match(r.json.error.message, /LiveKit/);
  }
  let r = await ingress(janus, 'POST', stream.id, buyer); // who may ask comes first
  assert.equal(r.status, 403, r.text);
  r = await ingress(janus, 'DELETE', stream.id, seller);
  assert.equal(r.status, 204, r.text);
});
