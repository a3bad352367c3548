// How a page lays the stage out (docs/video.md "Co-hosts and screen share"): who is on it, in
// which order, and which picture is the main one. Pure, so that web/test can hold it.
import type { Feed, FeedKind } from './types';

/** One picture on the page: a feed watched, or one's own camera or screen (`self`). */
export interface StageTile {
  key: string;
  identity: string;
  kind: FeedKind;
  stream: MediaStream;
  /** One's own: not played back with sound, a camera shown mirrored. */
  self: boolean;
}

/** The video identity of user `id`: the server names users so in grants (docs/video.md). */
export const identityOf = (id: string) => `u${id}`;

/** The identities a page watches: the seller's, then each co-host's, without its own. */
export function watchedIdentities(sellerId: string, cohosts: readonly string[], me: string | null): string[] {
  return [sellerId, ...cohosts].map(identityOf).filter((x) => x !== (me ? identityOf(me) : null));
}

/**
 * The stage as the page shows it: `main`, the seller's camera (the host stays the big picture,
 * as live-shopping apps keep it), and the other `tiles` in stage order: the seller's screen,
 * then each co-host's camera and screen. Feeds of identities not on stage are left out (a
 * removed co-host's, before the video server has kicked them).
 */
export function arrangeStage(sellerId: string, cohosts: readonly string[], own: StageTile[], feeds: readonly Feed[]): { main: StageTile | null; tiles: StageTile[] } {
  const order = [sellerId, ...cohosts].map(identityOf);
  const rank = (t: StageTile) => order.indexOf(t.identity) * 2 + (t.kind === 'screen' ? 1 : 0);
  const all = [...own, ...feeds.map((f) => ({ ...f, self: false }))].filter((t) => order.includes(t.identity));
  all.sort((a, b) => rank(a) - rank(b));
  const main = all.find((t) => t.identity === order[0] && t.kind === 'camera') ?? null;
  return { main, tiles: all.filter((t) => t !== main) };
}
