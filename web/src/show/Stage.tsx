// The top of the show room: the picture (VideoStage: the seller's camera once there is one,
// else the cover), the others on stage as smaller tiles (StageTiles: co-hosts, shared
// screens; a tapped one is shown large instead), the title and the shop, and a note while
// the connection is lost or the video cannot start. Three grid items (the picture, the
// tiles, the title) so the room's layout can place them.
import { useState } from 'preact/hooks';
import type { Stream, StreamProduct } from '../api/types';
import { when } from '../lib/format';
import { identityOf, type StageTile } from '../video/stage';
import type { ShowVideo } from '../video/useShowVideo';
import type { RoomState } from './state';
import { StageTiles } from './StageTiles';
import { VideoStage } from './VideoStage';

export function Stage({ st, stream, lot, video }: {
  st: RoomState; stream: Stream; lot: StreamProduct | null; video: ShowVideo;
}) {
  const [pick, setPick] = useState<string | null>(null);
  const all = video.main ? [video.main, ...video.tiles] : video.tiles;
  // Large: the picture the viewer tapped, else the seller's camera, else whoever is on.
  const main = all.find((t) => t.key === pick) ?? video.main ?? all[0] ?? null;
  const nameOf = (t: StageTile) => {
    const who = t.self ? 'You' : t.identity === identityOf(stream.seller_id) ? stream.seller.username
      : st.cohosts.find((c) => identityOf(c.id) === t.identity)?.username ?? 'Co-host';
    return t.kind === 'screen' ? (t.self ? 'Your screen' : `${who}'s screen`) : who;
  };
  return (
    <>
      <VideoStage stream={stream} media={main?.stream ?? null} viewers={st.viewers} lot={lot}
        self={!!main?.self && main.kind === 'camera'} muted={!!main?.self} screen={main?.kind === 'screen'} />
      <StageTiles tiles={all.filter((t) => t !== main)} nameOf={nameOf} onPick={(k) => setPick(k === video.main?.key ? null : k)} />
      <header class="room-title">
        <h1 id="show-title">{stream.title}</h1>
        <p>
          <a href={`/sellers/${stream.seller.username}`}>{stream.seller.shop_name}</a>
          {stream.status === 'scheduled' && <> · starts {when(stream.starts_at)}</>}
        </p>
        {st.phase === 'reconnecting' && <p class="conn-note" role="status">Connection lost. Reconnecting; bids will catch up.</p>}
        {video.problem && <p class="conn-note" role="status">{video.problem}</p>}
      </header>
    </>
  );
}
