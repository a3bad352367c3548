// LiveKit (the production provider) through its official client, livekit-client. This module
// and the library are one lazy chunk: index.ts imports it only when a grant names LiveKit, so
// the Janus path and the first load never carry it.
//
// A viewer subscribes to the show's main feed: a participant whose metadata says
// {"role":"publisher"} (the server writes it into the seller's grant and into the encoder's
// ingress), preferring the encoder (OBS, LiveKit's INGRESS participant) over the seller's
// browser camera when both are there; its camera and microphone make the session's stream. A
// publisher sends its camera and microphone. LiveKit's client resumes a dropped connection by
// itself (same token); when it gives up, or the connection fails before it is up, the session
// starts again from a fresh grant after a pause, until closed. The room deleted by the server
// (the show ended) ends the session.
import {
  DisconnectReason,
  ParticipantKind,
  RemoteParticipant,
  Room,
  RoomEvent,
  Track,
  type RemoteTrack,
} from 'livekit-client';
import type { GrantSource, VideoGrant, VideoProvider, VideoSession, VideoState, VideoStats } from './types';
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

/** The feed a viewer watches: the encoder if the seller streams from one, else the seller. */
function mainFeed(room: Room): RemoteParticipant | null {
  const publishers = [...room.remoteParticipants.values()].filter((p) => roleOf(p) === 'publisher');
  return publishers.find((p) => p.kind === ParticipantKind.INGRESS) ?? publishers[0] ?? null;
}

function subscribed(p: RemoteParticipant, source: Track.Source): RemoteTrack | undefined {
  const pub = p.getTrackPublication(source);
  return pub?.isSubscribed ? pub.track : undefined;
}

async function inboundVideo(track: RemoteTrack | undefined): Promise<VideoStats | null> {
  const receiver = track?.receiver;
  return receiver ? decoderStats(await receiver.getStats()) : null;
}

class LiveKitSession implements VideoSession {
  stream: MediaStream | null = null;
  state: VideoState = 'connecting';
  private room: Room | null = null;
  private closed = false;
  private listeners: (() => void)[] = [];
  private video: RemoteTrack | undefined;

  constructor(private grants: GrantSource, private media?: MediaStream) {
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

  /** A viewer's picture: the main feed's camera and microphone, as they come and go. */
  private follow(room: Room) {
    const feed = mainFeed(room);
    const video = feed && subscribed(feed, Track.Source.Camera);
    const audio = feed && subscribed(feed, Track.Source.Microphone);
    this.video = video ?? undefined;
    if (!video) return this.set('waiting', null);
    const tracks = [video.mediaStreamTrack, ...(audio ? [audio.mediaStreamTrack] : [])];
    const same = this.stream && this.stream.getTracks().length === tracks.length && tracks.every((t) => this.stream!.getTracks().includes(t));
    this.set('playing', same ? this.stream : new MediaStream(tracks));
  }

  /** One connection, from connect to its end; resolves with why it ended. */
  private async once(grant: VideoGrant): Promise<DisconnectReason | undefined> {
    const room = (this.room = new Room({ adaptiveStream: false, dynacast: !!this.media }));
    const ended = new Promise<DisconnectReason | undefined>((resolve) => room.once(RoomEvent.Disconnected, resolve));
    if (!this.media) {
      const update = () => this.follow(room);
      for (const ev of [RoomEvent.TrackSubscribed, RoomEvent.TrackUnsubscribed, RoomEvent.ParticipantConnected,
        RoomEvent.ParticipantDisconnected, RoomEvent.ParticipantMetadataChanged, RoomEvent.TrackMuted, RoomEvent.TrackUnmuted]) {
        room.on(ev, update);
      }
    }
    room.on(RoomEvent.Reconnecting, () => this.set('connecting'));
    room.on(RoomEvent.Reconnected, () => (this.media ? this.set('playing') : this.follow(room)));
    await room.connect(grant.url, grant.token, { autoSubscribe: !this.media });
    if (this.closed) return DisconnectReason.CLIENT_INITIATED;
    if (this.media) {
      for (const t of this.media.getTracks()) {
        await room.localParticipant.publishTrack(t, { source: t.kind === 'video' ? Track.Source.Camera : Track.Source.Microphone });
      }
      this.set('playing');
    } else {
      this.follow(room);
    }
    return ended;
  }

  private async run() {
    while (!this.closed) {
      let reason: DisconnectReason | undefined;
      try {
        reason = await this.once(await this.grants());
      } catch {
        // refused or unreachable: try again from a fresh grant
      }
      const room = this.room;
      this.room = null;
      this.video = undefined;
      await room?.disconnect().catch(() => {});
      if (this.closed) return;
      if (reason === DisconnectReason.ROOM_DELETED) return this.set('ended', null);
      this.set('connecting', this.media ?? null);
      await sleep(RETRY_MS);
    }
  }

  async close() {
    this.closed = true;
    await this.room?.disconnect().catch(() => {});
    this.media?.getTracks().forEach((t) => t.stop());
    this.set('ended', null);
  }
}

export const livekit: VideoProvider = {
  watch: (grants) => new LiveKitSession(grants),
  publish: (grants, media) => new LiveKitSession(grants, media),
};
