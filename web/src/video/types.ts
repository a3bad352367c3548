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
  /** The show's picture (viewer) or what is being sent (publisher); null until there is one. */
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

export interface VideoProvider {
  /** Watch the show: the seller's camera, following it as it comes, goes and comes back. */
  watch(grants: GrantSource): VideoSession;
  /** Publish `media` (camera and microphone, or a screen) into the show's room. */
  publish(grants: GrantSource, media: MediaStream): VideoSession;
}
