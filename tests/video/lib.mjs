// What the browser video tests share: a private Janus (scripts/services.sh, as `make run`
// and `make test` start it), a blytz that uses it, and a Chromium with a fake camera and
// microphone. These tests run inside the network namespace scripts/netns-run.sh makes
// (scripts/test.sh runs them so): WebRTC needs an interface that is not loopback, and the
// namespace keeps every socket of the test off the machine's real interfaces.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { startServer } from '../api/lib/harness.mjs';
import { CHROMIUM_ARGS, ensureWebBuilt, repo } from '../e2e/lib/web.mjs';

/** True inside the namespace scripts/netns-run.sh makes (it has the veth pair). */
export function inTestNamespace() {
  try {
    return execFileSync('ip', ['-brief', 'addr', 'show', 'v0'], { encoding: 'utf8' }).includes('10.213.0.1');
  } catch {
    return false;
  }
}

/** A private Janus: { env: {JANUS_*}, stop() }. Stopped by stop(), and on exit whatever happens. */
export function startJanus() {
  const dir = mkdtempSync(join(tmpdir(), 'blytz-video-'));
  const out = execFileSync('bash', ['-c', '. scripts/services.sh; svc_janus_start "$1" >/dev/null; env', 'janus', join(dir, 'janus')],
    { cwd: repo, encoding: 'utf8' });
  const env = Object.fromEntries(out.split('\n').filter((l) => l.startsWith('JANUS_')).map((l) => l.split(/=(.*)/s).slice(0, 2)));
  const pidFile = join(dir, 'janus', 'janus.pid');
  const pid = Number(readFileSync(pidFile, 'utf8'));
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try { process.kill(pid, 'SIGKILL'); } catch { /* gone already */ }
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', stop);
  return { env, stop };
}

/** A blytz serving the web app with video through `janus`. */
export function startVideoServer(janus, env = {}) {
  return startServer({ env: { BLYTZ_VIDEO: 'janus', ...janus.env, BLYTZ_RATE_VIDEO_BURST: '1000', ...env } });
}

/** Chromium whose camera and microphone are the fake devices (a test pattern and a tone;
 * `args` may add e.g. --use-file-for-fake-video-capture). */
export function launchWithMedia(args = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_BIN || '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream',
      '--autoplay-policy=no-user-gesture-required', ...args],
    headless: true,
  });
}

/** Keep every RTCPeerConnection a page makes, so the test can read its statistics. */
export async function watchPeerConnections(ctx) {
  await ctx.addInitScript(() => {
    const Native = window.RTCPeerConnection;
    window.__pcs = [];
    window.RTCPeerConnection = function RTCPeerConnection(...args) {
      const pc = new Native(...args);
      window.__pcs.push(pc);
      return pc;
    };
    window.RTCPeerConnection.prototype = Native.prototype;
  });
}

/** The page's incoming video, from getStats: {framesDecoded, frameWidth, jitterBufferMs} of
 * its live connections' inbound video, or null when there is none. */
export function videoStats(page) {
  return page.evaluate(async () => {
    let best = null;
    for (const pc of window.__pcs ?? []) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach((r) => {
        if (r.type === 'inbound-rtp' && r.kind === 'video' && (!best || r.framesDecoded > best.framesDecoded)) {
          best = { framesDecoded: r.framesDecoded ?? 0, frameWidth: r.frameWidth ?? 0,
            jitterBufferMs: r.jitterBufferEmittedCount ? (1000 * r.jitterBufferDelay) / r.jitterBufferEmittedCount : 0 };
        }
      });
    }
    return best;
  });
}

/** A phone's browser context options (360×740, touch). */
export const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Each video test file's setup: before its tests (inside the namespace), the web app built, a
 * private Janus, a blytz using it and a Chromium with fake media; after them, all stopped.
 * `env.janus`, `env.srv` and `env.browser` are set once `before` has run.
 */
export function useVideoEnv() {
  const env = { janus: null, srv: null, browser: null };
  before(async () => {
    assert.ok(inTestNamespace(), 'run through scripts/netns-run.sh (scripts/test.sh does): WebRTC needs the namespace');
    ensureWebBuilt();
    env.janus = startJanus();
    env.srv = await startVideoServer(env.janus);
    env.browser = await launchWithMedia();
  });
  after(async () => {
    await env.browser?.close();
    await env.srv?.stop();
    env.janus?.stop();
  });
  return env;
}
