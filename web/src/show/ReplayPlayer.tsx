// The replay of a show: its recording, with its lots marked on a timeline under the picture
// and listed as buttons that jump there. Janus records the picture (WebM) and the sound (Ogg
// Opus) as two files: the <video> drives a hidden <audio> (play, pause, seeking, rate and
// volume follow it, and drift is corrected); LiveKit's MP4 is one file. `startAt` (seconds,
// from a video receipt's ?t=) is where it starts.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Replay, ReplayLot } from '../api/types';
import { money } from '../lib/format';

/** m:ss (h:mm:ss past an hour) of a time in seconds. */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return hh ? `${hh}:${String(mm).padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}

function outcome(lot: ReplayLot): string {
  if (lot.sale) return `Sold ${money(lot.sale.price)}${lot.sale.winner ? ` to ${lot.sale.winner.username}` : ''}`;
  if (lot.status === 'cancelled') return 'Cancelled';
  return lot.status === 'running' ? 'Running' : 'Not sold';
}

const DRIFT_S = 0.3;

/** Keep `audio` in step with `video`: where the audio's time 0 is `offset` s on the video. */
function follow(video: HTMLVideoElement, audio: HTMLAudioElement, offset: number): () => void {
  const target = () => video.currentTime - offset;
  const place = () => {
    const t = target();
    audio.currentTime = t > 0 ? t : 0;
  };
  const playIfDue = () => {
    if (video.paused || video.seeking) return;
    if (target() >= 0) void audio.play().catch(() => { /* refused: the picture plays on */ });
    else audio.pause();
  };
  const on: Record<string, () => void> = {
    play: () => { place(); playIfDue(); },
    playing: playIfDue,
    pause: () => audio.pause(),
    waiting: () => audio.pause(),
    seeking: () => audio.pause(),
    seeked: () => { place(); playIfDue(); },
    ended: () => audio.pause(),
    ratechange: () => { audio.playbackRate = video.playbackRate; },
    volumechange: () => { audio.volume = video.volume; audio.muted = video.muted; },
    timeupdate: () => {
      if (video.paused || video.seeking) return;
      const t = target();
      if (t >= 0 && (audio.paused || Math.abs(audio.currentTime - t) > DRIFT_S)) {
        audio.currentTime = t;
        playIfDue();
      }
    },
  };
  for (const [name, fn] of Object.entries(on)) video.addEventListener(name, fn);
  return () => {
    for (const [name, fn] of Object.entries(on)) video.removeEventListener(name, fn);
    audio.pause();
  };
}

export function ReplayPlayer({ replay, title, startAt }: { replay: Replay; title: string; startAt: number | null }) {
  const video = useRef<HTMLVideoElement>(null);
  const audio = useRef<HTMLAudioElement>(null);
  const [duration, setDuration] = useState(replay.duration_ms ? replay.duration_ms / 1000 : 0);
  const [now, setNow] = useState(0);
  const [muted, setMuted] = useState(false);
  const separate = !!(replay.video && replay.audio);
  const main = () => (replay.video ? video.current : audio.current);

  useEffect(() => {
    const v = video.current;
    const a = audio.current;
    if (!separate || !v || !a) return;
    return follow(v, a, (replay.audio?.offset_ms ?? 0) / 1000);
  }, [replay.video?.url, replay.audio?.url]);

  useEffect(() => {
    const m = main();
    if (!m) return;
    const known = () => {
      if (Number.isFinite(m.duration) && m.duration > 0) setDuration(m.duration);
    };
    const tick = () => setNow(m.currentTime);
    const start = () => {
      known();
      if (startAt !== null && startAt > 0) m.currentTime = startAt;
    };
    m.addEventListener('durationchange', known);
    m.addEventListener('timeupdate', tick);
    m.addEventListener('loadedmetadata', start, { once: true });
    if (m.readyState >= 1) start();
    return () => {
      m.removeEventListener('durationchange', known);
      m.removeEventListener('timeupdate', tick);
      m.removeEventListener('loadedmetadata', start);
    };
  }, [replay.video?.url, startAt]);

  const seek = (ms: number | null) => {
    const m = main();
    if (!m || ms === null) return;
    m.currentTime = ms / 1000;
    m.focus();
  };
  const toggleSound = () => {
    const a = audio.current;
    if (!a) return;
    a.muted = !a.muted;
    setMuted(a.muted);
  };
  // The timeline spans the recording; before its length is known, the last lot's end.
  const span = duration || Math.max(1, ...replay.lots.map((l) => (l.decided_ms ?? 0) / 1000 + 5));
  const pct = (ms: number | null) => `${Math.min(100, Math.max(0, ((ms ?? 0) / 1000 / span) * 100))}%`;
  const lots = replay.lots.map((lot, i) => ({ lot, n: i + 1 }));

  return (
    <div class="replay-player" data-testid="replay-player">
      {replay.video ? (
        <video ref={video} class="replay-video" controls playsInline preload="metadata" src={replay.video.url}
          aria-label={`Replay of ${title}`} data-testid="replay-video" />
      ) : null}
      {replay.audio && (
        <audio ref={audio} src={replay.audio.url} preload="auto" controls={!replay.video}
          class={replay.video ? 'replay-sound' : 'replay-audio'} aria-label={`Sound of ${title}`} data-testid="replay-audio" />
      )}
      {separate && (
        // The picture's own controls have no sound to mute: the sound is the <audio> beside it.
        <button type="button" class="small replay-mute" aria-pressed={muted} onClick={toggleSound}>Mute sound</button>
      )}
      {lots.length > 0 && <p class="hint replay-legend" id="replay-legend">Lots on the recording: tap one to go there.</p>}
      {lots.length > 0 && (
        <div class="replay-timeline" role="group" aria-labelledby="replay-legend">
          <div class="replay-track" aria-hidden="true">
            <span class="replay-now" style={{ left: pct(now * 1000) }} />
          </div>
          {lots.map(({ lot, n }) => lot.start_ms !== null && (
            <button type="button" key={lot.auction_id} class={`replay-mark${lot.sale ? ' sold' : ''}`}
              style={{ left: pct(lot.start_ms), width: `calc(${pct((lot.decided_ms ?? lot.start_ms) - lot.start_ms)} + 4px)` }}
              aria-label={`Lot ${n}: ${lot.title}, at ${clock(lot.start_ms / 1000)}`} title={`Lot ${n}: ${lot.title}`}
              onClick={() => seek(lot.start_ms)} />
          ))}
        </div>
      )}
      {lots.length > 0 && (
        <ol class="replay-lots" aria-label="Lots of this show">
          {lots.map(({ lot, n }) => (
            <li key={lot.auction_id} data-auction-id={lot.auction_id}>
              <button type="button" class="replay-lot" disabled={lot.start_ms === null} onClick={() => seek(lot.start_ms)}>
                Lot {n}: {lot.title} · {outcome(lot)}
              </button>
              {lot.sale && lot.decided_ms !== null && (
                <button type="button" class="small replay-sale" onClick={() => seek(lot.decided_ms)}>
                  The sale, {clock(lot.decided_ms / 1000)}
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
