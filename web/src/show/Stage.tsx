// The top of the show room: the video area (no live video yet: the cover), the title and
// the shop, and a note while the connection is lost.
import type { Stream, StreamProduct } from '../api/types';
import { when } from '../lib/format';
import { Img, LiveBadge } from '../components/ui';
import type { RoomState } from './state';

export function Stage({ st, stream, lot }: { st: RoomState; stream: Stream; lot: StreamProduct | null }) {
  const lots = stream.products ?? [];
  return (
    <section class="stage" aria-labelledby="show-title">
      <div class="video">
        {/* No live video yet: the show's cover, else the current (or first) lot's photo, else a placeholder. */}
        <Img urls={stream.cover?.urls ?? (lot ?? lots[0])?.image?.urls} alt={`Cover of ${stream.title}`} size="large" eager class="video-img" />
        <div class="video-overlay">
          {stream.status === 'live' ? <LiveBadge /> : <span class="badge muted">{stream.status === 'scheduled' ? 'Starts soon' : 'Ended'}</span>}
          <span class="badge muted viewers" data-testid="viewers">{st.viewers} watching</span>
        </div>
      </div>
      <h1 id="show-title">{stream.title}</h1>
      <p class="muted">
        <a href={`/sellers/${stream.seller.username}`}>{stream.seller.shop_name}</a>
        {stream.status === 'scheduled' && <> · starts {when(stream.starts_at)}</>}
      </p>
      {st.phase === 'reconnecting' && <p class="conn-note" role="status">Connection lost. Reconnecting; bids will catch up.</p>}
    </section>
  );
}
