// The show room page (/s/:id), video first. One screen: the picture fills it (phone) or
// sits beside the lot and the chat (desktop); the current lot with its bid control, and
// the chat, are on it. Below that screen: the bids so far, the lineup with pre-bids, and
// the seller's controls. All live state comes from room.ts; each part is its own file.
import { useEffect, useMemo } from 'preact/hooks';
import { useStore } from '../lib/store';
import { useSession } from '../state/session';
import { ErrorBox, Loading, useTitle } from '../components/ui';
import { Room } from './room';
import { Stage } from './Stage';
import { Announcer } from './Announcer';
import { LotPanel } from './LotPanel';
import { BidHistory } from './BidHistory';
import { Lineup } from './Lineup';
import { usePrebids } from './prebids';
import { Chat } from './Chat';
import { useSellerControls } from './useSellerControls';
import { Replay } from './Replay';
import { useStage } from './useStage';
import { CohostBar, CohostPanel } from './Cohosts';

/** The room's screen is the viewport below the site header: keep its height in a CSS variable. */
function useHeaderHeight() {
  useEffect(() => {
    const header = document.querySelector<HTMLElement>('.site-header');
    if (!header) return;
    const set = () => document.documentElement.style.setProperty('--header-h', `${header.offsetHeight}px`);
    set();
    const ro = new ResizeObserver(set);
    ro.observe(header);
    return () => ro.disconnect();
  }, []);
}

export function ShowRoom({ params }: { params: Record<string, string> }) {
  const room = useMemo(() => new Room(params.id), [params.id]);
  useEffect(() => {
    void room.open();
    return () => room.close();
  }, [room]);
  useHeaderHeight();
  const st = useStore(room.state);
  const s = useSession();
  const isSeller = !!s && !!st.stream && s.user.id === st.stream.seller_id;
  const Controls = useSellerControls(isSeller);
  const stage = useStage(room, st, s?.user.id ?? null, isSeller);
  const prebids = usePrebids(room.streamId, !!s && !!st.stream && !isSeller ? s.user.id : null);
  useTitle(st.stream?.title ?? 'Show');

  if (st.phase === 'error' && !st.stream) return <div class="page"><h1>Show</h1><ErrorBox error={st.error} /></div>;
  if (!st.stream) return <div class="page"><Loading label="Joining the show…" /></div>;
  const lots = st.stream.products ?? [];
  const lot = lots.find((p) => p.id === st.auction?.product_id) ?? null;

  return (
    <div class="page room" data-phase={st.phase}>
      <div class="room-screen">
        <Stage st={st} stream={st.stream} lot={lot} video={stage.video} />
        <Announcer text={st.announcement} seq={st.announceSeq} />
        <LotPanel room={room} st={st} lot={lot} isSeller={isSeller} />
        <Chat room={room} st={st} canModerate={isSeller || st.canModerate} />
        {isSeller && Controls && <Controls.Bar room={room} state={st} />}
        {stage.isCohost && <CohostBar room={room} st={st} stage={stage} />}
      </div>
      <div class="room-more">
        <Replay stream={st.stream} />
        {isSeller && Controls && <Controls.Queue room={room} state={st} />}
        {isSeller && st.stream.status !== 'ended' && <CohostPanel room={room} st={st} stage={stage} />}
        {st.auction && <section class="bids-panel" aria-label="Bids on this lot"><BidHistory bids={st.bids} me={s?.user.id ?? null} /></section>}
        <Lineup lots={lots} st={st} prebids={isSeller || !s ? null : prebids} />
      </div>
    </div>
  );
}
