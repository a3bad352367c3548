// The show's video for the room and the studio: fetch a grant from the server, pick the
// provider it names, and hand back a session. Only the provider the server uses is loaded.
import { post } from '../api/client';
import type { FeedKind, GrantSource, StageSession, VideoGrant, VideoProvider, VideoSession } from './types';

export type { Feed, FeedKind, StageSession, VideoGrant, VideoSession, VideoState, VideoStats } from './types';

type Role = VideoGrant['role'];

/** Grants for `role` in show `streamId`, one per call (the server rate-limits them). */
export function grantsFor(streamId: string, role: Role): GrantSource {
  return async () => (await post<{ video: VideoGrant }>(`/streams/${encodeURIComponent(streamId)}/video/token`, { role })).video;
}

async function providerFor(g: VideoGrant): Promise<VideoProvider> {
  switch (g.provider) {
    case 'janus':
      return (await import('./janus')).janus;
    case 'livekit':
      return (await import('./livekit')).livekit;
    default:
      throw new Error(`video provider ${g.provider} is not supported by this app`);
  }
}

/** The first grant decides the provider; later grants (reconnections) come from `grants`. */
async function start(grants: GrantSource, go: (p: VideoProvider, g: GrantSource) => VideoSession): Promise<VideoSession> {
  const first = await grants();
  let pending: VideoGrant | null = first;
  const source: GrantSource = async () => {
    const g = pending;
    pending = null;
    return g ?? grants();
  };
  return go(await providerFor(first), source);
}

/** Watch show `streamId`'s stage: the feeds of `stage` identities (anyone, signed in or not). */
export const watchShow = (streamId: string, stage: readonly string[]) =>
  start(grantsFor(streamId, 'viewer'), (p, g) => p.watch(g, stage)) as Promise<StageSession>;

/** Publish `media` into show `streamId`: its seller (`publisher`) or a co-host (`cohost`), while
 * the show is live; a camera or a shared screen. */
export const publishShow = (streamId: string, media: MediaStream, role: Role = 'publisher', kind: FeedKind = 'camera') =>
  start(grantsFor(streamId, role), (p, g) => p.publish(g, media, kind));
