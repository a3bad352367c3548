// The picture of a show: the live video when there is a stream to play (the WebRTC client
// hands it a MediaStream), else the show's cover (or a lot's photo) — never a fake video.
// The LIVE badge and the viewer count sit on top either way.
import { useEffect, useRef } from 'preact/hooks';
import type { Stream, StreamProduct } from '../api/types';
import { Img, LiveBadge } from '../components/ui';

export interface VideoStageProps {
  stream: Stream;
  /** The show's video, or null until there is one (the cover is shown instead). */
  media: MediaStream | null;
  viewers: number;
  lot?: StreamProduct | null;
  /** One's own camera: mirrored, and never played back with sound. */
  self?: boolean;
  /** Never played back with sound (one's own screen too). */
  muted?: boolean;
  /** A shared screen: shown whole, not cropped to fill. */
  screen?: boolean;
}

export function VideoStage({ stream, media, viewers, lot, self, muted, screen }: VideoStageProps) {
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const el = video.current;
    if (!el) return;
    el.srcObject = media;
    if (media) void el.play().catch(() => { /* autoplay refused: the controls let the viewer start it */ });
  }, [media]);
  const lots = stream.products ?? [];
  return (
    <div class={`video-stage${media ? ' has-video' : ''}`} data-testid="video-stage">
      {media ? (
        <video ref={video} class={`video-el${self ? ' mirror' : ''}${screen ? ' screen' : ''}`} autoplay playsInline muted={!!self || !!muted} aria-label={`Live video: ${stream.title}`} />
      ) : (
        <Img urls={stream.cover?.urls ?? (lot ?? lots[0])?.image?.urls} alt={`Cover of ${stream.title}`} size="large" eager class="video-img" />
      )}
      <div class="video-overlay">
        {stream.status === 'live' ? <LiveBadge /> : <span class="badge muted">{stream.status === 'scheduled' ? 'Starts soon' : 'Ended'}</span>}
        <span class="badge muted viewers" data-testid="viewers">{viewers} watching</span>
        {stream.record && stream.status !== 'ended' && <span class="badge rec" title="This show is recorded: its replay stays on this page">● Recorded</span>}
      </div>
    </div>
  );
}
