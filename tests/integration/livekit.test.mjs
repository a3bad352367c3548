// The LiveKit adapter (src/integrations/livekit) at its boundary. No LiveKit
// server can run here, so its official packages judge what the adapter does:
// - grants: livekit-server-sdk's TokenVerifier accepts our tokens, whose claims
//   and grants must be exactly those of the role;
// - webhooks: produced the SDK's way (an AccessToken without identity whose
//   sha256 claim is the body's hash, sent bare), accepted by our verifier;
//   tampered, expired, wrongly signed, "Bearer "-prefixed or missing ones refused;
// - server API: every Twirp call goes to a local fake (livekit_fake.mjs) that
//   verifies its token with TokenVerifier, checks the grant per call and
//   decodes the body strictly with @livekit/protocol, and answers as LiveKit.
// The C side is tests/integration/livekit_drive (one op per run, JSON out).
//
// Run: node --test tests/integration/livekit.test.mjs  (BLYTZ_BUILD_DIR, default build/asan)
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { AccessToken, TokenVerifier, WebhookReceiver } from 'livekit-server-sdk';
// The protocol's WebhookEvent (what LiveKit's server serialises): the SDK's subclass resets
// `event` to "" in its constructor, so it cannot be built from fields in one step.
import {
  EgressInfo,
  EgressStatus,
  IngressInfo,
  IngressState,
  IngressState_Status,
  ParticipantInfo,
  Room,
  WebhookEvent,
} from '@livekit/protocol';
import { FakeLiveKit, finishEgress } from './livekit_fake.mjs';
import { runJson, driverPath } from './run_json.mjs';

const program = driverPath('livekit_drive');

const API_KEY = 'APIblytzTest1';
const API_SECRET = 'secret-for-tests-only-0123456789abcdefghijklmnop';
let fake;

const drive = (args, { env = {}, stdin = '' } = {}) =>
  runJson(program, args, {
    env: {
      LIVEKIT_URL: fake.wsUrl,
      LIVEKIT_API_KEY: API_KEY,
      LIVEKIT_API_SECRET: API_SECRET,
      LIVEKIT_EGRESS_ENDPOINT: 'https://acct.r2.cloudflarestorage.com',
      LIVEKIT_EGRESS_BUCKET: 'blytz-media',
      LIVEKIT_EGRESS_ACCESS_KEY: 'AKIDTEST',
      LIVEKIT_EGRESS_SECRET: 'r2-secret',
      LIVEKIT_EGRESS_PREFIX: 'replays/',
      ...env,
    },
    stdin,
    timeoutMs: 20000,
  });

before(async () => {
  fake = await new FakeLiveKit({ apiKey: API_KEY, apiSecret: API_SECRET }).start();
});
after(() => fake.stop());
beforeEach(() => fake.reset());

const b64 = (data) => createHash('sha256').update(data).digest('base64');
const decodePart = (part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));

// ---- grants ------------------------------------------------------------------------------

const NOW = Date.now();
const PUBLISH_SOURCES = ['camera', 'microphone', 'screen_share', 'screen_share_audio'];

for (const role of ['publisher', 'cohost', 'viewer']) {
  test(`a ${role} grant is accepted by TokenVerifier with exactly the role's claims`, async () => {
    const r = await drive(['grant', 42, role, 'u7', 'Siti "Shop"', 900, NOW]);
    assert.equal(r.rc, 'ok');
    const g = r.grant;
    assert.deepEqual(
      { ...g, token: undefined },
      {
        provider: 'livekit',
        url: fake.wsUrl,
        token: undefined,
        room: 'show-42',
        identity: 'u7',
        role,
        expires_at: (Math.floor(NOW / 1000) + 900) * 1000,
        publish_key: '',
      },
    );
    assert.deepEqual(decodePart(g.token.split('.')[0]), { alg: 'HS256' });
    const claims = await new TokenVerifier(API_KEY, API_SECRET).verify(g.token);
    const publishes = role !== 'viewer';
    assert.deepEqual(claims, {
      iss: API_KEY,
      sub: 'u7',
      name: 'Siti "Shop"',
      nbf: Math.floor(NOW / 1000),
      exp: Math.floor(NOW / 1000) + 900,
      metadata: JSON.stringify({ role }),
      video: {
        roomJoin: true,
        room: 'show-42',
        canSubscribe: true,
        canPublish: publishes,
        canPublishData: publishes,
        ...(publishes ? { canPublishSources: PUBLISH_SOURCES } : {}),
      },
    });
    await assert.rejects(new TokenVerifier(API_KEY, 'another-secret').verify(g.token));
    await assert.rejects(new TokenVerifier('APIother', API_SECRET).verify(g.token));
  });
}

test('an expired grant is refused by TokenVerifier', async () => {
  const r = await drive(['grant', 42, 'viewer', 'v1', '', 60, NOW - 3600 * 1000]);
  assert.equal(r.rc, 'ok');
  await assert.rejects(new TokenVerifier(API_KEY, API_SECRET).verify(r.grant.token), /exp/);
});

test('grant requests out of range are refused', async () => {
  assert.equal((await drive(['grant', 0, 'viewer', 'v1', '', 60, NOW])).rc, 'validation_failed');
  assert.equal((await drive(['grant', 42, 'viewer', '', '', 60, NOW])).rc, 'validation_failed');
  assert.equal((await drive(['grant', 42, 'viewer', 'v1', '', 0, NOW])).rc, 'validation_failed');
  assert.equal((await drive(['grant', 42, 'viewer', 'x'.repeat(96), '', 60, NOW])).rc, 'validation_failed');
});

// ---- webhooks ----------------------------------------------------------------------------

async function sign(body, { secret = API_SECRET, key = API_KEY, ttl = '5m' } = {}) {
  const at = new AccessToken(key, secret, { ttl });
  at.sha256 = b64(body);
  return at.toJwt();
}

const webhook = (body, auth, now = Date.now()) => drive(['webhook', now, auth ?? '-'], { stdin: body });

test('the reference vector: sha256 claim of the sample body', async () => {
  const body = '{"event":"room_started","room":{"name":"auction-7"}}';
  assert.equal(b64(body), 'To0DIpmvSijq3fwT60YGxWR2Ipgl69phab+WR5wvYi0=');
  const r = await webhook(body, await sign(body));
  assert.equal(r.rc, 'ok');
  assert.deepEqual(r.event, {
    kind: 'room_started', id: '', stream_id: 0, identity: '', recording_id: '', file_key: '', failed: false, at: 0,
  });
});

test('webhooks signed the SDK way are accepted and read', async () => {
  const created = BigInt(Math.floor(Date.now() / 1000));
  const cases = [
    [
      new WebhookEvent({ event: 'participant_joined', id: 'EV_join1', createdAt: created,
        room: new Room({ name: 'show-42', sid: 'RM_x' }),
        participant: new ParticipantInfo({ identity: 'u7', sid: 'PA_y' }) }),
      { kind: 'participant_joined', id: 'EV_join1', stream_id: 42, identity: 'u7', recording_id: '',
        file_key: '', failed: false, at: Number(created) * 1000 },
    ],
    [
      new WebhookEvent({ event: 'egress_ended', id: 'EV_eg1', createdAt: created,
        egressInfo: new EgressInfo({ egressId: 'EG_1', roomName: 'show-9', status: EgressStatus.EGRESS_COMPLETE,
          fileResults: [{ filename: 'replays/show-9/20261207T053400Z.mp4', location: 'https://b/x.mp4' }] }) }),
      { kind: 'recording_ended', id: 'EV_eg1', stream_id: 9, identity: '', recording_id: 'EG_1',
        file_key: 'replays/show-9/20261207T053400Z.mp4', failed: false, at: Number(created) * 1000 },
    ],
    [
      new WebhookEvent({ event: 'egress_ended', id: 'EV_eg2', createdAt: created,
        egressInfo: new EgressInfo({ egressId: 'EG_2', roomName: 'show-9', status: EgressStatus.EGRESS_FAILED,
          error: 'upload failed' }) }),
      { kind: 'recording_ended', id: 'EV_eg2', stream_id: 9, identity: '', recording_id: 'EG_2',
        file_key: '', failed: true, at: Number(created) * 1000 },
    ],
    [
      new WebhookEvent({ event: 'ingress_ended', id: 'EV_in1', createdAt: created,
        ingressInfo: new IngressInfo({ ingressId: 'IN_1', roomName: 'show-5', participantIdentity: 'u3',
          state: new IngressState({ status: IngressState_Status.ENDPOINT_ERROR, error: 'bad stream' }) }) }),
      { kind: 'ingress_ended', id: 'EV_in1', stream_id: 5, identity: 'u3', recording_id: '',
        file_key: '', failed: true, at: Number(created) * 1000 },
    ],
    [
      new WebhookEvent({ event: 'room_finished', id: 'EV_r', room: new Room({ name: 'lobby-1' }) }),
      { kind: 'room_finished', id: 'EV_r', stream_id: 0, identity: '', recording_id: '',
        file_key: '', failed: false, at: 0 },
    ],
    [
      new WebhookEvent({ event: 'agent_job_started', id: 'EV_a', room: new Room({ name: 'show-1' }) }),
      { kind: 'other', id: 'EV_a', stream_id: 1, identity: '', recording_id: '',
        file_key: '', failed: false, at: 0 },
    ],
  ];
  const receiver = new WebhookReceiver(API_KEY, API_SECRET);
  for (const [event, want] of cases) {
    const body = event.toJsonString();
    const auth = await sign(body);
    await receiver.receive(body, auth); // the SDK's own receiver agrees it is well signed
    const r = await webhook(body, auth);
    assert.equal(r.rc, 'ok', body);
    assert.deepEqual(r.event, want, body);
  }
});

test('snake_case names and unknown fields are read too', async () => {
  const body = JSON.stringify({
    event: 'egress_started', id: 'EV_s', created_at: 1800000000, future_field: { x: 1 },
    egress_info: { egress_id: 'EG_9', room_name: 'show-77', status: 'EGRESS_ACTIVE', shiny: true },
  });
  const r = await webhook(body, await sign(body));
  assert.equal(r.rc, 'ok');
  assert.deepEqual(r.event, { kind: 'recording_started', id: 'EV_s', stream_id: 77, identity: '',
    recording_id: 'EG_9', file_key: '', failed: false, at: 1800000000000 });
});

test('webhooks that do not verify are refused', async () => {
  const body = new WebhookEvent({ event: 'room_started', id: 'EV_1', room: new Room({ name: 'show-4' }) }).toJsonString();
  const good = await sign(body);
  assert.equal((await webhook(body, good)).rc, 'ok');
  const tampered = body.replace('show-4', 'show-5');
  const cases = {
    'tampered body': [tampered, good],
    'wrong secret': [body, await sign(body, { secret: 'not-our-secret-at-all' })],
    'another API key': [body, await sign(body, { key: 'APIsomeoneElse' })],
    'Bearer prefix': [body, `Bearer ${good}`],
    'missing header': [body, undefined],
    'empty header': [body, ''],
    'not a JWT': [body, 'abc.def'],
    'alg none': [body, `${Buffer.from('{"alg":"none"}').toString('base64url')}.${good.split('.')[1]}.`],
  };
  for (const [name, [b, auth]] of Object.entries(cases)) {
    const r = await drive(['webhook', Date.now(), auth === undefined ? '-' : auth], { stdin: b });
    assert.equal(r.rc, 'unauthorized', name);
  }
  // Expired: valid for 5 minutes, presented 6 minutes later (beyond the minute of leeway);
  // and not yet valid: presented 2 minutes before it was issued.
  assert.equal((await webhook(body, good, Date.now() + 6 * 60 * 1000)).rc, 'unauthorized');
  assert.equal((await webhook(body, good, Date.now() + 5 * 60 * 1000 + 30 * 1000)).rc, 'ok');
  assert.equal((await webhook(body, good, Date.now() - 2 * 60 * 1000)).rc, 'unauthorized');
  // A token without the body hash verifies as a token but not as a webhook.
  const noHash = await new AccessToken(API_KEY, API_SECRET, { ttl: '5m' }).toJwt();
  assert.equal((await webhook(body, noHash)).rc, 'unauthorized');
});

test('a well-signed body that is not a WebhookEvent is a bad request', async () => {
  for (const body of ['not json', '[]', '{"room":{"name":"show-1"}}', '{"event":"room_started","room":"show-1"}',
    '{"event":"room_started","createdAt":"12x"}', `{"event":"room_started","id":"${'x'.repeat(200)}"}`]) {
    assert.equal((await webhook(body, await sign(body))).rc, 'bad_request', body);
  }
});

// ---- the server API against the fake -----------------------------------------------------

const methods = () => fake.calls.map((c) => c.method);

test('rooms: open (idempotent), count, remove, revoke, close (idempotent)', async () => {
  assert.deepEqual(await drive(['room_open', 42, 'Vintage cameras', 6, 'u7']), { rc: 'ok' });
  assert.deepEqual(await drive(['room_open', 42, 'Vintage cameras', 6, 'u7']), { rc: 'ok' });
  assert.deepEqual(methods(), ['RoomService.CreateRoom', 'RoomService.CreateRoom']);
  const create = fake.calls[0];
  assert.equal(create.msg.name, 'show-42');
  assert.equal(create.msg.emptyTimeout, 300);
  assert.equal(create.msg.maxParticipants, 0);
  assert.deepEqual(JSON.parse(create.msg.metadata), {
    stream_id: 42, title: 'Vintage cameras', publisher: 'u7', max_publishers: 6,
  });
  assert.deepEqual(create.claims.video, { roomCreate: true });

  fake.join('show-42', 'u7', true);
  fake.join('show-42', 'u8', true);
  fake.join('show-42', 'v1');
  assert.deepEqual(await drive(['participant_count', 42]), { rc: 'ok', count: 3 });
  assert.deepEqual(fake.calls.at(-1).claims.video, { roomList: true });
  assert.deepEqual(fake.calls.at(-1).msg.names, ['show-42']);

  assert.deepEqual(await drive(['participant_remove', 42, 'v1']), { rc: 'ok' });
  assert.deepEqual(fake.calls.at(-1).claims.video, { roomAdmin: true, room: 'show-42' });
  assert.deepEqual(await drive(['participant_remove', 42, 'v1']), { rc: 'ok' }); // not there: ok
  assert.deepEqual(await drive(['participant_count', 42]), { rc: 'ok', count: 2 });

  assert.deepEqual(await drive(['publisher_allow', 42, 'u8']), { rc: 'ok' });
  fake.reset();
  assert.deepEqual(await drive(['publisher_allow', 42, 'u8']), { rc: 'ok' });
  assert.deepEqual(methods(), [], 'allowing a publisher calls nothing: the grant carries it');

  assert.deepEqual(await drive(['publisher_revoke', 42, 'u8']), { rc: 'ok' });
  assert.deepEqual(methods(), ['RoomService.UpdateParticipant', 'RoomService.RemoveParticipant']);
  const update = fake.calls[0].msg;
  assert.equal(update.identity, 'u8');
  assert.equal(update.permission.canPublish, false);
  assert.equal(update.permission.canPublishData, false);
  assert.equal(update.permission.canSubscribe, true);
  assert.ok(!fake.rooms.get('show-42').participants.has('u8'));
  assert.deepEqual(await drive(['publisher_revoke', 42, 'u8']), { rc: 'ok' }); // gone: ok

  assert.deepEqual(await drive(['room_close', 42]), { rc: 'ok' });
  assert.ok(!fake.rooms.has('show-42'));
  assert.deepEqual(await drive(['room_close', 42]), { rc: 'ok' }); // LiveKit: not_found
  assert.equal(fake.rejected.filter((r) => r.code !== 'not_found').length, 0, JSON.stringify(fake.rejected));
  assert.deepEqual(await drive(['participant_count', 42]), { rc: 'not_found', count: 0 });
});

test('recording: Egress to the bucket, stop, finish when complete', async () => {
  await drive(['room_open', 9, 'Show', 6, 'u1']);
  const at = Date.UTC(2026, 11, 7, 5, 34, 0);
  const r = await drive(['record_start', 9, at]);
  assert.equal(r.rc, 'ok');
  const rec = r.recording;
  assert.match(rec.id, /^EG_/);
  assert.deepEqual({ ...rec, id: undefined }, {
    id: undefined, stream_id: 9, started_at: at, file_key: 'replays/show-9/20261207T053400Z.mp4',
  });
  const start = fake.calls.at(-1);
  assert.equal(start.method, 'Egress.StartRoomCompositeEgress');
  assert.deepEqual(start.claims.video, { roomRecord: true });
  assert.deepEqual(start.body, {
    room_name: 'show-9',
    layout: 'speaker',
    file_outputs: [{
      file_type: 'MP4',
      filepath: 'replays/show-9/20261207T053400Z.mp4',
      s3: { access_key: 'AKIDTEST', secret: 'r2-secret', region: 'auto', bucket: 'blytz-media',
        endpoint: 'https://acct.r2.cloudflarestorage.com', force_path_style: true },
    }],
  });

  assert.deepEqual(await drive(['record_finish', rec.id, rec.file_key]), { rc: 'unavailable' });
  assert.deepEqual(await drive(['record_stop', rec.id]), { rc: 'ok' });
  assert.deepEqual(fake.calls.at(-1).body, { egress_id: rec.id });
  assert.deepEqual(await drive(['record_finish', rec.id, rec.file_key]), { rc: 'unavailable' }); // ending
  assert.deepEqual(await drive(['record_stop', rec.id]), { rc: 'ok' }); // not active any more: ok
  finishEgress(fake, rec.id);
  const info = fake.egresses.get(rec.id);
  const ms = (ns) => Number(ns / 1000000n);
  assert.deepEqual(await drive(['record_finish', rec.id, rec.file_key]), {
    rc: 'ok',
    files: { video_key: rec.file_key, video_type: 'video/mp4', audio_key: '',
      started_at: ms(info.fileResults[0].startedAt), duration_ms: ms(info.fileResults[0].duration) },
  });
  assert.deepEqual(fake.calls.at(-1).body, { egress_id: rec.id });
  assert.deepEqual(fake.calls.at(-1).claims.video, { roomRecord: true });
  assert.deepEqual(await drive(['record_finish', rec.id, 'elsewhere/x.mp4']), { rc: 'bad_request' });
  assert.deepEqual(await drive(['record_finish', 'EG_unknown', rec.file_key]), { rc: 'not_found' });
  assert.deepEqual(await drive(['record_stop', 'EG_unknown']), { rc: 'ok' });

  const failed = (await drive(['record_start', 9, at + 1000])).recording;
  finishEgress(fake, failed.id, EgressStatus.EGRESS_FAILED);
  assert.deepEqual(await drive(['record_finish', failed.id, failed.file_key]), { rc: 'bad_request' });

  assert.deepEqual(await drive(['record_start', 9, at], { env: { LIVEKIT_EGRESS_BUCKET: '' } }), { rc: 'bad_request' });
  assert.equal(fake.rejected.filter((x) => !['not_found', 'failed_precondition'].includes(x.code)).length, 0,
    JSON.stringify(fake.rejected));
});

test('ingress: a WHIP endpoint and its stream key, deleted idempotently', async () => {
  await drive(['room_open', 5, 'OBS show', 6, 'u3']);
  const r = await drive(['ingress_create', 5, 'u3']);
  assert.equal(r.rc, 'ok');
  const call = fake.calls.at(-1);
  assert.equal(call.method, 'Ingress.CreateIngress');
  assert.deepEqual(call.claims.video, { ingressAdmin: true });
  assert.deepEqual(call.body, {
    input_type: 'WHIP_INPUT', name: 'show-5', room_name: 'show-5', participant_identity: 'u3',
    participant_name: 'u3', participant_metadata: '{"role":"publisher"}', enable_transcoding: false,
  });
  const info = fake.ingresses.get(r.ingress.id);
  assert.deepEqual(r.ingress, { id: info.ingressId, url: info.url, stream_key: info.streamKey, whip: true });
  assert.deepEqual(await drive(['ingress_delete', r.ingress.id]), { rc: 'ok' });
  assert.ok(!fake.ingresses.has(r.ingress.id));
  assert.deepEqual(await drive(['ingress_delete', r.ingress.id]), { rc: 'ok' });
  assert.deepEqual(fake.rejected.map((x) => x.code), ['not_found']);
});

test('errors: 5xx and network failures are unavailable, 4xx bad requests, not_found its own', async () => {
  await drive(['room_open', 11, 'x', 6, 'u1']);
  fake.failNext = { status: 503, code: 'unavailable' };
  assert.deepEqual(await drive(['room_open', 11, 'x', 6, 'u1']), { rc: 'unavailable' });
  fake.failNext = { status: 500, body: 'upstream exploded' }; // not even Twirp JSON
  assert.deepEqual(await drive(['room_close', 11]), { rc: 'unavailable' });
  fake.failNext = { status: 400, code: 'invalid_argument' };
  assert.deepEqual(await drive(['room_open', 11, 'x', 6, 'u1']), { rc: 'bad_request' });
  fake.failNext = { status: 429, code: 'resource_exhausted' };
  assert.deepEqual(await drive(['participant_remove', 11, 'u1']), { rc: 'unavailable' });
  fake.failNext = { status: 404, code: 'not_found' };
  assert.deepEqual(await drive(['participant_count', 11]), { rc: 'not_found', count: 0 });
  fake.failNext = { status: 200, body: 'x'.repeat(1024 * 1024 + 1) }; // over the cap
  assert.deepEqual(await drive(['participant_count', 11]), { rc: 'unavailable', count: 0 });
  fake.failNext = { status: 200, body: '<html>proxy</html>' };
  assert.deepEqual(await drive(['participant_count', 11]), { rc: 'unavailable', count: 0 });
  // A wrong secret: the fake (TokenVerifier) refuses the token, as LiveKit would.
  fake.reset();
  assert.deepEqual(await drive(['room_close', 11], { env: { LIVEKIT_API_SECRET: 'wrong' } }), { rc: 'bad_request' });
  assert.equal(fake.rejected[0].code, 'unauthenticated');
  // Nobody listening.
  const closed = await new FakeLiveKit({ apiKey: API_KEY, apiSecret: API_SECRET }).start();
  const url = closed.wsUrl;
  await closed.stop();
  assert.deepEqual(await drive(['room_close', 11], { env: { LIVEKIT_URL: url } }), { rc: 'unavailable' });
});

test('configuration: the API URL follows the client URL unless given', async () => {
  assert.deepEqual(await drive(['room_open', 12, 'x', 6, 'u1'], {
    env: { LIVEKIT_URL: 'wss://live.example.invalid', LIVEKIT_API_URL: `http://127.0.0.1:${fake.port}` },
  }), { rc: 'ok' });
  assert.equal(fake.calls.at(-1).msg.name, 'show-12');
  for (const env of [{ LIVEKIT_URL: '' }, { LIVEKIT_URL: 'ftp://x' }, { LIVEKIT_URL: 'wss://h/path' },
    { LIVEKIT_API_KEY: '' }, { LIVEKIT_API_SECRET: '' }, { LIVEKIT_EGRESS_SECRET: '' }]) {
    assert.deepEqual(await drive(['open'], { env }), { rc: 'validation_failed' }, JSON.stringify(env));
  }
  assert.deepEqual(await drive(['open']), { rc: 'ok' });
});
