// The Janus video adapter against a real Janus (Debian's janus 1.1.2) on loopback, which
// tests/integration/janus.sh starts with scripts/services.sh and stops afterwards. The
// adapter runs in tests/integration/janus_ctl (one port call per run); this file judges
// what Janus itself then accepts and refuses, over Janus's own HTTP API: tokens, the
// admin key, the publish ACL, kicks, recording. No WebRTC: a VideoRoom `join` as a
// publisher is decided before any media, which is what the ACL governs.
//
// Run: tests/integration/janus.sh   (BLYTZ_BUILD_DIR, default build/asan).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { mjr, opusSilence, vp8Key } from './mjr.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const buildDir = path.resolve(root, process.env.BLYTZ_BUILD_DIR || 'build/asan');
const program = path.join(buildDir, 'tests/integration/janus_ctl');
const { JANUS_URL, JANUS_ADMIN_KEY, JANUS_TOKEN_SECRET, JANUS_REC_DIR, JANUS_BLOB_DIR } =
  process.env;
const run = promisify(execFile);

async function ctl(...args) {
  const { stdout } = await run(program, args.map(String), { env: process.env });
  return JSON.parse(stdout.trim());
}

// ---- Janus's HTTP API, as a browser would use it -------------------------------------

const txn = () => randomBytes(6).toString('hex');

async function post(url, body) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ transaction: txn(), ...body }),
  });
  assert.equal(res.status, 200);
  return res.json();
}

// A session with one VideoRoom handle, authenticated by `token`.
async function session(token) {
  const s = await post(JANUS_URL, { janus: 'create', token });
  if (s.janus !== 'success') return { error: s.error };
  const url = `${JANUS_URL}/${s.data.id}`;
  const h = await post(url, { janus: 'attach', plugin: 'janus.plugin.videoroom', token });
  assert.equal(h.janus, 'success', JSON.stringify(h));
  const pending = [];
  return {
    url,
    token,
    handle: `${url}/${h.data.id}`,
    // A synchronous request's plugin answer.
    async sync(body) {
      const r = await post(this.handle, { janus: 'message', token, body });
      assert.equal(r.janus, 'success', JSON.stringify(r));
      return r.plugindata.data;
    },
    // An asynchronous request: its event, read by long poll.
    async async(body) {
      const t = txn();
      const ack = await post(this.handle, { janus: 'message', token, body, transaction: t });
      assert.equal(ack.janus, 'ack', JSON.stringify(ack));
      for (let i = 0; i < 20; i++) {
        const found = pending.find((e) => e.transaction === t);
        if (found) return found.plugindata.data;
        const res = await fetch(`${url}?maxev=10&token=${encodeURIComponent(token)}`);
        const events = await res.json();
        pending.push(...(Array.isArray(events) ? events : [events]));
      }
      throw new Error('no answer to ' + JSON.stringify(body));
    },
    async destroy() {
      await post(url, { janus: 'destroy', token });
    },
  };
}

// A publisher `join` in `room` as `display` with ACL key `key` (undefined: none).
async function join(grant, room, display, key) {
  const s = await session(grant.token);
  const body = { request: 'join', ptype: 'publisher', room, display };
  if (key !== undefined) body.token = key;
  const answer = await s.async(body);
  return { s, answer };
}

const stamp = Date.now() % 1e9; // rooms unique per run, in case Janus is shared
let next = 0;
// Room ids are strings: the VideoRoom runs with string_ids, as a show's id (the room's) does
// not fit a JavaScript number.
const newRoom = () => String(stamp * 100 + ++next);

async function exists(grant, room) {
  const s = await session(grant.token);
  const data = await s.sync({ request: 'exists', room });
  await s.destroy();
  return data.exists;
}

// ---- tokens -------------------------------------------------------------------------

test('the grant is a Janus signed token Janus accepts; expired, forged and foreign ones are refused', async () => {
  const room = newRoom();
  const now = Date.now();
  const g = await ctl('grant', room, 'viewer', 'v1', 60, now);
  assert.equal(g.rc, 'ok');
  assert.equal(g.provider, 'janus');
  assert.equal(g.url, JANUS_URL);
  assert.equal(g.room, String(room));
  assert.equal(g.role, 'viewer');
  assert.equal(g.publish_key, '', 'viewers get no publish key');
  assert.equal(g.expires_at, (Math.floor(now / 1000) + 60) * 1000);
  // Janus's documented format, recomputed here independently.
  const [data, sig] = g.token.split(':');
  assert.equal(data, `${Math.floor(now / 1000) + 60},janus,janus.plugin.videoroom`);
  assert.equal(sig, createHmac('sha1', JANUS_TOKEN_SECRET).update(data).digest('base64'));

  const ok = await session(g.token);
  assert.ok(ok.url, 'a token we mint opens a session');
  await ok.destroy();

  const expired = await ctl('grant', room, 'viewer', 'v1', 60, now - 120_000);
  assert.equal((await session(expired.token)).error?.code, 403, 'expired');
  const flipped = g.token.slice(0, -3) + (g.token.at(-3) === 'A' ? 'B' : 'A') + g.token.slice(-2);
  assert.equal((await session(flipped)).error?.code, 403, 'forged signature');
  const later = g.token.replace(/^\d+/, (s) => String(Number(s) + 3600));
  assert.equal((await session(later)).error?.code, 403, 'expiry moved without re-signing');
  const foreign = `${data}:${createHmac('sha1', 'not-our-secret').update(data).digest('base64')}`;
  assert.equal((await session(foreign)).error?.code, 403, 'signed with another secret');
  assert.equal((await session(undefined)).error?.code, 403, 'no token');
});

test('only the admin key creates rooms: a browser token alone cannot', async () => {
  const g = await ctl('grant', newRoom(), 'publisher', 'u1', 60);
  const s = await session(g.token);
  const room = newRoom();
  const refused = await s.sync({ request: 'create', room, permanent: false });
  assert.ok(refused.error_code, JSON.stringify(refused));
  const wrong = await s.sync({ request: 'create', room, admin_key: 'guess' });
  assert.ok(wrong.error_code, JSON.stringify(wrong));
  await s.destroy();
  assert.equal(await exists(g, room), false);
});

// ---- rooms --------------------------------------------------------------------------

test('room_open and room_close are idempotent', async () => {
  const room = newRoom();
  const g = await ctl('grant', room, 'viewer', 'v1', 60);
  assert.equal((await ctl('open', room, 'u1')).rc, 'ok');
  assert.equal((await ctl('open', room, 'u1')).rc, 'ok', 'opening an open room');
  assert.equal(await exists(g, room), true);
  assert.equal((await ctl('close', room)).rc, 'ok');
  assert.equal(await exists(g, room), false);
  assert.equal((await ctl('close', room)).rc, 'ok', 'closing a closed room');
  assert.equal((await ctl('count', room)).rc, 'not_found');
  assert.equal((await ctl('open', 0, 'u1')).rc, 'validation_failed');
});

test('a browser cannot destroy or reconfigure a room without its secret', async () => {
  const room = newRoom();
  assert.equal((await ctl('open', room, 'u1')).rc, 'ok');
  const g = await ctl('grant', room, 'publisher', 'u1', 60);
  const s = await session(g.token);
  for (const body of [
    { request: 'destroy', room },
    { request: 'allowed', room, action: 'add', allowed: ['mine'] },
    { request: 'enable_recording', room, record: true },
  ]) {
    const data = await s.sync(body);
    assert.ok(data.error_code, `${body.request}: ${JSON.stringify(data)}`);
  }
  await s.destroy();
  assert.equal(await exists(g, room), true);
  assert.equal((await ctl('close', room)).rc, 'ok');
});

// ---- who may publish ----------------------------------------------------------------

test('the ACL: the seller publishes with its key, a co-host once allowed, nobody without', async () => {
  const room = newRoom();
  assert.equal((await ctl('open', room, 'u1')).rc, 'ok');
  const seller = await ctl('grant', room, 'publisher', 'u1', 60);
  const cohost = await ctl('grant', room, 'cohost', 'u2', 60);
  const viewer = await ctl('grant', room, 'viewer', 'v9', 60);
  assert.match(seller.publish_key, /^pk[0-9a-f]{64}$/);
  assert.notEqual(cohost.publish_key, seller.publish_key);
  const elsewhere = await ctl('grant', newRoom(), 'publisher', 'u1', 60);
  assert.notEqual(elsewhere.publish_key, seller.publish_key, 'keys are bound to the room');

  const none = await join(viewer, room, 'v9', undefined);
  assert.equal(none.answer.error_code, 433, 'no key: ' + JSON.stringify(none.answer));
  const wrong = await join(viewer, room, 'v9', 'pk' + '0'.repeat(64));
  assert.equal(wrong.answer.error_code, 433, 'a made-up key');
  const other = await join(elsewhere, room, 'u1', elsewhere.publish_key);
  assert.equal(other.answer.error_code, 433, "another room's key");
  const early = await join(cohost, room, 'u2', cohost.publish_key);
  assert.equal(early.answer.error_code, 433, 'a co-host before publisher_allow');

  const s1 = await join(seller, room, 'u1', seller.publish_key);
  assert.equal(s1.answer.videoroom, 'joined', JSON.stringify(s1.answer));
  assert.equal((await ctl('allow', room, 'u2')).rc, 'ok');
  assert.equal((await ctl('allow', room, 'u2')).rc, 'ok', 'allowing twice');
  const c1 = await join(cohost, room, 'u2', cohost.publish_key);
  assert.equal(c1.answer.videoroom, 'joined', JSON.stringify(c1.answer));
  assert.deepEqual(await ctl('count', room), { rc: 'ok', count: 2 });

  // Revoking takes the key out of the ACL and kicks the co-host.
  assert.equal((await ctl('revoke', room, 'u2')).rc, 'ok');
  assert.deepEqual(await ctl('count', room), { rc: 'ok', count: 1 });
  const again = await join(cohost, room, 'u2', cohost.publish_key);
  assert.equal(again.answer.error_code, 433, 'a revoked co-host cannot come back');
  assert.equal((await ctl('revoke', room, 'u2')).rc, 'ok', 'revoking twice');

  // The seller kicks a participant; one who is not there is fine.
  assert.equal((await ctl('remove', room, 'u1')).rc, 'ok');
  assert.deepEqual(await ctl('count', room), { rc: 'ok', count: 0 });
  assert.equal((await ctl('remove', room, 'u1')).rc, 'ok');
  assert.equal((await ctl('allow', newRoom(), 'u2')).rc, 'not_found', 'no such room');
  for (const j of [none, wrong, other, early, s1, c1, again]) await j.s.destroy();
  assert.equal((await ctl('close', room)).rc, 'ok');
});

// ---- recording ----------------------------------------------------------------------

// .mjr files as Janus's recorder writes them: mjr.mjs.

test('recording: start and stop through Janus, then janus-pp-rec into the blob store', async () => {
  const room = newRoom();
  assert.equal((await ctl('open', room, 'u1')).rc, 'ok');
  const now = Date.now();
  const rec = await ctl('record-start', room, now);
  assert.equal(rec.rc, 'ok');
  assert.equal(rec.id, `s${room}-${now}`);
  assert.equal(rec.started_at, now);
  const dir = path.join(JANUS_REC_DIR, rec.id);
  assert.ok(existsSync(dir));
  // Janus now records into that directory: the room says so.
  const g = await ctl('grant', room, 'viewer', 'v1', 60);
  const s = await session(g.token);
  const list = await s.sync({ request: 'list', admin_key: JANUS_ADMIN_KEY });
  const info = list.list.find((r) => r.room === room);
  assert.equal(info.rec_dir, dir);
  assert.equal(info.record, true);
  await s.destroy();
  assert.equal((await ctl('record-stop', room, rec.id)).rc, 'ok');

  // Nothing was published, so nothing was recorded.
  assert.equal((await ctl('record-finish', room, rec.id, 'rec/empty.webm')).rc, 'not_found');
  // What a publisher's camera and microphone leave behind (no WebRTC here to make them).
  const frames = Array.from({ length: 30 }, vp8Key);
  const firstMs = Date.now() - 5000;
  await writeFile(path.join(dir, 'videoroom-x-user-1-video-0.mjr'), mjr('v', 'vp8', frames, 3000, firstMs * 1000));
  await writeFile(path.join(dir, 'videoroom-x-user-1-audio-1.mjr'),
    mjr('a', 'opus', Array.from({ length: 50 }, opusSilence), 960, (firstMs + 250) * 1000));
  // A smaller second video (a co-host) is not the one kept.
  await writeFile(path.join(dir, 'videoroom-x-user-2-video-0.mjr'), mjr('v', 'vp8', frames.slice(0, 3), 3000));
  await writeFile(path.join(dir, 'notes.mjr'), 'not a recording');
  const key = `replays/${room}.webm`;
  const done = await ctl('record-finish', room, rec.id, key);
  assert.equal(done.rc, 'ok');
  // What was stored, and when its time 0 is (the first packet written, from the header).
  assert.deepEqual({ ...done, started_at: undefined }, { rc: 'ok', video_key: key, video_type: 'video/webm',
    audio_key: `replays/${room}.opus`, audio_type: 'audio/ogg', started_at: undefined, audio_offset_ms: 250 });
  assert.equal(done.started_at, firstMs);
  const webm = await readFile(path.join(JANUS_BLOB_DIR, key));
  assert.deepEqual([...webm.subarray(0, 4)], [0x1a, 0x45, 0xdf, 0xa3], 'an EBML (WebM) file');
  assert.ok(webm.includes(Buffer.from('V_VP8')), 'with a VP8 track');
  const opus = await readFile(path.join(JANUS_BLOB_DIR, `replays/${room}.opus`));
  assert.equal(opus.subarray(0, 4).toString(), 'OggS', 'an Ogg file');
  assert.ok(opus.includes(Buffer.from('OpusHead')), 'with an Opus stream');
  assert.deepEqual((await readdir(dir)).sort().filter((f) => f.startsWith('blytz-')), [],
    'no converted files left behind');
  // Retried by the outbox: the same again.
  assert.equal((await ctl('record-finish', room, rec.id, key)).rc, 'ok');
  assert.equal((await ctl('record-finish', room, '../etc', key)).rc, 'validation_failed');
  assert.equal((await ctl('record-stop', room, rec.id)).rc, 'ok', 'stopping twice');
  assert.equal((await ctl('close', room)).rc, 'ok');
  assert.equal((await ctl('record-stop', room, rec.id)).rc, 'ok', 'a closed room records nothing');
});

// ---- a real publisher: Chromium's fake camera over WebRTC, recorded and replayed -------

// What a seller's page (role "publisher") and a buyer's page (role "viewer") do, with Janus's
// HTTP API and no library. It runs in the page, so it is one self-contained function.
// Publisher: join with the publish key, offer (ICE gathered first: Janus does half-trickle),
// publish, keep the session alive for `seconds`. Viewer: find the seller's feed, subscribe
// with a viewer token (no key), answer Janus's offer, count decoded frames for `seconds`.
async function inPage({ role, url, room, token, key, seconds }) {
  const post = async (u, b) =>
    (await fetch(u, { method: 'POST', body: JSON.stringify({ transaction: String(Math.random()), token, ...b }) })).json();
  const s = await post(url, { janus: 'create' });
  const su = `${url}/${s.data.id}`;
  const h = await post(su, { janus: 'attach', plugin: 'janus.plugin.videoroom' });
  const hu = `${su}/${h.data.id}`;
  const events = [];
  const wait = async (pred) => {
    for (let i = 0; i < 30; i++) {
      const found = events.find(pred);
      if (found) return found;
      const r = await (await fetch(`${su}?maxev=5&token=${encodeURIComponent(token)}`)).json();
      events.push(...(Array.isArray(r) ? r : [r]));
    }
    throw new Error('no answer from Janus');
  };
  const gathered = (pc) =>
    new Promise((done) => {
      pc.onicegatheringstatechange = () => pc.iceGatheringState === 'complete' && done();
      setTimeout(done, 3000);
    });
  const pc = new RTCPeerConnection();
  let t0 = 0; // set when the offer (publisher) or answer (viewer) goes to Janus
  const out = {};
  if (role === 'publisher') {
    const body = { request: 'join', ptype: 'publisher', room, display: 'u1', token: key };
    await post(hu, { janus: 'message', body, transaction: 'join' });
    out.joined = (await wait((e) => e.transaction === 'join')).plugindata.data.videoroom;
    const media = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 360 }, audio: true });
    media.getTracks().forEach((t) => pc.addTrack(t, media));
    await pc.setLocalDescription(await pc.createOffer());
    await gathered(pc);
    const offer = { type: 'offer', sdp: pc.localDescription.sdp };
    t0 = performance.now();
    await post(hu, { janus: 'message', body: { request: 'publish' }, jsep: offer, transaction: 'pub' });
    await pc.setRemoteDescription((await wait((e) => e.transaction === 'pub' && e.jsep)).jsep);
    await new Promise((done) => {
      pc.onconnectionstatechange = () => pc.connectionState === 'connected' && done();
      setTimeout(done, 10000);
    });
    out.connectedMs = Math.round(performance.now() - t0);
  } else {
    let feed;
    for (let i = 0; i < 50 && !feed; i++) {
      const list = await post(hu, { janus: 'message', body: { request: 'listparticipants', room } });
      feed = list.plugindata.data.participants?.find((p) => p.display === 'u1' && p.publisher)?.id;
      if (!feed) await new Promise((r) => setTimeout(r, 200));
    }
    if (!feed) return { error: 'no feed' };
    const body = { request: 'join', ptype: 'subscriber', room, streams: [{ feed }] };
    await post(hu, { janus: 'message', body, transaction: 'sub' });
    const attached = await wait((e) => e.transaction === 'sub');
    if (!attached.jsep) return { error: JSON.stringify(attached.plugindata?.data) };
    pc.ontrack = (ev) => {
      if (ev.track.kind !== 'video') return;
      const v = document.createElement('video');
      v.muted = true;
      v.srcObject = new MediaStream([ev.track]);
      v.requestVideoFrameCallback?.(() => (out.firstFrameMs = Math.round(performance.now() - t0)));
      document.body.append(v);
      v.play();
    };
    await pc.setRemoteDescription(attached.jsep);
    await pc.setLocalDescription(await pc.createAnswer());
    await gathered(pc);
    const answer = { type: 'answer', sdp: pc.localDescription.sdp };
    t0 = performance.now();
    await post(hu, { janus: 'message', body: { request: 'start' }, jsep: answer, transaction: 'start' });
  }
  for (const end = performance.now() + seconds * 1000; performance.now() < end; ) {
    await post(su, { janus: 'keepalive' });
    await new Promise((r) => setTimeout(r, 500));
  }
  (await pc.getStats()).forEach((st) => {
    if (st.type === 'outbound-rtp' && st.kind === 'video') out.framesEncoded = st.framesEncoded;
    if (st.type === 'inbound-rtp' && st.kind === 'video') {
      out.framesDecoded = st.framesDecoded;
      out.frameWidth = st.frameWidth;
      out.jitterBufferMs = Math.round((1000 * st.jitterBufferDelay) / (st.jitterBufferEmittedCount || 1));
    }
  });
  out.state = pc.connectionState;
  pc.close();
  await post(su, { janus: 'destroy' });
  return out;
}

// Play a stored replay in the page: what a buyer's browser makes of it.
async function playInPage({ src, kind }) {
  const el = document.createElement(kind);
  el.muted = true;
  document.body.append(el);
  el.src = src;
  await new Promise((ok, bad) => {
    el.onloadeddata = ok;
    el.onerror = () => bad(new Error(`${kind} error ${el.error?.code}`));
    setTimeout(() => bad(new Error(`${kind}: nothing loaded`)), 10000);
  });
  await el.play();
  await new Promise((r) => setTimeout(r, 1000));
  const q = kind === 'video' ? el.getVideoPlaybackQuality() : { totalVideoFrames: 0 };
  return { width: el.videoWidth ?? 0, height: el.videoHeight ?? 0, duration: el.duration,
    played: el.currentTime, frames: q.totalVideoFrames };
}

const inNetns = process.env.JANUS_NETNS === '1';
test('a real WebRTC publish is watched by a viewer, recorded, converted, stored and plays back', {
  skip: !inNetns && 'needs the network namespace janus.sh makes (unshare) and chromium',
}, async () => {
  const { chromium } = await import('playwright-core');
  const room = newRoom();
  assert.equal((await ctl('open', room, 'u1')).rc, 'ok');
  const rec = await ctl('record-start', room, Date.now());
  assert.equal(rec.rc, 'ok');
  const seller = await ctl('grant', room, 'publisher', 'u1', 120);
  const key = `replays/live-${room}.webm`;
  const server = http.createServer(async (req, res) => {
    if (req.url.startsWith('/blob/')) {
      const file = path.join(JANUS_BLOB_DIR, decodeURIComponent(req.url.slice(6)));
      const type = file.endsWith('.webm') ? 'video/webm' : 'audio/ogg';
      res.writeHead(200, { 'content-type': type }).end(await readFile(file));
    } else {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>t</title>');
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_BIN || '/usr/bin/chromium',
    args: ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/`); // a secure context
    const publishing = page.evaluate(inPage, {
      role: 'publisher', url: JANUS_URL, room, token: seller.token, key: seller.publish_key, seconds: 5,
    });
    // A buyer watches meanwhile, with a viewer grant: the ACL is not theirs to pass.
    const viewer = await ctl('grant', room, 'viewer', 'v1', 120);
    const buyer = await browser.newPage();
    await buyer.goto(`http://127.0.0.1:${server.address().port}/`);
    const watched = await buyer.evaluate(inPage, {
      role: 'viewer', url: JANUS_URL, room, token: viewer.token, seconds: 2,
    });
    const pub = await publishing;
    console.log('# publish:', JSON.stringify(pub));
    console.log('# watch:', JSON.stringify(watched));
    assert.ok(watched.framesDecoded > 10, 'the viewer decodes the seller: ' + JSON.stringify(watched));
    assert.equal(watched.frameWidth, 640);
    assert.equal(pub.joined, 'joined');
    assert.equal(pub.state, 'connected', 'ICE and DTLS with Janus');
    assert.ok(pub.framesEncoded > 30, 'the camera sent frames');
    assert.equal((await ctl('record-stop', room, rec.id)).rc, 'ok');
    const files = await readdir(path.join(JANUS_REC_DIR, rec.id));
    assert.ok(files.some((f) => f.endsWith('.mjr')), 'Janus wrote .mjr files: ' + files);
    const done = await ctl('record-finish', room, rec.id, key);
    assert.equal(done.rc, 'ok');
    // Time 0 of the files is the publisher's first packet: after recording started, before now.
    assert.ok(done.started_at >= rec.started_at && done.started_at <= Date.now(), JSON.stringify({ rec, done }));
    console.log(`# replay: time 0 is ${done.started_at - rec.started_at} ms after record_start, audio at ${done.audio_offset_ms} ms`);
    const video = await page.evaluate(playInPage, { src: `/blob/${key}`, kind: 'video' });
    console.log('# replay video:', JSON.stringify(video));
    assert.equal(video.width, 640);
    assert.equal(video.height, 360);
    assert.ok(video.duration > 3, 'about as long as the publish');
    assert.ok(video.frames > 0 && video.played > 0, 'frames decoded while playing');
    const audio = await page.evaluate(playInPage, { src: `/blob/replays/live-${room}.opus`, kind: 'audio' });
    console.log('# replay audio:', JSON.stringify(audio));
    // An Ogg stream's duration is Infinity until read to the end: that it plays is the test.
    assert.ok(audio.played > 0.5, 'the audio plays too');
  } finally {
    await browser.close();
    server.close();
    await ctl('close', room);
  }
});

// ---- what Janus does not offer ------------------------------------------------------

test('no ingress, and no webhook is ever trusted', async () => {
  assert.equal((await ctl('ingress', newRoom(), 'u1')).rc, 'bad_request');
  assert.equal((await ctl('webhook', 1, '{"janus":"event"}')).rc, 'unauthorized');
});

test('Janus down is unavailable (the outbox retries); a bad config is refused at open', async () => {
  const env = { ...process.env, JANUS_URL: 'http://127.0.0.1:9/janus' };
  const { stdout } = await run(program, ['open', newRoom(), 'u1'], { env });
  assert.equal(JSON.parse(stdout).rc, 'unavailable');
  const bad = await run(program, ['count', 1], { env: { ...process.env, JANUS_ADMIN_KEY: '' } });
  assert.equal(JSON.parse(bad.stdout).rc, 'validation_failed');
});

await mkdir(JANUS_BLOB_DIR, { recursive: true });
