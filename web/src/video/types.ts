// The browser's side of a show's video (DESIGN §8): one interface, one implementation per
// provider (Janus here; LiveKit loaded only when a server is configured for it). The show room
// and the studio never know which provider serves them: they hand over the grant the server
// gave them (POST /streams/{id}/video/token) and get MediaStreams back.
import type { components } from '../api/schema';

export type VideoGrant = components['schemas']['VideoGrant'];

/** What the decoder reports (RTCInboundRtpStreamStats of the video track). */
export interface VideoStats {
  framesDecoded: number;
  frameWidth: number;
  frameHeight: number;
  /** Seconds a frame waits in the jitter buffer, on average (jitterBufferDelay / emitted). */
  jitterBufferDelayS: number;
}

export type VideoState = 'connecting' | 'waiting' | 'playing' | 'ended' | 'failed';

export interface VideoSession {
  /** The show's picture (a watcher: the first stage identity's camera) or what is being sent
   * (publisher); null until there is one. */
  readonly stream: MediaStream | null;
  readonly state: VideoState;
  /** Called on every change of stream or state. */
  onChange(cb: () => void): void;
  /** The incoming video's decoder figures (viewers), or null before there is one. */
  stats(): Promise<VideoStats | null>;
  /** Leave the room and stop every track this session opened. */
  close(): Promise<void>;
}

/**
 * Where a session gets its grant, again whenever it reconnects: a grant lasts minutes, a show
 * hours, and a viewer coming back after a dropped connection needs a fresh one.
 */
export type GrantSource = () => Promise<VideoGrant>;

/** What a feed shows: a camera (with its microphone) or a shared screen. */
export type FeedKind = 'camera' | 'screen';

/** One publisher's feed in the room, as a watcher receives it. */
export interface Feed {
  /** Stable while the feed lasts (the provider's id of it). */
  key: string;
  /** Who publishes it: the grant identity, `u<user id>` (docs/video.md). */
  identity: string;
  kind: FeedKind;
  stream: MediaStream;
}

/** Watching everyone on stage: the seller and the co-hosts, each camera and screen. */
export interface StageSession extends VideoSession {
  /** The feeds being played, in the order they came. */
  readonly feeds: readonly Feed[];
  /** Whose feeds to play (the stage, from show:stage); others' are dropped at once. */
  setStage(identities: readonly string[]): void;
}

export interface VideoProvider {
  /** Watch the feeds of the `stage` identities, following them as they come, go and come back. */
  watch(grants: GrantSource, stage: readonly string[]): StageSession;
  /** Publish `media` (camera and microphone, or a screen) into the show's room. */
  publish(grants: GrantSource, media: MediaStream, kind: FeedKind): VideoSession;
}
