// Janus (the embedded default) over its HTTP API: a session with a long poll for its events,
// VideoRoom handles on it. A publisher joins with the room key its grant carries, display =
// its identity, and sends one offer; its video stream's description says what it is
// ("camera" or "screen": a screen share is a second publisher of the same identity). A watcher
// lists the room's participants every second (listparticipants), subscribes to each feed of the
// identities on stage, one handle and RTCPeerConnection per feed, reads from the subscription
// which kind of feed it is, and drops a feed that leaves or whose identity leaves the stage.
// ICE candidates travel inside the SDP (gathering is finished before an offer or answer is
// sent), so there is no trickle. A lost session ends the attempt and starts again from a fresh
// grant after a pause, until closed.
import type { Feed, FeedKind, GrantSource, StageSession, VideoGrant, VideoProvider, VideoSession, VideoState, VideoStats } from './types';
import { decoderStats } from './stats';

type Json = Record<string, any>;
const PLUGIN = 'janus.plugin.videoroom';
const KEEPALIVE_MS = 25_000; // Janus drops a session after 60 s without a request
const RETRY_MS = 1_000;
const GATHER_MS = 3_000;
const WAIT_PUBLISHER_MS = 1_000; // how often a watcher looks for the stage's feeds
const NO_SUCH_ROOM = 426; // the VideoRoom's answer before the room opens and after it closes

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
      if (this.waiters.get(id) !== w) throw new Error('handle detached');
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

  /** Let handle `id` go: its pending waits end, and Janus hangs its connection up. */
  async detach(id: number) {
    const w = this.waiters.get(id);
    this.waiters.delete(id);
    w?.wake?.();
    if (!this.closed) await this.post(`/${id}`, { janus: 'detach' }).catch(() => {});
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

  detach() { return this.s.detach(this.id); }
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
  return pc ? decoderStats(await pc.getStats()) : null;
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

async function publishOnce(s: Supervised, g: VideoGrant, media: MediaStream, kind: FeedKind) {
  const h = await s.session!.attach();
  await h.send({ request: 'join', ptype: 'publisher', room: room(g), display: g.identity, token: g.publish_key },
    (e) => videoroom(e) === 'joined');
  const pc = (s.pc = new RTCPeerConnection());
  for (const t of media.getTracks()) pc.addTransceiver(t, { direction: 'sendonly', streams: [media] });
  await pc.setLocalDescription(await pc.createOffer());
  await gathered(pc);
  // What the feed is travels with it: watchers read it as the subscription's feed_description.
  const mid = pc.getTransceivers().find((t) => t.sender.track?.kind === 'video')?.mid;
  const answer = await h.send({ request: 'publish', audio: true, video: true, descriptions: mid ? [{ mid, description: kind }] : [] },
    (e) => !!e.jsep, { type: 'offer', sdp: pc.localDescription!.sdp });
  await pc.setRemoteDescription(answer.jsep);
  s.set('playing');
  await s.lost();
}

/** One feed a watcher plays: its subscription handle and connection, once they exist. */
interface Sub {
  feed: string; // the publisher's id in the room
  identity: string;
  handle: Handle | null;
  pc: RTCPeerConnection | null;
  out: Feed | null; // once its first track came
  dropped: boolean;
}

/** Watching the stage: every feed of the identities on it, each in a subscription of its own. */
class StageWatch extends Supervised implements StageSession {
  feeds: readonly Feed[] = [];
  private stage: readonly string[];
  private subs = new Map<string, Sub>();
  private wake = () => {};

  constructor(grants: GrantSource, stage: readonly string[]) {
    super(grants, (s, g) => (s as StageWatch).watchOnce(g));
    this.stage = stage;
  }

  setStage(identities: readonly string[]) {
    this.stage = identities;
    for (const sub of [...this.subs.values()]) if (!identities.includes(sub.identity)) this.drop(sub);
    this.feedsChanged();
    this.wake(); // look for the newcomers' feeds now
  }

  /** The main feed's decoder: the first stage identity's camera. */
  stats() {
    const main = [...this.subs.values()].find((x) => x.out && x.out === this.mainFeed());
    return videoStats(main?.pc ?? null);
  }

  async close() {
    for (const sub of [...this.subs.values()]) this.drop(sub);
    await super.close();
  }

  private mainFeed(): Feed | undefined {
    return this.feeds.find((f) => f.identity === this.stage[0] && f.kind === 'camera');
  }

  private feedsChanged() {
    if (this.state === 'ended' || this.closed) return;
    this.set(this.feeds.length ? 'playing' : 'waiting', this.mainFeed()?.stream ?? null);
  }

  /** Until the session is lost: follow the room's publishers, once a second. */
  async watchOnce(g: VideoGrant) {
    const session = this.session!;
    const lister = await session.attach();
    try {
      while (!this.closed && !session.closed && this.state !== 'ended') {
        let list: Json[];
        try {
          list = (await lister.ask({ request: 'listparticipants', room: room(g) })).participants ?? [];
        } catch (e) {
          if (!(e instanceof JanusError && e.code === NO_SUCH_ROOM)) throw e;
          list = []; // not open yet: nobody to watch
        }
        this.follow(g, list);
        this.feedsChanged();
        await new Promise<void>((r) => { this.wake = r; setTimeout(r, WAIT_PUBLISHER_MS); });
      }
    } finally {
      for (const sub of [...this.subs.values()]) this.drop(sub);
    }
  }

  private follow(g: VideoGrant, participants: Json[]) {
    const present = new Set<string>();
    for (const p of participants) {
      if (!p.publisher || !this.stage.includes(p.display)) continue;
      const feed = String(p.id);
      present.add(feed);
      if (!this.subs.has(feed)) {
        const sub: Sub = { feed, identity: p.display, handle: null, pc: null, out: null, dropped: false };
        this.subs.set(feed, sub);
        this.play(g, sub).catch(() => {}).finally(() => this.drop(sub)); // the next look tries again
      }
    }
    for (const sub of [...this.subs.values()]) if (!present.has(sub.feed)) this.drop(sub);
  }

  /** Subscribe to one feed and play it until it goes. */
  private async play(g: VideoGrant, sub: Sub) {
    const h = (sub.handle = await this.session!.attach());
    if (sub.dropped) return;
    const attached = await h.send({ request: 'join', ptype: 'subscriber', room: room(g), streams: [{ feed: sub.feed }] },
      (e) => videoroom(e) === 'attached' && !!e.jsep);
    const streams: Json[] = attached.plugindata.data.streams ?? [];
    const kind: FeedKind = streams.some((x) => x.type === 'video' && x.feed_description === 'screen') ? 'screen' : 'camera';
    const pc = (sub.pc = new RTCPeerConnection());
    const stream = new MediaStream();
    pc.addEventListener('track', (ev) => {
      stream.addTrack(ev.track);
      if (sub.out || sub.dropped) return;
      sub.out = { key: sub.feed, identity: sub.identity, kind, stream };
      this.feeds = [...this.feeds, sub.out];
      this.feedsChanged();
    });
    pc.addEventListener('connectionstatechange', () => { if (pc.connectionState === 'failed') this.drop(sub); });
    await pc.setRemoteDescription(attached.jsep);
    await pc.setLocalDescription(await pc.createAnswer());
    await gathered(pc);
    await h.send({ request: 'start', room: room(g) }, (e) => videoroom(e) === 'event' && e.plugindata.data.started === 'ok',
      { type: 'answer', sdp: pc.localDescription!.sdp });
    // The feed leaving (its publisher stopped, dropped or was removed) ends it; the room going
    // away ends the show.
    const e = await h.next((x) => x.janus === 'hangup' || videoroom(x) === 'destroyed' || !!x.plugindata?.data?.left || !!x.plugindata?.data?.unpublished, 24 * 3600_000);
    if (videoroom(e) === 'destroyed') {
      for (const other of [...this.subs.values()]) this.drop(other);
      this.set('ended', null);
    }
  }

  private drop(sub: Sub) {
    sub.dropped = true;
    if (this.subs.get(sub.feed) === sub) this.subs.delete(sub.feed);
    sub.pc?.close();
    sub.pc = null;
    void sub.handle?.detach();
    sub.handle = null;
    if (sub.out) {
      const gone = sub.out;
      sub.out = null;
      this.feeds = this.feeds.filter((f) => f !== gone);
      this.feedsChanged();
    }
  }
}

export const janus: VideoProvider = {
  watch: (grants, stage) => new StageWatch(grants, stage),
  publish: (grants, media, kind) => new Supervised(grants, (s, g) => publishOnce(s, g, media, kind), media),
};
