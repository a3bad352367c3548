// Janus (the embedded default) over its HTTP API: a session with a long poll for its events,
// one VideoRoom handle per role. A publisher joins with the room key its grant carries and
// sends one offer; a viewer waits for a publisher (listparticipants), subscribes to its feed
// and answers Janus's offer. ICE candidates travel inside the SDP (gathering is finished
// before an offer or answer is sent), so there is no trickle. Any failure ends the attempt
// and the session starts again from a fresh grant after a pause, until closed.
import type { GrantSource, VideoGrant, VideoProvider, VideoSession, VideoState, VideoStats } from './types';

type Json = Record<string, any>;
const PLUGIN = 'janus.plugin.videoroom';
const KEEPALIVE_MS = 25_000; // Janus drops a session after 60 s without a request
const RETRY_MS = 1_000;
const GATHER_MS = 3_000;
const WAIT_PUBLISHER_MS = 1_000; // how often a viewer looks for the seller's feed

class JanusError extends Error {
  constructor(readonly code: number, reason: string) { super(`janus ${code}: ${reason}`); }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const tx = () => Math.random().toString(36).slice(2, 12);

/** One Janus session: requests, its long poll, and the events of each handle. */
class Session {
  private waiters = new Map<number, { events: Json[]; wake?: () => void }>();
  private timer: ReturnType<typeof setInterval> | undefined;
  closed = false;

  private constructor(private grant: VideoGrant, readonly id: number, private onLost: () => void) {
    this.timer = setInterval(() => { this.post('', { janus: 'keepalive' }).catch(() => this.lose()); }, KEEPALIVE_MS);
    void this.poll();
  }

  static async open(grant: VideoGrant, onLost: () => void): Promise<Session> {
    const r = await request(grant, '', { janus: 'create' });
    return new Session(grant, r.data.id, onLost);
  }

  post(path: string, body: Json): Promise<Json> {
    return request(this.grant, `/${this.id}${path}`, body);
  }

  async attach(): Promise<Handle> {
    const r = await this.post('', { janus: 'attach', plugin: PLUGIN });
    this.waiters.set(r.data.id, { events: [] });
    return new Handle(this, r.data.id);
  }

  /** The next event of handle `id` that `match` accepts (others are dropped), or a timeout. */
  async next(id: number, match: (e: Json) => boolean, ms = 10_000): Promise<Json> {
    const w = this.waiters.get(id);
    if (!w) throw new Error('no such handle');
    const until = Date.now() + ms;
    for (;;) {
      while (w.events.length) {
        const e = w.events.shift()!;
        const err = e.plugindata?.data?.error_code;
        if (err) throw new JanusError(err, e.plugindata.data.error);
        if (match(e)) return e;
      }
      if (this.closed) throw new Error('session closed');
      const left = until - Date.now();
      if (left <= 0) throw new Error('janus: no answer in time');
      await new Promise<void>((r) => { w.wake = r; setTimeout(r, left); });
      w.wake = undefined;
    }
  }

  private async poll() {
    while (!this.closed) {
      try {
        const url = `${this.grant.url}/${this.id}?maxev=10&rid=${Date.now()}&token=${encodeURIComponent(this.grant.token)}`;
        const res = await fetch(url);
        if (!res.ok) throw new Error(`janus poll ${res.status}`);
        const body = await res.json();
        for (const e of Array.isArray(body) ? body : [body]) {
          if (e.janus === 'keepalive') continue;
          const w = this.waiters.get(e.sender);
          if (w) { w.events.push(e); w.wake?.(); }
        }
      } catch {
        this.lose();
      }
    }
  }

  // Stops polling and keepalives and wakes every waiter; false when already closed.
  private shut(): boolean {
    if (this.closed) return false;
    this.closed = true;
    clearInterval(this.timer);
    for (const w of this.waiters.values()) w.wake?.();
    return true;
  }

  private lose() {
    if (this.shut()) this.onLost();
  }

  async destroy() {
    if (this.shut()) await this.post('', { janus: 'destroy' }).catch(() => {});
  }
}

async function request(grant: VideoGrant, path: string, body: Json): Promise<Json> {
  const res = await fetch(grant.url + path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ ...body, transaction: tx(), token: grant.token }),
  });
  if (!res.ok) throw new Error(`janus ${res.status}`);
  const r = await res.json();
  if (r.janus === 'error') throw new JanusError(r.error?.code ?? 0, r.error?.reason ?? 'error');
  return r;
}

class Handle {
  constructor(private s: Session, readonly id: number) {}

  /** A synchronous VideoRoom request: its answer's data. */
  async ask(body: Json): Promise<Json> {
    const r = await this.s.post(`/${this.id}`, { janus: 'message', body });
    const data = r.plugindata?.data ?? {};
    if (data.error_code) throw new JanusError(data.error_code, data.error);
    return data;
  }

  /** An asynchronous request: the event that answers it (the one `match` accepts). */
  async send(body: Json, match: (e: Json) => boolean, jsep?: RTCSessionDescriptionInit): Promise<Json> {
    await this.s.post(`/${this.id}`, { janus: 'message', body, ...(jsep ? { jsep } : {}) });
    return this.s.next(this.id, match);
  }

  next(match: (e: Json) => boolean, ms?: number) { return this.s.next(this.id, match, ms); }
}

// Room ids are strings (the VideoRoom runs with string_ids): a show's id does not fit a number.
const room = (g: VideoGrant) => g.room;
const videoroom = (e: Json) => e.plugindata?.data?.videoroom as string | undefined;

/** Wait until the connection has its candidates, so they travel in the SDP. */
async function gathered(pc: RTCPeerConnection) {
  if (pc.iceGatheringState === 'complete') return;
  await new Promise<void>((resolve) => {
    const done = () => { if (pc.iceGatheringState === 'complete') resolve(); };
    pc.addEventListener('icegatheringstatechange', done);
    setTimeout(resolve, GATHER_MS);
  });
}

async function videoStats(pc: RTCPeerConnection | null): Promise<VideoStats | null> {
  if (!pc) return null;
  let out: VideoStats | null = null;
  (await pc.getStats()).forEach((r: any) => {
    if (r.type === 'inbound-rtp' && r.kind === 'video') {
      out = {
        framesDecoded: r.framesDecoded ?? 0,
        frameWidth: r.frameWidth ?? 0,
        frameHeight: r.frameHeight ?? 0,
        jitterBufferDelayS: r.jitterBufferEmittedCount ? r.jitterBufferDelay / r.jitterBufferEmittedCount : 0,
      };
    }
  });
  return out;
}

/**
 * A session that keeps itself going: `attempt` connects once and resolves when that
 * connection is lost; the loop starts another from a fresh grant, until close().
 */
class Supervised implements VideoSession {
  stream: MediaStream | null = null;
  state: VideoState = 'connecting';
  pc: RTCPeerConnection | null = null;
  session: Session | null = null;
  closed = false;
  private listeners: (() => void)[] = [];

  constructor(private grants: GrantSource, private attempt: (s: Supervised, g: VideoGrant) => Promise<void>, private ownMedia?: MediaStream) {
    if (ownMedia) this.stream = ownMedia;
    void this.run();
  }

  onChange(cb: () => void) { this.listeners.push(cb); }

  set(state: VideoState, stream: MediaStream | null = this.stream) {
    this.state = state;
    this.stream = stream;
    for (const cb of this.listeners) cb();
  }

  stats() { return videoStats(this.pc); }

  /** Resolves when the session or the peer connection is lost (or the room ends). */
  lost(): Promise<void> {
    return new Promise((resolve) => {
      const pc = this.pc;
      const check = () => {
        if (this.closed || this.session?.closed || !pc || pc.connectionState === 'failed' || pc.connectionState === 'closed') resolve();
      };
      pc?.addEventListener('connectionstatechange', check);
      const t = setInterval(check, 500);
      void Promise.resolve().then(check);
      this.done = () => { clearInterval(t); resolve(); };
    });
  }
  done = () => {};

  private async run() {
    while (!this.closed) {
      try {
        const grant = await this.grants();
        this.session = await Session.open(grant, () => this.done());
        await this.attempt(this, grant);
      } catch {
        // fall through: tidy up and try again
      }
      this.pc?.close();
      this.pc = null;
      await this.session?.destroy();
      this.session = null;
      if (this.closed || this.state === 'ended') return;
      this.set('connecting', this.ownMedia ?? null);
      await sleep(RETRY_MS);
    }
  }

  async close() {
    this.closed = true;
    this.done();
    this.pc?.close();
    await this.session?.destroy();
    this.ownMedia?.getTracks().forEach((t) => t.stop());
    this.set('ended', null);
  }
}

async function publishOnce(s: Supervised, g: VideoGrant, media: MediaStream) {
  const h = await s.session!.attach();
  await h.send({ request: 'join', ptype: 'publisher', room: room(g), display: g.identity, token: g.publish_key },
    (e) => videoroom(e) === 'joined');
  const pc = (s.pc = new RTCPeerConnection());
  for (const t of media.getTracks()) pc.addTransceiver(t, { direction: 'sendonly', streams: [media] });
  await pc.setLocalDescription(await pc.createOffer());
  await gathered(pc);
  const answer = await h.send({ request: 'publish', audio: true, video: true }, (e) => !!e.jsep,
    { type: 'offer', sdp: pc.localDescription!.sdp });
  await pc.setRemoteDescription(answer.jsep);
  s.set('playing');
  await s.lost();
}

async function watchOnce(s: Supervised, g: VideoGrant) {
  const h = await s.session!.attach();
  let feed: number | undefined;
  while (feed === undefined) {
    const list = await h.ask({ request: 'listparticipants', room: room(g) });
    feed = (list.participants ?? []).find((p: Json) => p.publisher)?.id;
    if (feed === undefined) { s.set('waiting', null); await sleep(WAIT_PUBLISHER_MS); }
    if (s.closed || s.session!.closed) return;
  }
  const attached = await h.send({ request: 'join', ptype: 'subscriber', room: room(g), streams: [{ feed }], ...(g.publish_key ? { token: g.publish_key } : {}) },
    (e) => videoroom(e) === 'attached' && !!e.jsep);
  const pc = (s.pc = new RTCPeerConnection());
  const stream = new MediaStream();
  pc.addEventListener('track', (ev) => { stream.addTrack(ev.track); s.set('playing', stream); });
  await pc.setRemoteDescription(attached.jsep);
  await pc.setLocalDescription(await pc.createAnswer());
  await gathered(pc);
  await h.send({ request: 'start', room: room(g) }, (e) => videoroom(e) === 'event' && e.plugindata.data.started === 'ok',
    { type: 'answer', sdp: pc.localDescription!.sdp });
  // The feed leaving (the seller stopped, or dropped) ends this attempt; the room going away
  // ends the show.
  const gone = h.next((e) => e.janus === 'hangup' || videoroom(e) === 'destroyed' || !!e.plugindata?.data?.left || !!e.plugindata?.data?.unpublished, 24 * 3600_000)
    .then((e) => { if (videoroom(e) === 'destroyed') s.set('ended', null); });
  await Promise.race([gone, s.lost()]);
}

export const janus: VideoProvider = {
  watch: (grants) => new Supervised(grants, (s, g) => watchOnce(s, g)),
  publish: (grants, media) => new Supervised(grants, (s, g) => publishOnce(s, g, media), media),
};
