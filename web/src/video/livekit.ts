// LiveKit (the production provider) through its official client, livekit-client. This module
// and the library are one lazy chunk: index.ts imports it only when a grant names LiveKit, so
// the Janus path and the first load never carry it.
//
// A viewer watches the stage (the identities show:stage names: the seller and co-hosts): each
// camera and screen share of theirs is a feed. The main picture is a participant whose
// metadata says {"role":"publisher"} (the server writes it into the seller's grant and into
// the encoder's ingress), preferring the encoder (OBS, LiveKit's INGRESS participant) over the
// seller's browser camera when both are there; its camera and microphone make the session's
// stream. A publisher sends its camera and microphone, or a screen (LiveKit's screen_share
// sources), over one connection per identity (PublishLink). LiveKit's client resumes a dropped connection by itself (same token); when it
// gives up, or the connection fails before it is up, the session starts again from a fresh
// grant after a pause, until closed. The room deleted by the server (the show ended) ends the
// session.
import {
  DisconnectReason,
  ParticipantKind,
  RemoteParticipant,
  Room,
  RoomEvent,
  Track,
  type RemoteTrack,
} from 'livekit-client';
import type { Feed, FeedKind, GrantSource, StageSession, VideoGrant, VideoProvider, VideoState, VideoStats } from './types';
import { decoderStats } from './stats';

const RETRY_MS = 1_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The role the server wrote into a participant's metadata ("publisher", "cohost", "viewer"). */
function roleOf(p: RemoteParticipant): string | undefined {
  try {
    return JSON.parse(p.metadata || '{}').role;
  } catch {
    return undefined;
  }
}

/** On stage: one of the `stage` identities, or the encoder of one (`obs-<identity>`). */
function onStage(p: RemoteParticipant, stage: readonly string[]): boolean {
  return stage.includes(p.identity) || (p.identity.startsWith('obs-') && stage.includes(p.identity.slice(4)));
}

/** The feed a viewer watches: the encoder if the seller streams from one, else the seller. */
function mainFeed(room: Room, stage: readonly string[]): RemoteParticipant | null {
  const publishers = [...room.remoteParticipants.values()].filter((p) => roleOf(p) === 'publisher' && onStage(p, stage));
  return publishers.find((p) => p.kind === ParticipantKind.INGRESS) ?? publishers[0] ?? null;
}

/** Every camera and screen of the participants on stage, as feeds (in the room's order). */
function stageFeeds(room: Room, stage: readonly string[], old: readonly Feed[]): Feed[] {
  const feeds: Feed[] = [];
  for (const p of room.remoteParticipants.values()) {
    if (!onStage(p, stage)) continue;
    for (const [source, kind] of [[Track.Source.Camera, 'camera'], [Track.Source.ScreenShare, 'screen']] as const) {
      const track = subscribed(p, source);
      if (!track) continue;
      const key = `${p.identity}/${track.sid}`;
      const identity = p.identity.startsWith('obs-') ? p.identity.slice(4) : p.identity;
      feeds.push(old.find((f) => f.key === key) ?? { key, identity, kind, stream: new MediaStream([track.mediaStreamTrack]) });
    }
  }
  return feeds;
}

function subscribed(p: RemoteParticipant, source: Track.Source): RemoteTrack | undefined {
  const pub = p.getTrackPublication(source);
  return pub?.isSubscribed ? pub.track : undefined;
}

async function inboundVideo(track: RemoteTrack | undefined): Promise<VideoStats | null> {
  const receiver = track?.receiver;
  return receiver ? decoderStats(await receiver.getStats()) : null;
}

/**
 * One connection per publishing identity. LiveKit lets an identity into a room once (a second
 * connection of the same identity pushes the first out), so the seller's camera and shared
 * screen are two sets of tracks on one connection, which lasts while either session uses it.
 */
class PublishLink {
  private static links = new Map<string, PublishLink>();
  readonly room = new Room({ adaptiveStream: false, dynacast: true });
  readonly ready: Promise<void>;
  readonly ended: Promise<DisconnectReason | undefined>;
  private users = 0;

  private constructor(private key: string, grant: VideoGrant) {
    this.ended = new Promise((resolve) => this.room.once(RoomEvent.Disconnected, (why) => {
      this.forget();
      resolve(why);
    }));
    this.ready = this.room.connect(grant.url, grant.token, { autoSubscribe: false });
    this.ready.catch(() => this.forget());
  }

  /** The connection of `grant`'s identity in its room, made with this grant if there is none. */
  static take(grant: VideoGrant): PublishLink {
    const key = `${grant.url} ${grant.room} ${grant.identity}`;
    let link = PublishLink.links.get(key);
    if (!link) PublishLink.links.set(key, (link = new PublishLink(key, grant)));
    link.users++;
    return link;
  }

  private forget() {
    if (PublishLink.links.get(this.key) === this) PublishLink.links.delete(this.key);
  }

  /** One user fewer: the last one closes the connection. */
  async release() {
    if (--this.users > 0) return;
    this.forget();
    await this.room.disconnect().catch(() => {});
  }
}

class LiveKitSession implements StageSession {
  stream: MediaStream | null = null;
  state: VideoState = 'connecting';
  feeds: Feed[] = [];
  private room: Room | null = null; /* a watcher's own connection */
  private link: PublishLink | null = null; /* a publisher's shared one */
  private sent: MediaStreamTrack[] = [];
  private unlisten = () => {};
  private left = () => {};
  private closed = false;
  private listeners: (() => void)[] = [];
  private video: RemoteTrack | undefined;

  constructor(private grants: GrantSource, private stage: readonly string[], private media?: MediaStream,
    private kind: FeedKind = 'camera') {
    if (media) this.stream = media;
    void this.run();
  }

  onChange(cb: () => void) { this.listeners.push(cb); }

  private set(state: VideoState, stream: MediaStream | null = this.stream) {
    if (this.state === state && this.stream === stream) return;
    this.state = state;
    this.stream = stream;
    for (const cb of this.listeners) cb();
  }

  stats() { return inboundVideo(this.video); }

  setStage(identities: readonly string[]) {
    this.stage = [...identities];
    if (this.room && !this.media) this.follow(this.room);
  }

  /** A viewer's picture: the main feed's camera and microphone, as they come and go. */
  private follow(room: Room) {
    const feeds = stageFeeds(room, this.stage, this.feeds);
    const changed = feeds.length !== this.feeds.length || feeds.some((f, i) => f !== this.feeds[i]);
    this.feeds = feeds;
    const feed = mainFeed(room, this.stage);
    const video = feed && subscribed(feed, Track.Source.Camera);
    const audio = feed && subscribed(feed, Track.Source.Microphone);
    this.video = video ?? undefined;
    const before = this.stream;
    if (!video) {
      this.set('waiting', null);
    } else {
      const tracks = [video.mediaStreamTrack, ...(audio ? [audio.mediaStreamTrack] : [])];
      const same = this.stream && this.stream.getTracks().length === tracks.length && tracks.every((t) => this.stream!.getTracks().includes(t));
      this.set('playing', same ? this.stream : new MediaStream(tracks));
    }
    if (changed && this.stream === before) for (const cb of this.listeners) cb(); /* feeds alone changed */
  }

  /** One connection, from connect to its end; resolves with why it ended. */
  private once(grant: VideoGrant): Promise<DisconnectReason | undefined> {
    return this.media ? this.send(grant, this.media) : this.watchOnce(grant);
  }

  private async watchOnce(grant: VideoGrant): Promise<DisconnectReason | undefined> {
    const room = (this.room = new Room({ adaptiveStream: false, dynacast: false }));
    const ended = new Promise<DisconnectReason | undefined>((resolve) => room.once(RoomEvent.Disconnected, resolve));
    const update = () => this.follow(room);
    for (const ev of [RoomEvent.TrackSubscribed, RoomEvent.TrackUnsubscribed, RoomEvent.ParticipantConnected,
      RoomEvent.ParticipantDisconnected, RoomEvent.ParticipantMetadataChanged, RoomEvent.TrackMuted, RoomEvent.TrackUnmuted]) {
      room.on(ev, update);
    }
    room.on(RoomEvent.Reconnecting, () => this.set('connecting'));
    room.on(RoomEvent.Reconnected, update);
    await room.connect(grant.url, grant.token, { autoSubscribe: true });
    if (this.closed) return DisconnectReason.CLIENT_INITIATED;
    this.follow(room);
    return ended;
  }

  /** Publish `media` on the identity's connection (a camera as Camera and Microphone, a screen
   * as ScreenShare and ScreenShareAudio). */
  private async send(grant: VideoGrant, media: MediaStream): Promise<DisconnectReason | undefined> {
    const link = (this.link = PublishLink.take(grant));
    const { room } = link;
    const connecting = () => this.set('connecting');
    const playing = () => this.set('playing');
    room.on(RoomEvent.Reconnecting, connecting).on(RoomEvent.Reconnected, playing);
    this.unlisten = () => room.off(RoomEvent.Reconnecting, connecting).off(RoomEvent.Reconnected, playing);
    /* ends when the connection does, or when this session leaves a connection others still use */
    const left = new Promise<DisconnectReason>((resolve) => (this.left = () => resolve(DisconnectReason.CLIENT_INITIATED)));
    await link.ready;
    if (this.closed) return DisconnectReason.CLIENT_INITIATED;
    const screen = this.kind === 'screen';
    for (const t of media.getTracks()) {
      if (this.link !== link) return DisconnectReason.CLIENT_INITIATED; /* closed meanwhile */
      const source = t.kind === 'video' ? (screen ? Track.Source.ScreenShare : Track.Source.Camera)
        : (screen ? Track.Source.ScreenShareAudio : Track.Source.Microphone);
      await room.localParticipant.publishTrack(t, { source });
      this.sent.push(t);
    }
    playing();
    return Promise.race([link.ended, left]);
  }

  /** Leave: a watcher's connection closes, a publisher takes its tracks off the shared one. */
  private async leave() {
    const { room, link, sent } = this;
    this.room = null;
    this.link = null;
    this.sent = [];
    this.video = undefined;
    await room?.disconnect().catch(() => {});
    if (!link) return;
    this.unlisten();
    this.left();
    for (const t of sent) await link.room.localParticipant.unpublishTrack(t, false).catch(() => {});
    await link.release();
  }

  private async run() {
    while (!this.closed) {
      let reason: DisconnectReason | undefined;
      try {
        reason = await this.once(await this.grants());
      } catch {
        // refused or unreachable: try again from a fresh grant
      }
      await this.leave();
      if (this.closed) return;
      if (reason === DisconnectReason.ROOM_DELETED) return this.set('ended', null);
      this.set('connecting', this.media ?? null);
      await sleep(RETRY_MS);
    }
  }

  async close() {
    this.closed = true;
    await this.leave();
    this.media?.getTracks().forEach((t) => t.stop());
    this.set('ended', null);
  }
}

export const livekit: VideoProvider = {
  watch: (grants, stage) => new LiveKitSession(grants, stage),
  publish: (grants, media, kind) => new LiveKitSession(grants, [], media, kind),
};
