// The show's video for a page: while the show is live, the seller publishes their camera and
// microphone (and sees them), everyone else watches the seller. The session follows the show:
// it starts when the show goes live and stops when it ends or the page goes away.
import { useEffect, useState } from 'preact/hooks';
import type { VideoSession, VideoState } from './types';

export interface ShowVideo {
  media: MediaStream | null;
  state: VideoState | 'off';
  /** Why there is no video when the browser refused (camera blocked, no WebRTC). */
  problem: string | null;
}

const OFF: ShowVideo = { media: null, state: 'off', problem: null };

async function camera(): Promise<MediaStream> {
  return navigator.mediaDevices.getUserMedia({
    video: { facingMode: 'user', width: { ideal: 1280 }, height: { ideal: 720 } },
    audio: { echoCancellation: true, noiseSuppression: true },
  });
}

export function useShowVideo(streamId: string, live: boolean, publisher: boolean): ShowVideo {
  const [video, setVideo] = useState<ShowVideo>(OFF);
  useEffect(() => {
    if (!live || typeof RTCPeerConnection === 'undefined') {
      setVideo(live ? { ...OFF, problem: 'This browser cannot play live video.' } : OFF);
      return;
    }
    let session: VideoSession | null = null;
    let gone = false;
    const follow = (s: VideoSession) => {
      session = s;
      const update = () => setVideo({ media: s.stream, state: s.state, problem: null });
      s.onChange(update);
      update();
    };
    (async () => {
      const { watchShow, publishShow } = await import('./index');
      if (!publisher) return follow(await watchShow(streamId));
      let media: MediaStream;
      try {
        media = await camera();
      } catch {
        setVideo({ ...OFF, problem: 'Allow the camera and microphone to show your stream.' });
        return;
      }
      if (gone) return media.getTracks().forEach((t) => t.stop());
      follow(await publishShow(streamId, media));
    })().catch(() => setVideo({ ...OFF, problem: 'The video could not start. Reload to try again.' }));
    return () => {
      gone = true;
      void session?.close();
    };
  }, [streamId, live, publisher]);
  return video;
}
