// The media side of bench/run-video.sh: live shows with real video beside the auction
// benchmarks. Runs inside the network namespace run-video.sh makes (WebRTC needs an
// interface that is not loopback), against a blytz that uses a Janus in that namespace.
//
//   node bench/video/rooms.mjs hold URL SHOWS VIEWERS
//     SHOWS live shows, each with its seller's page publishing the fake camera and microphone
//     (the app's own "Go live", as a seller's phone does) and VIEWERS anonymous viewer pages
//     decoding it. Prints {"ready":...} once every viewer decodes frames, then holds them
//     until stdin closes, then prints {"held":...} (frames and bytes each viewer received
//     while held) and exits. Each line read from stdin meanwhile is answered with
//     {"mark":...}: what each viewer received since the previous mark (or since ready).
//   node bench/video/rooms.mjs capacity URL JANUS_PID MAX STEP SECONDS
//     One live show; viewers added STEP at a time up to MAX; at each step, over SECONDS,
//     Janus's CPU time (/proc/JANUS_PID/stat) and the bytes and frames each viewer received.
//     One JSON line per step.
//
// The camera is a file of moving noise (BENCH_CAMERA=pattern: Chromium's test pattern, which
// compresses to about 160 kbit/s): the encoder then runs at the rate the link allows, as a
// phone filming a busy scene would, so the figures are a heavy case, not a flattering one.
//
// Figures are printed, never asserted: docs/benchmarks.md ("Video beside the auction") says
// how to read them.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { registerSeller, createShow } from '../../tests/api/lib/harness.mjs';
import { newContext, newPage } from '../../tests/e2e/lib/web.mjs';
import { launchWithMedia, watchPeerConnections } from '../../tests/video/lib.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };

/** Totals of a page's inbound video and audio: {frames, bytes, width}. */
function received(page) {
  return page.evaluate(async () => {
    const t = { frames: 0, bytes: 0, width: 0 };
    for (const pc of window.__pcs ?? []) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach((r) => {
        if (r.type !== 'inbound-rtp') return;
        t.bytes += r.bytesReceived ?? 0;
        if (r.kind === 'video') {
          t.frames += r.framesDecoded ?? 0;
          t.width = Math.max(t.width, r.frameWidth ?? 0);
        }
      });
    }
    return t;
  });
}

/** A show gone live from its seller's page: the page publishes the camera. */
async function liveShowOnCamera(browser, srv, i) {
  const seller = await registerSeller(srv);
  const { stream } = await createShow(srv, seller, { title: `Bench show ${i + 1}` });
  const ctx = await newContext(browser, srv, { session: seller, ...PHONE });
  const page = await newPage(ctx);
  await page.goto(`/s/${stream.id}`);
  await page.getByRole('button', { name: 'Go live' }).click();
  await page.locator('[data-testid="video-stage"].has-video video').waitFor({ timeout: 30000 });
  return { ctx, stream };
}

/** An anonymous viewer page on show `id`, once it decodes frames (ms: how long that took). */
async function viewer(browser, srv, id) {
  const ctx = await newContext(browser, srv, PHONE);
  await watchPeerConnections(ctx);
  const page = await newPage(ctx);
  const t0 = Date.now();
  await page.goto(`/s/${id}`);
  for (;;) {
    const r = await received(page);
    if (r.frames > 0 && r.width > 0) return { ctx, page, ms: Date.now() - t0 };
    if (Date.now() - t0 > 30000) throw new Error(`viewer of show ${id}: no frame within 30 s`);
    await sleep(100);
  }
}

function janusCpuS(pid) {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) / 100; /* utime + stime, in clock ticks of 1/100 s */
}

async function sampleViewers(viewers) {
  return Promise.all(viewers.map((v) => received(v.page)));
}

function delta(before, after, seconds) {
  const n = after.length || 1;
  const frames = after.reduce((s, a, i) => s + a.frames - before[i].frames, 0);
  const bytes = after.reduce((s, a, i) => s + a.bytes - before[i].bytes, 0);
  return { viewer_fps: frames / n / seconds, viewer_kbit_s: (8 * bytes) / n / seconds / 1000 };
}

async function hold(browser, srv, shows, perShow) {
  const rooms = [];
  for (let i = 0; i < shows; i++) rooms.push(await liveShowOnCamera(browser, srv, i));
  const viewers = [];
  for (const r of rooms) for (let j = 0; j < perShow; j++) viewers.push(await viewer(browser, srv, r.stream.id));
  const ttff = viewers.map((v) => v.ms).sort((a, b) => a - b);
  const t0 = Date.now();
  const before = await sampleViewers(viewers);
  console.log(JSON.stringify({ ready: true, shows, viewers: viewers.length, ttff_ms_median: ttff[ttff.length >> 1] ?? 0 }));
  let [last, lastT] = [before, t0];
  for await (const _ of createInterface({ input: process.stdin })) {
    const [now, t] = [await sampleViewers(viewers), Date.now()];
    console.log(JSON.stringify({ mark: true, seconds: (t - lastT) / 1000, ...delta(last, now, (t - lastT) / 1000) }));
    [last, lastT] = [now, t];
  }
  const seconds = (Date.now() - t0) / 1000;
  console.log(JSON.stringify({ held: true, seconds, ...delta(before, await sampleViewers(viewers), seconds) }));
}

async function capacity(browser, srv, janusPid, max, step, seconds) {
  const room = await liveShowOnCamera(browser, srv, 0);
  const viewers = [];
  for (let n = 0; n <= max; n += step) {
    while (viewers.length < n) viewers.push(await viewer(browser, srv, room.stream.id));
    await sleep(2000); /* let the new subscriptions settle (keyframe, bitrate ramp) */
    const [c0, v0, t0] = [janusCpuS(janusPid), await sampleViewers(viewers), Date.now()];
    await sleep(seconds * 1000);
    const [c1, v1, t1] = [janusCpuS(janusPid), await sampleViewers(viewers), Date.now()];
    const wall = (t1 - t0) / 1000;
    console.log(JSON.stringify({ capacity_step: true, viewers: n, janus_cpu_cores: (c1 - c0) / wall, ...delta(v0, v1, wall) }));
  }
}

/** A Y4M clip of moving noise, 640x360 at 30 fps, 2 s (Chromium loops it). */
function noiseClip(dir) {
  const [w, h, n] = [640, 360, 60];
  const frame = Buffer.alloc((w * h * 3) / 2);
  const parts = [Buffer.from(`YUV4MPEG2 W${w} H${h} F30:1 Ip A1:1 C420jpeg\n`)];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < frame.length; j++) frame[j] = (Math.random() * 256) | 0;
    parts.push(Buffer.from('FRAME\n'), Buffer.from(frame));
  }
  const file = join(dir, 'noise.y4m');
  writeFileSync(file, Buffer.concat(parts));
  return file;
}

const [mode, url, ...rest] = process.argv.slice(2);
const srv = { url, port: Number(new URL(url).port) };
const dir = mkdtempSync(join(tmpdir(), 'blytz-bench-camera-'));
const camera = process.env.BENCH_CAMERA === 'pattern' ? [] : [`--use-file-for-fake-video-capture=${noiseClip(dir)}`];
const browser = await launchWithMedia(camera);
try {
  if (mode === 'hold') await hold(browser, srv, Number(rest[0] || 1), Number(rest[1] || 2));
  else if (mode === 'capacity') await capacity(browser, srv, Number(rest[0]), Number(rest[1] || 8), Number(rest[2] || 2), Number(rest[3] || 10));
  else throw new Error('usage: rooms.mjs hold URL SHOWS VIEWERS | capacity URL JANUS_PID MAX STEP SECONDS');
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
