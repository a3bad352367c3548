// The show room page (/s/:id): the stage, the current lot with bidding, the lineup with
// pre-bids, and chat. All live state comes from room.ts; each part is its own file here.
import { useEffect, useMemo } from 'preact/hooks';
import { useStore } from '../lib/store';
import { useSession } from '../state/session';
import { ErrorBox, Loading, useTitle } from '../components/ui';
import { Room } from './room';
import { Stage } from './Stage';
import { Announcer } from './Announcer';
import { LotPanel } from './LotPanel';
import { Lineup } from './Lineup';
import { usePrebids } from './prebids';
import { Chat } from './Chat';
import { useSellerControls } from './useSellerControls';

export function ShowRoom({ params }: { params: Record<string, string> }) {
  const room = useMemo(() => new Room(params.id), [params.id]);
  useEffect(() => {
    void room.open();
    return () => room.close();
  }, [room]);
  const st = useStore(room.state);
  const s = useSession();
  const isSeller = !!s && !!st.stream && s.user.id === st.stream.seller_id;
  const Controls = useSellerControls(isSeller);
  const prebids = usePrebids(room.streamId, !!s && !!st.stream && !isSeller ? s.user.id : null);
  useTitle(st.stream?.title ?? 'Show');

  if (st.phase === 'error' && !st.stream) return <div class="page"><h1>Show</h1><ErrorBox error={st.error} /></div>;
  if (!st.stream) return <div class="page"><Loading label="Joining the show…" /></div>;
  const lots = st.stream.products ?? [];
  const lot = lots.find((p) => p.id === st.auction?.product_id) ?? null;

  return (
    <div class="page room" data-phase={st.phase}>
      <div class="room-main">
        <Stage st={st} stream={st.stream} lot={lot} />

        <Announcer text={st.announcement} seq={st.announceSeq} />

        {isSeller && Controls && <Controls room={room} state={st} />}

        <LotPanel room={room} st={st} lot={lot} isSeller={isSeller} />

        <Lineup lots={lots} st={st} prebids={isSeller || !s ? null : prebids} />
      </div>
      <Chat room={room} st={st} canModerate={isSeller || st.canModerate} />
    </div>
  );
}
