// Who is on stage in a show, and what this page does there (docs/video.md "Co-hosts and
// screen share"): everyone watches the seller and the co-hosts; the seller publishes their
// camera while live; a co-host goes on camera when they choose; the seller and a co-host may
// share a screen as a second feed. The stage itself (the co-hosts) is the room's (show:stage).
import { useEffect, useState } from 'preact/hooks';
import * as api from '../api/endpoints';
import type { Id } from '../api/types';
import { useShowVideo, type ShowVideo } from '../video/useShowVideo';
import type { Room } from './room';
import type { RoomState } from './state';

export interface StageControls {
  video: ShowVideo;
  /** The signed-in user is a co-host of this show. */
  isCohost: boolean;
  /** A co-host publishing their camera. */
  onCamera: boolean;
  setOnCamera(on: boolean): void;
  /** This page shares a screen. */
  sharing: boolean;
  /** The seller or a co-host, the show live, a browser that can share a screen. */
  canShare: boolean;
  /** Ask the browser for a screen and publish it (call from a click: browsers want a gesture). */
  share(): Promise<void>;
  stopSharing(): void;
  /** A co-host leaves the stage. */
  stepDown(): Promise<void>;
}

const stop = (m: MediaStream | null) => m?.getTracks().forEach((t) => t.stop());

export function useStage(room: Room, st: RoomState, me: Id | null, isSeller: boolean): StageControls {
  const live = st.stream?.status === 'live';
  const isCohost = !!me && st.cohosts.some((c) => c.id === me);
  const onStage = isSeller || isCohost;
  const [onCamera, setOnCamera] = useState(false);
  const [screen, setScreen] = useState<MediaStream | null>(null);
  useEffect(() => {
    if (!isCohost) setOnCamera(false); // removed, or stepped down
  }, [isCohost]);
  useEffect(() => {
    if (screen && (!onStage || !live)) {
      stop(screen);
      setScreen(null);
    }
  }, [onStage, live, screen]);
  useEffect(() => () => stop(screen), [screen]); // leaving the page stops the share
  const video = useShowVideo({
    streamId: room.streamId,
    live,
    sellerId: st.stream?.seller_id ?? '',
    cohosts: st.cohosts.map((c) => c.id),
    me,
    camera: isSeller || (isCohost && onCamera),
    screen,
  });
  return {
    video,
    isCohost,
    onCamera,
    setOnCamera,
    sharing: !!screen,
    canShare: onStage && live && typeof navigator !== 'undefined' && !!navigator.mediaDevices?.getDisplayMedia,
    async share() {
      const m = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
      // The browser's own "Stop sharing" ends the track: the share ends with it.
      m.getVideoTracks()[0]?.addEventListener('ended', () => setScreen((cur) => (cur === m ? null : cur)));
      setScreen(m);
    },
    stopSharing() {
      stop(screen);
      setScreen(null);
    },
    async stepDown() {
      if (!me) return;
      await api.removeCohost(room.streamId, me);
      room.applyStage({ stream_id: room.streamId, cohosts: room.state.get().cohosts.filter((c) => c.id !== me) });
    },
  };
}
