// The replay of an ended show (GET /streams/{id}/replay): the player once the recording is
// ready, else what became of it. While it is being made the page asks again every few
// seconds. A video receipt's link (/s/<id>?t=<seconds>) starts the player at the moment a lot
// sold, and brings the replay into view.
import { useEffect, useRef, useState } from 'preact/hooks';
import * as api from '../api/endpoints';
import type { Replay as ReplayData, Stream } from '../api/types';
import { useLocation } from '../router';
import { ErrorBox, Loading } from '../components/ui';
import { ReplayPlayer, clock } from './ReplayPlayer';

const POLL_MS = 4000;
const MAKING = ['pending', 'recording', 'processing'];

function useReplay(stream: Stream): { data: ReplayData | null; error: unknown } {
  const [state, setState] = useState<{ data: ReplayData | null; error: unknown }>({ data: null, error: null });
  const ended = stream.status === 'ended';
  useEffect(() => {
    if (!ended) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = () => api.replay(stream.id).then(
      (r) => {
        if (!live) return;
        setState({ data: r.replay, error: null });
        if (MAKING.includes(r.replay.state)) timer = setTimeout(load, POLL_MS);
      },
      (error) => live && setState({ data: null, error }),
    );
    void load();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [stream.id, ended]);
  return state;
}

function whyNone(r: ReplayData): string {
  if (r.state === 'failed' || r.state === 'skipped') return `There is no replay of this show: ${r.reason ?? 'it was not recorded'}.`;
  return r.record ? 'There is no replay of this show.' : 'This show was not recorded.';
}

export function Replay({ stream }: { stream: Stream }) {
  const { query } = useLocation();
  const t = Number(query.get('t'));
  const startAt = query.has('t') && Number.isFinite(t) && t >= 0 ? t : null;
  const { data, error } = useReplay(stream);
  const section = useRef<HTMLElement>(null);
  const playable = !!data && data.state === 'ready' && !!(data.video || data.audio);
  useEffect(() => {
    if (startAt !== null && playable) section.current?.scrollIntoView({ block: 'start' });
  }, [startAt, playable]);
  if (stream.status !== 'ended') return null;
  return (
    <section class="replay" id="replay" aria-labelledby="replay-h" ref={section}>
      <h2 id="replay-h">Replay</h2>
      <ErrorBox error={error} />
      {!data && !error && <Loading label="Finding the replay…" />}
      {data && playable && (
        <>
          {startAt !== null && <p class="hint">Starting at {clock(startAt)}: the moment the lot sold. Go back to watch the bidding.</p>}
          <ReplayPlayer replay={data} title={stream.title} startAt={startAt} />
        </>
      )}
      {data && !playable && MAKING.includes(data.state) && <p role="status">The replay is being prepared. It appears here in a few minutes.</p>}
      {data && !playable && !MAKING.includes(data.state) && <p>{whyNone(data)}</p>}
    </section>
  );
}
