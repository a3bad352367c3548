// The top of the show room: the picture (VideoStage: the video once there is one, else the
// cover), the title and the shop, and a note while the connection is lost or the video
// cannot start. Two grid items
// (the picture, the title) so the room's layout can place them.
import type { Stream, StreamProduct } from '../api/types';
import { when } from '../lib/format';
import type { RoomState } from './state';
import { VideoStage } from './VideoStage';

export function Stage({ st, stream, lot, media, self, videoProblem }: {
  st: RoomState; stream: Stream; lot: StreamProduct | null; media: MediaStream | null; self?: boolean; videoProblem?: string | null;
}) {
  return (
    <>
      <VideoStage stream={stream} media={media} viewers={st.viewers} lot={lot} self={self} />
      <header class="room-title">
        <h1 id="show-title">{stream.title}</h1>
        <p>
          <a href={`/sellers/${stream.seller.username}`}>{stream.seller.shop_name}</a>
          {stream.status === 'scheduled' && <> · starts {when(stream.starts_at)}</>}
        </p>
        {st.phase === 'reconnecting' && <p class="conn-note" role="status">Connection lost. Reconnecting; bids will catch up.</p>}
        {videoProblem && <p class="conn-note" role="status">{videoProblem}</p>}
      </header>
    </>
  );
}
