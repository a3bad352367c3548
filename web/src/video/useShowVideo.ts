// The show's video for a page, while the show is live: everyone watches the stage (the seller
// and the co-hosts, each camera and shared screen, docs/video.md); the seller publishes their
// camera and microphone, a co-host theirs once they go on camera, and either a shared screen
// as a second feed. Sessions follow the show: they start when it goes live (or when the page
// asks), and stop when it ends, when the page no longer asks, or when the page goes away.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { arrangeStage, identityOf, watchedIdentities, type StageTile } from './stage';
import type { Feed, FeedKind, StageSession, VideoSession, VideoState } from './types';

export type { StageTile } from './stage';

export interface ShowVideo {
  /** The seller's camera: the show's main picture; null until there is one. */
  main: StageTile | null;
  /** Everything else on stage: the seller's screen, then each co-host's camera and screen. */
  tiles: StageTile[];
  state: VideoState | 'off';
  /** Why there is no video when the browser refused (camera blocked, no WebRTC). */
  problem: string | null;
}

export interface StageOptions {
  streamId: string;
  live: boolean;
  sellerId: string;
  /** The co-hosts on stage (user ids), in stage order. */
  cohosts: readonly string[];
  /** The signed-in user, or null. */
  me: string | null;
  /** Publish my camera and microphone (the seller while live; a co-host on camera). */
  camera: boolean;
  /** My shared screen, published while set (getDisplayMedia's stream: its owner stops it). */
  screen: MediaStream | null;
}

async function camera(): Promise<MediaStream> {
  return navigator.mediaDevices.getUserMedia({
    video: { facingMode: 'user', width: { ideal: 1280 }, height: { ideal: 720 } },
    audio: { echoCancellation: true, noiseSuppression: true },
  });
}

const canPlay = () => typeof RTCPeerConnection !== 'undefined';

/** The stage's feeds, watched: every feed of `stage` identities. */
function useWatch(streamId: string, live: boolean, stage: readonly string[]) {
  const [feeds, setFeeds] = useState<readonly Feed[]>([]);
  const [state, setState] = useState<VideoState | 'off'>('off');
  const [session, setSession] = useState<StageSession | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    setFeeds([]);
    setProblem(null);
    if (!live || !canPlay()) {
      setState('off');
      if (live) setProblem('This browser cannot play live video.');
      return;
    }
    let s: StageSession | null = null;
    let gone = false;
    (async () => {
      const { watchShow } = await import('./index');
      s = await watchShow(streamId, stage);
      if (gone) return void s.close();
      setSession(s);
      const update = (x: StageSession) => {
        if (gone) return; // a closing session's last word must not wipe its successor's
        setFeeds(x.feeds);
        setState(x.state);
      };
      s.onChange(() => update(s!));
      update(s);
    })().catch(() => setProblem('The video could not start. Reload to try again.'));
    return () => {
      gone = true;
      setSession(null);
      void s?.close();
    };
  }, [streamId, live]);
  const key = stage.join(',');
  useEffect(() => session?.setStage(stage), [session, key]);
  return { feeds, state, problem };
}

/** One's own feed, published while `on`: the camera (opened here) or a given screen. */
function usePublish(streamId: string, on: boolean, role: 'publisher' | 'cohost', kind: FeedKind, screen: MediaStream | null) {
  const [media, setMedia] = useState<MediaStream | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    setProblem(null);
    if (!on || !canPlay()) return;
    let session: VideoSession | null = null;
    let opened: MediaStream | null = null; // the camera this effect opened, stopped with it
    let gone = false;
    (async () => {
      let m = screen;
      if (!m) {
        try {
          m = opened = await camera();
        } catch {
          setProblem('Allow the camera and microphone to show your stream.');
          return;
        }
      }
      if (gone) return opened?.getTracks().forEach((t) => t.stop());
      setMedia(m);
      const { publishShow } = await import('./index');
      session = await publishShow(streamId, m, role, kind);
      if (gone) void session.close();
    })().catch(() => setProblem('The video could not start. Reload to try again.'));
    return () => {
      gone = true;
      setMedia(null);
      void session?.close();
      opened?.getTracks().forEach((t) => t.stop());
    };
  }, [streamId, on, role, kind, screen]);
  return { media: on ? media : null, problem };
}

export function useShowVideo(o: StageOptions): ShowVideo {
  const mine = o.me ? identityOf(o.me) : null;
  const cohosts = o.cohosts.join(',');
  const stage = useMemo(() => watchedIdentities(o.sellerId, o.cohosts, o.me), [o.sellerId, cohosts, o.me]);
  const role = o.me === o.sellerId ? 'publisher' : 'cohost';
  const watched = useWatch(o.streamId, o.live, stage);
  const cam = usePublish(o.streamId, o.live && o.camera, role, 'camera', null);
  const scr = usePublish(o.streamId, o.live && !!o.screen, role, 'screen', o.screen);
  return useMemo(() => {
    const own: StageTile[] = [];
    if (cam.media && mine) own.push({ key: 'self-camera', identity: mine, kind: 'camera', stream: cam.media, self: true });
    if (scr.media && mine) own.push({ key: 'self-screen', identity: mine, kind: 'screen', stream: scr.media, self: true });
    const { main, tiles } = arrangeStage(o.sellerId, o.cohosts, own, watched.feeds);
    return {
      main,
      tiles,
      state: o.live ? (main || tiles.length ? 'playing' : watched.state) : 'off',
      problem: cam.problem ?? scr.problem ?? watched.problem,
    };
  }, [cam.media, scr.media, watched.feeds, watched.state, watched.problem, cam.problem, scr.problem, o.sellerId, cohosts, mine, o.live]);
}
