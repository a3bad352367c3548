// The show's lots in order: which is up now, which sold, and (for a signed-in buyer) a
// pre-bid on each lot still to come.
import type { StreamProduct } from '../api/types';
import { errorText } from '../api/errors';
import { money, soldText } from '../lib/format';
import { Img } from '../components/ui';
import type { RoomState } from './state';
import type { Prebids } from './prebids';
import { PrebidControl } from './PrebidControl';

export function Lineup({ lots, st, prebids }: { lots: StreamProduct[]; st: RoomState; prebids: Prebids | null }) {
  if (!lots.length) return null;
  const open = st.stream?.status === 'scheduled' || st.stream?.status === 'live';
  return (
    <section class="lineup" aria-labelledby="lineup-h">
      <h2 id="lineup-h">Lineup</h2>
      {prebids?.loadError ? <p class="error-box" role="alert">Could not load your pre-bids: {errorText(prebids.loadError)}</p> : null}
      <ol>
        {lots.map((p) => {
          const current = st.auction?.product_id === p.id && st.auction.status === 'running';
          const r = st.results[p.id];
          const sold = p.sales?.[p.sales.length - 1];
          return (
            <li key={p.id} class={current ? 'current' : ''} aria-current={current ? 'true' : undefined}>
              <Img urls={p.image?.urls} alt="" size="small" class="lineup-img" />
              <span class="lineup-title"><a href={`/p/${p.id}`}>{p.title}</a></span>
              <span class="muted small">
                {current ? 'Bidding now' : r ? (r.winner ? soldText({ price: r.amount ?? 0, winner: null }) : 'Not sold') : sold ? soldText(sold) : p.buy_now_price ? `Value ${money(p.buy_now_price)}` : ''}
              </span>
              {prebids && open && !r && !sold && st.auction?.product_id !== p.id && (
                <PrebidControl streamId={st.streamId} lot={p} mine={prebids.byLot[p.id] ?? null} prebids={prebids} />
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
